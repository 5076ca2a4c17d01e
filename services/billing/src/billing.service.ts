import { runPayfipReconcileCommand } from './payments/payfip/payfip-reconcile-command';
import type { BackendServiceDefinition } from '@portail/service-kit';
import { ClockModule } from '@portail/service-kit';
import { BillingModule } from './billing.module';
import { CreateBilling1796600000001 } from './migrations/1796600000001-create-billing';
import { PrivacyModule } from './privacy/privacy.module';
import { PaymentsAndBaskets1796700000001 } from './migrations/1796700000001-payments-and-baskets';
import { CreditNotesAndReminders1796710000001 } from './migrations/1796710000001-credit-notes-and-reminders';
import { AsynchronousRuns1796720000001 } from './migrations/1796720000001-asynchronous-runs';
import { SepaDirectDebits1796810000001 } from './migrations/1796810000001-sepa-direct-debits';

/** Régies, tariffs, post-billing runs, invoices and their PDF, payments, pre-billed baskets (see README, "Billing"). */
export const billingService: BackendServiceDefinition = {
  name: 'billing',
  imports: [ClockModule, BillingModule, PrivacyModule],
  // The operator's PayFIP reconciliation, through a running replica (like `dead-letters`).
  operatorCommands: { 'payfip-reconcile': runPayfipReconcileCommand },
  entities: [],
  migrations: [
    CreateBilling1796600000001,
    PaymentsAndBaskets1796700000001,
    CreditNotesAndReminders1796710000001,
    AsynchronousRuns1796720000001,
    SepaDirectDebits1796810000001,
  ],
};
