import type { BackendServiceDefinition } from '@portail/service-kit';

/** Régies, tariffs, invoices and payments (see DESIGN.md). */
export const billingService: BackendServiceDefinition = {
  name: 'billing',
  imports: [],
  entities: [],
  migrations: [],
};
