import { retentionJobProvider, type RetentionRule } from '@portail/service-kit';
import type { IdentityConfig } from '../config';

/**
 * What identity deletes, and when (the README's retention table lists the same). The outbox,
 * inbox and dead letters go through the shared event library (OUTBOX_RETENTION_DAYS,
 * DEAD_LETTERS_RETENTION_DAYS); accounts, households and the directory live until closed.
 */
export function identityRetentionRules(config: IdentityConfig): RetentionRule[] {
  return [
    {
      // a sign-up whose address nobody proved: never a household (it cannot log in)
      table: 'accounts',
      days: config.PENDING_ACCOUNTS_RETENTION_DAYS,
      olderThan: `status = 'pending' AND created_at < $1
        AND NOT EXISTS (SELECT 1 FROM households h WHERE h.created_by_account_id = accounts.id)`,
    },
    {
      table: 'account_tokens',
      days: config.EMAIL_LINKS_RETENTION_DAYS,
      olderThan: 'used_at < $1 OR expires_at < $1',
    },
    {
      table: 'refresh_tokens',
      days: config.ENDED_SESSIONS_RETENTION_DAYS,
      olderThan: 'expires_at < $1 OR revoked_at < $1',
    },
    {
      // addresses (hashed) of failed password checks: forgotten after 24 hours, lock over
      table: 'credential_failures',
      days: 1,
      olderThan: 'last_failure_at < $1 AND (locked_until IS NULL OR locked_until < $1)',
    },
    { table: 'audit_log', days: config.AUDIT_LOG_RETENTION_DAYS, olderThan: 'at < $1' },
  ];
}

/** Identity's purge, every RETENTION_INTERVAL_MS, once across replicas (`app.get(RetentionJob)`). */
export const identityRetentionJob = retentionJobProvider(
  'identity.retention',
  identityRetentionRules,
);
