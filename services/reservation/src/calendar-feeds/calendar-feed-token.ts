import { createHash, randomBytes } from 'node:crypto';
import { CALENDAR_FEED_ROUTE } from '@portail/contracts';

/** A new secret: 32 random bytes (256 bits) in base64url, 43 characters. */
export function newFeedToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps and looks up: a token is random enough for a bare SHA-256. */
export function feedTokenHash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Where the gateway serves the feed. */
export function feedPath(token: string): string {
  return `/api/v1/${CALENDAR_FEED_ROUTE}/${token}.ics`;
}
