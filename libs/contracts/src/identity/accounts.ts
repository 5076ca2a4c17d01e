/**
 * Personal spaces ("espaces personnels"), sessions and tokens: subjects, payloads, error codes
 * and domain events of the accounts part of identity.
 */

/** NATS subjects of the accounts part of identity (`identity.<resource>.<action>`). */
export const AccountSubjects = {
  signUp: 'identity.accounts.sign-up',
  verifyEmail: 'identity.accounts.verify-email',
  resendVerification: 'identity.accounts.resend-verification',
  login: 'identity.sessions.login',
  refresh: 'identity.sessions.refresh',
  logout: 'identity.sessions.logout',
  requestPasswordReset: 'identity.passwords.request-reset',
  resetPassword: 'identity.passwords.reset',
  getMe: 'identity.me.get',
  changeMyPassword: 'identity.me.change-password',
  changeMyEmail: 'identity.me.change-email',
  /**
   * Service to service (notification's mail sender, at send time): the token of a single-use
   * link named by the `linkId` of an e-mail event. Never routed by the gateway.
   */
  mailLinkToken: 'identity.mail-links.token',
} as const;

export enum AccountErrorCode {
  /** The address is already the verified address of another account (at e-mail change). */
  EMAIL_ALREADY_REGISTERED = 'EMAIL_ALREADY_REGISTERED',
  /** Unknown e-mail or wrong password: the same answer for both. */
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  ACCOUNT_NOT_VERIFIED = 'ACCOUNT_NOT_VERIFIED',
  ACCOUNT_CLOSED = 'ACCOUNT_CLOSED',
  /** An agent account attached to no organisation and service cannot work yet. */
  ACCOUNT_NOT_ASSIGNED = 'ACCOUNT_NOT_ASSIGNED',
  /** Too many failed logins; `details.retryAfterSeconds` says when to try again. */
  ACCOUNT_LOCKED = 'ACCOUNT_LOCKED',
  /** A verification or reset token that is unknown or already used. */
  TOKEN_INVALID = 'TOKEN_INVALID',
  TOKEN_EXPIRED = 'TOKEN_EXPIRED',
  REFRESH_TOKEN_INVALID = 'REFRESH_TOKEN_INVALID',
  /** A rotated refresh token was presented again: its whole chain is revoked. */
  REFRESH_TOKEN_REUSED = 'REFRESH_TOKEN_REUSED',
  /** The session reached its absolute life (SESSION_MAX_AGE_DAYS from its login): log in again. */
  SESSION_EXPIRED = 'SESSION_EXPIRED',
  CURRENT_PASSWORD_INCORRECT = 'CURRENT_PASSWORD_INCORRECT',
}

/** Limits of the free-text fields of accounts, checked at the gateway and in identity. */
export const ACCOUNT_TEXT_MAX_LENGTH = 200;
export const PASSWORD_MAX_LENGTH = 200;

// Commands, queries and their replies: ./accounts.messages.ts

// Domain events (aggregateId = account id).

export interface AccountCreated {
  id: string;
  kind: 'family' | 'agent' | 'admin';
  email: string;
  firstName: string;
  lastName: string;
}

/**
 * The notification service sends the link. The event never carries the single-use token (it
 * would stay in the outbox, the stream, dead letters and stored messages): only `linkId`, which
 * notification exchanges for the token with identity (`identity.mail-links.token`) at send time.
 */
export interface EmailVerificationRequested {
  id: string;
  /** The address to verify (a new address on an e-mail change). */
  email: string;
  firstName: string;
  purpose: 'sign-up' | 'email-change';
  /** The link's id in identity, exchanged for its token when the e-mail is sent. */
  linkId: string;
  expiresAt: string;
}

export interface AccountVerified {
  id: string;
  email: string;
  verifiedAt: string;
}

export interface AccountEmailChanged {
  id: string;
  email: string;
  previousEmail: string;
}

/** Someone tried to sign up (or move an account) to an address that already has an account. */
export interface SignUpAttemptedOnExistingAccount {
  id: string;
  email: string;
  firstName: string;
}

/** Like the verification, carries the link's id, never its token. */
export interface PasswordResetRequested {
  id: string;
  email: string;
  firstName: string;
  /** The link's id in identity, exchanged for its token when the e-mail is sent. */
  linkId: string;
  expiresAt: string;
}

export interface PasswordChanged {
  id: string;
  email: string;
  firstName: string;
  reason: 'change' | 'reset';
}

/** Why every session of an account ended at once. */
export type SessionsRevocationReason =
  'account-closed' | 'password-reset' | 'password-changed' | 'agent-deactivated';

/**
 * Sessions of the account ended: their refresh tokens are revoked in identity, and the gateway
 * refuses the access tokens of these sessions (their `sid` claim) at once.
 */
export interface SessionsRevoked {
  accountId: string;
  /** The refresh-token chains ended, each the `sid` of its access tokens. */
  sessionIds: string[];
  revokedAt: string;
  reason: SessionsRevocationReason;
}

declare module '../events' {
  interface EventPayloads {
    'identity.account.sessions-revoked': SessionsRevoked;
    'identity.account.created': AccountCreated;
    'identity.account.email-verification-requested': EmailVerificationRequested;
    'identity.account.verified': AccountVerified;
    'identity.account.email-changed': AccountEmailChanged;
    'identity.account.sign-up-attempted': SignUpAttemptedOnExistingAccount;
    'identity.account.password-reset-requested': PasswordResetRequested;
    'identity.account.password-changed': PasswordChanged;
  }
}
