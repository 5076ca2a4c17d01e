import { createHash, randomBytes } from 'node:crypto';
import { Logger, type OnModuleDestroy } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import type { KV, NatsConnection, QueuedIterator, KvEntry } from 'nats';

/**
 * The JetStream key-value bucket the gateway replicas share their rate-limit counts in: one per
 * events stream, so that systems sharing a NATS server (test runs, staging) never mix counts.
 */
export function rateLimitBucketOf(eventsStream: string): string {
  return `${eventsStream}_RATE_LIMITS`;
}

/** Windows are a minute long: ten minutes keeps every live one and drops the rest. */
const BUCKET_TTL_MS = 10 * 60_000;

/** How often a replica publishes the counts it took since the last time. */
export const RATE_LIMIT_FLUSH_MS = 200;

/**
 * Rate-limit counters shared by every gateway replica, so that limits do not multiply with
 * replicas. Windows of `ttl` ms per client key, read as a sliding window (the previous window
 * weighted by its part still inside the last `ttl`): each replica counts its own hits in memory
 * (the decision never waits for the network) and writes its count for the window to its own key
 * of a JetStream KV bucket (`<throttler>.<sha256 of the client key>.<window>.<replica>`) every
 * RATE_LIMIT_FLUSH_MS; it follows the other replicas' keys with a watcher. A client is refused
 * once the estimate over replicas passes the limit: at most one flush interval
 * of the other replicas' hits can be missed. Each replica writes only its own keys, so there is
 * no write contention; the bucket's TTL removes old windows. While NATS is out of reach the
 * replica still limits with its own counts.
 */
export class SharedThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly logger = new Logger(SharedThrottlerStorage.name);
  private readonly replica = randomBytes(6).toString('hex');
  /** This replica's hits per `<throttler>.<client>.<window>`, and when they no longer matter. */
  private readonly local = new Map<string, { hits: number; forgetAt: number }>();
  /** Other replicas' hits per `<throttler>.<client>.<window>`, by replica, and when last seen. */
  private readonly remote = new Map<string, { byReplica: Map<string, number>; seenAt: number }>();
  private readonly dirty = new Set<string>();
  private bucket: Promise<KV | undefined> | undefined;
  private watcher: QueuedIterator<KvEntry> | undefined;
  private readonly flushTimer: NodeJS.Timeout;
  private warned = false;

  constructor(
    private readonly connection: NatsConnection,
    private readonly bucketName: string,
    private readonly now: () => number = Date.now,
  ) {
    // Follow the other replicas from the start, so that the first decisions already count them.
    this.flushTimer = setInterval(() => void this.flush(), RATE_LIMIT_FLUSH_MS);
    this.flushTimer.unref();
    void this.bucketOrNothing();
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    _blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    const window = Math.floor(now / ttl);
    const counter = counterOf(throttlerName, key, window);
    const mine = (this.local.get(counter)?.hits ?? 0) + 1;
    // Kept through the next window, whose estimate still weighs this one.
    this.local.set(counter, { hits: mine, forgetAt: (window + 2) * ttl });
    this.dirty.add(counter);
    // Sliding-window estimate: the previous window's hits weighted by the part of it still
    // inside the last `ttl`, plus this window's. No burst of twice the limit across a boundary.
    const elapsed = (now - window * ttl) / ttl;
    const estimate =
      this.hitsOf(counterOf(throttlerName, key, window - 1)) * (1 - elapsed) + this.hitsOf(counter);
    const isBlocked = estimate > limit;
    const secondsLeft = Math.max(1, Math.ceil(((window + 1) * ttl - now) / 1000));
    return {
      totalHits: Math.ceil(estimate),
      timeToExpire: secondsLeft,
      isBlocked,
      timeToBlockExpire: isBlocked ? secondsLeft : 0,
    };
  }

  /** Every replica's hits of one window, as known here. */
  private hitsOf(counter: string): number {
    let hits = this.local.get(counter)?.hits ?? 0;
    for (const count of this.remote.get(counter)?.byReplica.values() ?? []) hits += count;
    return hits;
  }

  /** Writes the counts taken since the last flush (also run every RATE_LIMIT_FLUSH_MS). */
  async flush(): Promise<void> {
    const bucket = await this.bucketOrNothing();
    this.forgetOldWindows();
    if (!bucket) return;
    const counters = [...this.dirty];
    this.dirty.clear();
    try {
      await Promise.all(
        counters.map((counter) =>
          bucket.put(`${counter}.${this.replica}`, String(this.local.get(counter)?.hits ?? 0)),
        ),
      );
    } catch (error) {
      for (const counter of counters) this.dirty.add(counter);
      this.warnOnce(error);
    }
  }

  /** The other replicas' hits of a client in the current window, as seen so far (tests). */
  remoteHits(throttlerName: string, key: string, ttl: number): number {
    const counter = counterOf(throttlerName, key, Math.floor(this.now() / ttl));
    let hits = 0;
    for (const count of this.remote.get(counter)?.byReplica.values() ?? []) hits += count;
    return hits;
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.flushTimer);
    this.watcher?.stop();
    if (!this.connection.isClosed()) await this.flush().catch(() => undefined);
  }

  private bucketOrNothing(): Promise<KV | undefined> {
    this.bucket ??= this.openBucket();
    return this.bucket;
  }

  private async openBucket(): Promise<KV | undefined> {
    try {
      const bucket = await this.connection.jetstream().views.kv(this.bucketName, {
        history: 1,
        ttl: BUCKET_TTL_MS,
      });
      this.watcher = await bucket.watch({ key: '>' });
      void this.follow(this.watcher);
      if (this.warned) this.logger.log('Sharing rate-limit counts with the other replicas again');
      this.warned = false;
      return bucket;
    } catch (error) {
      this.warnOnce(error);
      // Try again at a later flush.
      this.bucket = undefined;
      return undefined;
    }
  }

  private async follow(watcher: QueuedIterator<KvEntry>): Promise<void> {
    try {
      for await (const entry of watcher) {
        const at = entry.key.lastIndexOf('.');
        const counter = entry.key.slice(0, at);
        const replica = entry.key.slice(at + 1);
        if (replica === this.replica) continue;
        const hits = entry.operation === 'PUT' ? Number(entry.string()) : 0;
        if (!Number.isSafeInteger(hits) || hits < 0) continue;
        let seen = this.remote.get(counter);
        if (!seen) this.remote.set(counter, (seen = { byReplica: new Map(), seenAt: 0 }));
        seen.byReplica.set(replica, hits);
        seen.seenAt = this.now();
      }
    } catch (error) {
      this.warnOnce(error);
    }
    // The watcher ended (connection lost): open the bucket and follow again at the next flush.
    this.bucket = undefined;
  }

  /** Ended windows decide nothing any more; the bucket forgets them after its TTL too. */
  private forgetOldWindows(): void {
    const now = this.now();
    for (const [counter, { forgetAt }] of this.local) {
      if (forgetAt <= now && !this.dirty.has(counter)) this.local.delete(counter);
    }
    for (const [counter, { seenAt }] of this.remote) {
      if (seenAt < now - BUCKET_TTL_MS) this.remote.delete(counter);
    }
  }

  private warnOnce(error: unknown): void {
    if (this.warned) return;
    this.warned = true;
    this.logger.warn(
      `Rate limits counted by this replica alone for now: cannot share them through NATS (${String(error)})`,
    );
  }
}

function counterOf(throttlerName: string, key: string, window: number): string {
  const client = createHash('sha256').update(key).digest('hex').slice(0, 32);
  return `${throttlerName}.${client}.${window}`;
}
