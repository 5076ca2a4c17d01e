import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@portail/contracts';
import { SERVICE_LOGGER, type Logger } from '@portail/logging';
import { HandlesEvent } from '@portail/messaging';

/**
 * A family closed its account (RGPD): its in-app notices and preferences are deleted, its
 * pending e-mails are cancelled, and every e-mail written for it loses its address, subject
 * and bodies. What stays of those e-mails is the bare fact: id, event, template, status,
 * attempts and dates, under the account id (which identity keeps, anonymised), so that an
 * operator can still answer "was this message sent?". The account id and closing date are
 * kept in closed_accounts: events of other producers are not ordered with identity's, and one
 * that arrives later must notify no one. Messages queued before outgoing messages carried
 * their account cannot be found this way and stay as they are.
 */
@Injectable()
export class AccountClosedHandler {
  constructor(@Inject(SERVICE_LOGGER) private readonly logger: Logger) {}

  @HandlesEvent('identity.account.closed')
  async onAccountClosed(
    event: EventEnvelope<'identity.account.closed'>,
    manager: EntityManager,
  ): Promise<void> {
    const accountId = event.payload.id;
    await manager.query(
      `INSERT INTO closed_accounts (account_id, closed_at) VALUES ($1, $2)
       ON CONFLICT (account_id) DO NOTHING`,
      [accountId, event.payload.closedAt],
    );
    await manager.query('DELETE FROM notifications WHERE account_id = $1', [accountId]);
    await manager.query('DELETE FROM notification_preferences WHERE account_id = $1', [accountId]);
    // A message being sent right now is locked by its sender: this waits for it, and then
    // finds it sent (not pending), so it is erased but not cancelled.
    const [, cancelled] = await manager.query<[unknown[], number]>(
      `UPDATE outgoing_messages SET status = 'cancelled', last_error = NULL
        WHERE account_id = $1 AND status = 'pending'`,
      [accountId],
    );
    await manager.query(
      `UPDATE outgoing_messages
          SET recipient = $2, subject = '', html = '', text = '', last_error = NULL
        WHERE account_id = $1`,
      [accountId, `closed-${accountId}@anonymise.invalid`],
    );
    this.logger.info({ accountId, cancelled }, 'Notifications of a closed account erased');
  }
}
