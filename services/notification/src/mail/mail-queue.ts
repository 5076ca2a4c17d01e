import type { EntityManager } from 'typeorm';

/** PostgreSQL channel on which a queued message wakes the mail senders. */
export const OUTGOING_MESSAGES_CHANNEL = 'portail_outgoing_messages';

/**
 * Wakes every replica's mail sender once the caller's transaction commits: NOTIFY is delivered
 * at commit only (never for a rollback), and several in one transaction arrive as one.
 */
export async function wakeMailSenders(manager: EntityManager): Promise<void> {
  await manager.query('SELECT pg_notify($1, $2)', [OUTGOING_MESSAGES_CHANNEL, '']);
}
