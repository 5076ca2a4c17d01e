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
  CURRENT_PASSWORD_INCORRECT = 'CURRENT_PASSWORD_INCORRECT',
}

/** Limits of the free-text fields of accounts, checked at the gateway and in identity. */
export const ACCOUNT_TEXT_MAX_LENGTH = 200;
export const PASSWORD_MAX_LENGTH = 200;

/** Trimmed and lower-cased: what makes two addresses the same account. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Why a password is too weak, in French, or undefined when it is acceptable: at least 12
 * characters mixing letters and digits, or a passphrase of 16 characters or more; never the
 * e-mail address itself.
 */
export function passwordWeakness(password: string, email?: string): string | undefined {
  if (email !== undefined && normalizeEmail(password) === normalizeEmail(email)) {
    return 'Le mot de passe ne doit pas être votre adresse e-mail.';
  }
  if (password.length >= 16) return undefined;
  if (password.length >= 12 && /\p{L}/u.test(password) && /\p{N}/u.test(password)) {
    return undefined;
  }
  return 'Le mot de passe doit contenir au moins 12 caractères dont des lettres et des chiffres, ou au moins 16 caractères.';
}

export interface PostalAddress {
  line1: string;
  line2?: string;
  postalCode: string;
  city: string;
}

export interface SignUpCommand {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  phone: string;
  address: PostalAddress;
  acceptTerms: boolean;
}

export interface EmailCommand {
  email: string;
}

export interface TokenCommand {
  token: string;
}

export interface LoginCommand {
  email: string;
  password: string;
}

export interface RefreshCommand {
  refreshToken: string;
}

export interface ResetPasswordCommand {
  token: string;
  newPassword: string;
}

export interface ChangePasswordCommand {
  currentPassword: string;
  newPassword: string;
}

export interface ChangeEmailCommand {
  currentPassword: string;
  newEmail: string;
}

/** What a login, a refresh or a password change returns. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Lifetime of the access token, in seconds. */
  expiresIn: number;
  tokenType: 'Bearer';
}

/** A neutral acknowledgement, the same whether the address exists or not. */
export interface Acknowledgement {
  message: string;
}

export interface AccountProfile {
  id: string;
  kind: 'family' | 'agent' | 'admin';
  status: 'pending' | 'active' | 'closed';
  email: string;
  /** A new address waiting for its verification, if any. */
  pendingEmail: string | null;
  emailVerifiedAt: string | null;
  firstName: string;
  lastName: string;
  phone: string | null;
  address: PostalAddress | null;
  termsAcceptedAt: string | null;
  createdAt: string;
}

// Domain events (aggregateId = account id).

export interface AccountCreated {
  id: string;
  kind: 'family' | 'agent' | 'admin';
  email: string;
  firstName: string;
  lastName: string;
}

/** The notification service sends the link; `token` is the raw single-use token, only here. */
export interface EmailVerificationRequested {
  id: string;
  /** The address to verify (a new address on an e-mail change). */
  email: string;
  firstName: string;
  purpose: 'sign-up' | 'email-change';
  token: string;
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

export interface PasswordResetRequested {
  id: string;
  email: string;
  firstName: string;
  token: string;
  expiresAt: string;
}

export interface PasswordChanged {
  id: string;
  email: string;
  firstName: string;
  reason: 'change' | 'reset';
}

declare module '../events' {
  interface EventPayloads {
    'identity.account.created': AccountCreated;
    'identity.account.email-verification-requested': EmailVerificationRequested;
    'identity.account.verified': AccountVerified;
    'identity.account.email-changed': AccountEmailChanged;
    'identity.account.sign-up-attempted': SignUpAttemptedOnExistingAccount;
    'identity.account.password-reset-requested': PasswordResetRequested;
    'identity.account.password-changed': PasswordChanged;
  }
}
