import { createHash } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SERVICE_CONFIG } from '@portail/service-kit';
import type { IdentityConfig } from '../config';
import { AccountLockedException } from './account.exception';

/** Failures older than this are forgotten (the table holds pseudonymised addresses). */
const FORGET_AFTER_HOURS = 24;

/**
 * The back-off of every route that checks a password (login, password and e-mail changes,
 * account closure): LOGIN_MAX_FAILURES consecutive failures from one client address lock that
 * account for that address for LOGIN_LOCK_MINUTES. Counted per account and address, so that
 * someone who knows an agent's e-mail cannot lock the agent out from elsewhere; the gateway's
 * per-address rate limits bound how fast any one address guesses. Addresses are kept only as a
 * hash (an IPv6 client by its /64, which one client usually owns whole).
 */
@Injectable()
export class CredentialFailures {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: IdentityConfig,
  ) {}

  /** Refuses with ACCOUNT_LOCKED while this account is locked for this address. */
  async assertNotLocked(accountId: string, address: string | undefined): Promise<void> {
    const [row] = await this.dataSource.query<Array<{ locked_until: Date }>>(
      `SELECT locked_until FROM credential_failures
        WHERE account_id = $1 AND address_key = $2 AND locked_until > now()`,
      [accountId, addressKey(address)],
    );
    if (row) throw new AccountLockedException(row.locked_until);
  }

  /**
   * Counts a failure in one statement (concurrent attempts all count) and refuses with
   * ACCOUNT_LOCKED when this one locks; returns otherwise, for the caller's own refusal.
   */
  async recordFailure(accountId: string, address: string | undefined): Promise<void> {
    const [row] = await this.dataSource.query<Array<{ locked_until: Date | null }>>(
      `INSERT INTO credential_failures AS f (account_id, address_key, failures, locked_until)
       VALUES ($1, $2, CASE WHEN $3 <= 1 THEN 0 ELSE 1 END,
               CASE WHEN $3 <= 1 THEN now() + make_interval(mins => $4) END)
       ON CONFLICT (account_id, address_key) DO UPDATE
          SET failures = CASE WHEN f.failures + 1 >= $3 THEN 0 ELSE f.failures + 1 END,
              locked_until = CASE WHEN f.failures + 1 >= $3
                                  THEN now() + make_interval(mins => $4) ELSE f.locked_until END,
              last_failure_at = now()
       RETURNING CASE WHEN failures = 0 THEN locked_until END AS locked_until`,
      [
        accountId,
        addressKey(address),
        this.config.LOGIN_MAX_FAILURES,
        this.config.LOGIN_LOCK_MINUTES,
      ],
    );
    await this.dataSource.query(
      `DELETE FROM credential_failures
        WHERE account_id = $1 AND last_failure_at < now() - make_interval(hours => $2)
          AND (locked_until IS NULL OR locked_until < now())`,
      [accountId, FORGET_AFTER_HOURS],
    );
    if (row?.locked_until) throw new AccountLockedException(row.locked_until);
  }

  /** A password reset (the mailbox proved) lifts every lock of the account. */
  async clearAll(manager: EntityManager, accountId: string): Promise<void> {
    await manager.query('DELETE FROM credential_failures WHERE account_id = $1', [accountId]);
  }

  /** A success from this address forgets its failures. */
  async clear(accountId: string, address: string | undefined): Promise<void> {
    await this.dataSource.query(
      'DELETE FROM credential_failures WHERE account_id = $1 AND address_key = $2',
      [accountId, addressKey(address)],
    );
  }
}

/** The pseudonymised key of a client address: IPv4 whole, IPv6 by its /64. */
export function addressKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const plain = mapped ? mapped[1] : address;
  let network: string;
  if (isIPv4(plain)) network = plain;
  else if (isIPv6(plain)) network = ipv6Prefix64(plain);
  else return 'unknown';
  return createHash('sha256').update(network).digest('hex').slice(0, 32);
}

function ipv6Prefix64(address: string): string {
  const [head, tail = ''] = address.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = address.includes('::') && tail ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = address.includes('::')
    ? [...headGroups, ...Array<string>(Math.max(0, missing)).fill('0'), ...tailGroups]
    : headGroups;
  return groups
    .slice(0, 4)
    .map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':');
}
