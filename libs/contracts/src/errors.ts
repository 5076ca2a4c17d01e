import { ContentErrorCode } from './content';
import { EnrolmentErrorCode } from './enrolment';
import { AccountErrorCode } from './identity/accounts';
import { AgentErrorCode } from './identity/agents';
import { DirectoryErrorCode } from './identity/directory';
import { HouseholdErrorCode } from './identity/households';
import { NotificationErrorCode } from './notification';

/**
 * Stable error codes shared by every service and the gateway. Programs read the code;
 * people read the French message. The gateway maps each code to an HTTP status in one
 * exhaustive switch, so a new code does not compile until it is mapped.
 */
export enum CommonErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  NOT_FOUND = 'NOT_FOUND',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  CONFLICT = 'CONFLICT',
  RATE_LIMITED = 'RATE_LIMITED',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  SERVICE_TIMEOUT = 'SERVICE_TIMEOUT',
  INTERNAL = 'INTERNAL',
}

export enum OrganisationErrorCode {
  ORGANISATION_NOT_FOUND = 'ORGANISATION_NOT_FOUND',
}

export type ErrorCode =
  | CommonErrorCode
  | OrganisationErrorCode
  | DirectoryErrorCode
  | AgentErrorCode
  | AccountErrorCode
  | HouseholdErrorCode
  | ContentErrorCode
  | NotificationErrorCode
  | EnrolmentErrorCode;

const KNOWN_CODES: ReadonlySet<string> = new Set<string>([
  ...Object.values(CommonErrorCode),
  ...Object.values(OrganisationErrorCode),
  ...Object.values(DirectoryErrorCode),
  ...Object.values(AgentErrorCode),
  ...Object.values(AccountErrorCode),
  ...Object.values(HouseholdErrorCode),
  ...Object.values(ContentErrorCode),
  ...Object.values(NotificationErrorCode),
  ...Object.values(EnrolmentErrorCode),
]);

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && KNOWN_CODES.has(value);
}

/** One field-level problem, e.g. `{ field: 'email', message: "L'adresse e-mail est invalide." }`. */
export interface FieldError {
  field: string;
  message: string;
}

/** What travels over NATS when a command or query fails. */
export interface ErrorEnvelope {
  code: ErrorCode;
  message: string;
  details?: { fields?: FieldError[] } & Record<string, unknown>;
}

export function isErrorEnvelope(value: unknown): value is ErrorEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return isErrorCode(candidate.code) && typeof candidate.message === 'string';
}

export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled value: ${JSON.stringify(value)}`);
}
