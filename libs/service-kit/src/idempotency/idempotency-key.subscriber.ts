import {
  EventSubscriber,
  type EntitySubscriberInterface,
  type TransactionCommitEvent,
} from 'typeorm';
import { currentIdempotencyClaim } from './idempotency-context';

/**
 * Writes the request's Idempotency-Key in the first transaction its handler commits, just
 * before COMMIT: the key exists if and only if the effect does. A concurrent request with the
 * same key fails on the primary key at that point, so its own effect is rolled back.
 */
// Registered through the data source's `subscribers` option; TypeORM instantiates only decorated classes.
@EventSubscriber()
export class IdempotencyKeySubscriber implements EntitySubscriberInterface {
  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const claim = currentIdempotencyClaim();
    if (!claim || claim.claimed) return;
    await event.queryRunner.query(
      'INSERT INTO idempotency_keys (scope, key, request_hash) VALUES ($1, $2, $3)',
      [claim.scope, claim.key, claim.requestHash],
    );
    claim.claimed = true;
  }
}
