import { BillingSubjects } from '@portail/contracts';
import { askRunningReplica, type OperatorNatsAccess } from '@portail/service-kit';

const USAGE =
  'Usage: main.js payfip-reconcile [--list] [--older-than <minutes>]\n' +
  'Lists (--list) or asks PayFIP again about the payments waiting on it, through a running ' +
  'billing replica over NATS (NATS_URL).';

/**
 * `node dist/services/billing/src/main.js payfip-reconcile [--list]`: the operator's view of the
 * payments waiting on PayFIP, and the retry the reconciliation job does (ask PayFIP, apply once).
 */
export function runPayfipReconcileCommand(
  nats: OperatorNatsAccess,
  args: string[],
): Promise<number> {
  const list = args.includes('--list');
  const at = args.indexOf('--older-than');
  const olderThanMinutes = at < 0 ? 0 : Number(args[at + 1]);
  const known = args.every(
    (arg, index) => arg === '--list' || arg === '--older-than' || (at >= 0 && index === at + 1),
  );
  if (!known || !Number.isInteger(olderThanMinutes) || olderThanMinutes < 0) {
    process.stderr.write(`${USAGE}\n`);
    return Promise.resolve(2);
  }
  return askRunningReplica(
    'billing',
    nats,
    list ? BillingSubjects.payfipWaiting : BillingSubjects.payfipReconcile,
    { olderThanMinutes },
  );
}
