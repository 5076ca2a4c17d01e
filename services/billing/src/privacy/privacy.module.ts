import { Module } from '@nestjs/common';
import { BillingAccountClosedHandler } from './account-closed.handler';
import { ExportBillingData } from './export-personal-data.use-case';
import { BillingPrivacyController } from './privacy.controller';

/** The family's RGPD rights in billing: its part of the export, and what a closure erases. */
@Module({
  controllers: [BillingPrivacyController],
  providers: [ExportBillingData, BillingAccountClosedHandler],
})
export class PrivacyModule {}
