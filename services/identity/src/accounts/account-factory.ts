import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { normalizeEmail, passwordWeakness, type PostalAddress } from '@portail/contracts';
import type { EventRecorder } from '@portail/messaging';
import { Account, type AccountKind } from './account.entity';
import { EmailAlreadyRegisteredException, InvalidFieldException } from './account.exception';

/**
 * The one place where account rows are made: a family's sign-up (pending), a family written
 * already verified by an operator's tool, and staff (agents, administrators) created by an
 * administrator. Each way only says what differs (kind, who vouches for the address, terms,
 * address); trimming, normalisation of the e-mail, the initial counters and the
 * `identity.account.created` event are the same for all.
 */

/** What a new account is made of, once its password is hashed. */
export interface NewAccountFields {
  kind: AccountKind;
  email: string;
  passwordHash: string;
  firstName: string;
  lastName: string;
  phone?: string | null;
  /** Families give one at sign-up; staff have none. */
  address?: PostalAddress | null;
  /**
   * When the address is vouched for (by an administrator for staff, by an operator for seeded
   * families): the account is active and verified at once. Otherwise it is pending until the
   * link sent to the address is used.
   */
  vouched: boolean;
  /** Families accept the terms of use when they sign up; staff are bound by their employer. */
  acceptsTerms: boolean;
}

const trimmedOrNull = (value: string | null | undefined): string | null => value?.trim() || null;

/** A new account row, not yet stored. */
export function newAccount(fields: NewAccountFields, now: Date = new Date()): Account {
  const { address } = fields;
  return Object.assign(new Account(), {
    id: uuidv7(),
    kind: fields.kind,
    status: fields.vouched ? 'active' : 'pending',
    email: fields.email.trim(),
    emailNormalized: normalizeEmail(fields.email),
    passwordHash: fields.passwordHash,
    firstName: fields.firstName.trim(),
    lastName: fields.lastName.trim(),
    phone: trimmedOrNull(fields.phone),
    addressLine1: trimmedOrNull(address?.line1),
    addressLine2: trimmedOrNull(address?.line2),
    postalCode: address?.postalCode ?? null,
    city: trimmedOrNull(address?.city),
    termsAcceptedAt: fields.acceptsTerms ? now : null,
    emailVerifiedAt: fields.vouched ? now : null,
    pendingEmail: null,
    closedAt: null,
  } satisfies Omit<Account, 'createdAt' | 'updatedAt'>);
}

/**
 * The password an administrator or an operator chose for someone else, checked by the rules
 * families' passwords follow (the caller's validation already did; this guards other callers).
 */
export function assertAcceptablePassword(password: string, email: string): void {
  const weakness = passwordWeakness(password, email);
  if (weakness) throw new InvalidFieldException([{ field: 'password', message: weakness }]);
}

/** Refuses an address that already has an account (409), before anything is written. */
export async function assertEmailFree(manager: EntityManager, email: string): Promise<void> {
  const emailNormalized = normalizeEmail(email);
  if (await manager.getRepository(Account).existsBy({ emailNormalized })) {
    throw new EmailAlreadyRegisteredException();
  }
}

/** Stores a new account and records `identity.account.created`, in the caller's transaction. */
export async function insertAccount(
  manager: EntityManager,
  events: EventRecorder,
  account: Account,
): Promise<void> {
  await manager.getRepository(Account).insert(account);
  await events.record(manager, 'identity.account.created', {
    id: account.id,
    kind: account.kind,
    email: account.email,
    firstName: account.firstName,
    lastName: account.lastName,
  });
}
