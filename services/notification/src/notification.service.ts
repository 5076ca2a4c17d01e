import type { BackendServiceDefinition } from '@portail/service-kit';

/** E-mails and in-app notifications (see DESIGN.md). */
export const notificationService: BackendServiceDefinition = {
  name: 'notification',
  imports: [],
  entities: [],
  migrations: [],
};
