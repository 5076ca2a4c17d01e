import { runPayfipReconcileCommand } from './payments/payfip/payfip-reconcile-command';
import type { BackendServiceDefinition } from '@portail/service-kit';
import { ClockModule } from '@portail/service-kit';
import { BillingModule } from './billing.module';
import { CreateBilling1796600000001 } from './migrations/1796600000001-create-billing';
import { PrivacyModule } from './privacy/privacy.module';
import { PaymentsAndBaskets1796700000001 } from './migrations/1796700000001-payments-and-baskets';
import { CreditNotesAndReminders1796710000001 } from './migrations/1796710000001-credit-notes-and-reminders';
import { AsynchronousRuns1796720000001 } from './migrations/1796720000001-asynchronous-runs';
import { CardTransactions1796800000001 } from './migrations/1796800000001-card-transactions';
import { RetentionModule } from './retention/retention.module';
import { RetentionIndexes1796820000021 } from './migrations/1796820000021-retention-indexes';
import { SepaDirectDebits1796810000001 } from './migrations/1796810000001-sepa-direct-debits';
import { CreditorFromSettings1796830000001 } from './migrations/1796830000001-creditor-from-settings';

/** Régies, tariffs, post-billing runs, invoices and their PDF, payments, pre-billed baskets (see README, "Billing"). */
export const billingService: BackendServiceDefinition = {
  name: 'billing',
  imports: [ClockModule, BillingModule, PrivacyModule, RetentionModule],
  // The operator's PayFIP reconciliation, through a running replica (like `dead-letters`).
  operatorCommands: { 'payfip-reconcile': runPayfipReconcileCommand },
  entities: [],
  migrations: [
    CreateBilling1796600000001,
    PaymentsAndBaskets1796700000001,
    CreditNotesAndReminders1796710000001,
    AsynchronousRuns1796720000001,
    CardTransactions1796800000001,
    RetentionIndexes1796820000021,
    SepaDirectDebits1796810000001,
    CreditorFromSettings1796830000001,
  ],
};
