import 'reflect-metadata';
import { loadConfig } from '@portail/config';
import { exitOnStartupError, runBackendMain } from '@portail/service-kit';
import { billingEnvSchema } from './config';
import { billingService } from './billing.service';
import { runPayfipReconcileCommand } from './payments/payfip/payfip-reconcile-command';

const [command, ...args] = process.argv.slice(2);
if (command === 'payfip-reconcile') {
  // The operator's PayFIP reconciliation, through a running replica (like `dead-letters`).
  try {
    const config = loadConfig('billing', billingEnvSchema);
    runPayfipReconcileCommand(
      { url: config.NATS_URL, subjectPrefix: config.NATS_SUBJECT_PREFIX },
      args,
    )
      .then((code) => process.exit(code))
      .catch((error: unknown) => exitOnStartupError(error));
  } catch (error) {
    exitOnStartupError(error);
  }
} else {
  runBackendMain(billingService, billingEnvSchema);
}
