import { Module } from '@nestjs/common';
import { personalDataController } from '@portail/service-kit';
import { BillingAccountClosedHandler } from './account-closed.handler';
import { ExportBillingData } from './export-personal-data.use-case';

/** The family's RGPD rights in billing: its part of the export, and what a closure erases. */
@Module({
  controllers: [personalDataController('billing', ExportBillingData)],
  providers: [ExportBillingData, BillingAccountClosedHandler],
})
export class PrivacyModule {}
