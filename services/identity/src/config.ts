import { z } from 'zod';
import { backendEnvSchema, envBoolean, envInteger, envPort } from '@portail/config';
import { DEFAULT_HTTP_PORTS } from '@portail/contracts';

/**
 * Secret material is read as plain optional text: the signing-key loader checks it and names
 * the variable in its error without ever echoing the value (loadConfig prints bad values).
 */
const secretText = z.string().optional();

export const identityEnvSchema = backendEnvSchema.extend({
  HTTP_PORT: envPort(DEFAULT_HTTP_PORTS.identity),
  /** Ed25519 private key (PKCS#8 PEM) that signs access tokens, or a file holding it. */
  JWT_PRIVATE_KEY: secretText,
  JWT_PRIVATE_KEY_FILE: secretText,
  /** `kid` of that key; its RFC 7638 thumbprint when not set. */
  JWT_KEY_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,100}$/, { message: 'must be letters, digits, ".", "_" or "-"' })
    .optional(),
  /** Public JWKs of earlier signing keys (JSON array), still accepted while their tokens live. */
  JWT_PREVIOUS_PUBLIC_KEYS: secretText,
  JWT_PREVIOUS_PUBLIC_KEYS_FILE: secretText,
  ACCESS_TOKEN_TTL_S: envInteger(900, 30, 86400, 'a duration in seconds'),
  REFRESH_TOKEN_TTL_DAYS: envInteger(30, 1, 365, 'a number of days'),
  /** Absolute life of a session (refresh-token chain), from its login whatever the refreshes. */
  SESSION_MAX_AGE_DAYS: envInteger(90, 1, 3650, 'a number of days'),
  EMAIL_VERIFICATION_TTL_HOURS: envInteger(24, 1, 720, 'a number of hours'),
  PASSWORD_RESET_TTL_MINUTES: envInteger(60, 5, 1440, 'a number of minutes'),
  /** Verification e-mails sent per account and hour, sign-up included. */
  EMAIL_VERIFICATION_MAX_PER_HOUR: envInteger(3, 1, 100, 'a number of e-mails'),
  PASSWORD_RESET_MAX_PER_HOUR: envInteger(3, 1, 100, 'a number of e-mails'),
  LOGIN_MAX_FAILURES: envInteger(5, 1, 100, 'a number of attempts'),
  LOGIN_LOCK_MINUTES: envInteger(15, 1, 1440, 'a number of minutes'),
  // Retention of personal data (the purge job, services/identity/src/retention/).
  RETENTION_JOB_ENABLED: envBoolean(true),
  RETENTION_INTERVAL_MS: envInteger(3_600_000, 1_000, 86_400_000, 'a number of milliseconds'),
  /** Sign-ups whose address was never verified are deleted this long after the sign-up. */
  PENDING_ACCOUNTS_RETENTION_DAYS: envInteger(30, 1, 3650, 'a number of days'),
  /** E-mail links (address kept with each) this long after their use or expiry. */
  EMAIL_LINKS_RETENTION_DAYS: envInteger(7, 1, 3650, 'a number of days'),
  /** Refresh tokens this long after they expired or were revoked. */
  ENDED_SESSIONS_RETENTION_DAYS: envInteger(7, 1, 3650, 'a number of days'),
  /** Who read or changed which household, kept this long. */
  AUDIT_LOG_RETENTION_DAYS: envInteger(365, 30, 3650, 'a number of days'),
});

export type IdentityConfig = z.infer<typeof identityEnvSchema>;
