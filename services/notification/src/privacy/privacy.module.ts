import { Module } from '@nestjs/common';
import { AccountClosedHandler } from './account-closed.handler';
import { ExportNotificationData } from './export-personal-data.use-case';
import { NotificationPrivacyController } from './privacy.controller';

/** The family's notices and e-mails: its part of the export, and what a closure forgets. */
@Module({
  controllers: [NotificationPrivacyController],
  providers: [AccountClosedHandler, ExportNotificationData],
})
export class PrivacyModule {}
