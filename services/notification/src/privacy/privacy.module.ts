import { Module } from '@nestjs/common';
import { personalDataController } from '@portail/service-kit';
import { AccountClosedHandler } from './account-closed.handler';
import { ExportNotificationData } from './export-personal-data.use-case';

/** The family's notices and e-mails: its part of the export, and what a closure forgets. */
@Module({
  controllers: [personalDataController('notification', ExportNotificationData)],
  providers: [AccountClosedHandler, ExportNotificationData],
})
export class PrivacyModule {}
