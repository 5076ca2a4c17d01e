import type { BackendServiceDefinition } from '@portail/service-kit';
import { ClockModule } from '@portail/service-kit';
import { BillingModule } from './billing.module';
import { CreateBilling1796600000001 } from './migrations/1796600000001-create-billing';
import { AsynchronousRuns1796720000001 } from './migrations/1796720000001-asynchronous-runs';

/** Régies, tariffs, post-billing runs, invoices and their PDF (see README, "Billing"). */
export const billingService: BackendServiceDefinition = {
  name: 'billing',
  imports: [ClockModule, BillingModule],
  entities: [],
  migrations: [CreateBilling1796600000001, AsynchronousRuns1796720000001],
};
