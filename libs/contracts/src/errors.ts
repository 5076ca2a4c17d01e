import { ContentErrorCode } from './content';
import { EnrolmentErrorCode } from './enrolment';
import { AccountErrorCode } from './identity/accounts';
import { AgentErrorCode } from './identity/agents';
import { DirectoryErrorCode } from './identity/directory';
import { HouseholdErrorCode } from './identity/households';
import { NotificationErrorCode } from './notification';
import { ReservationErrorCode } from './reservation';
import { BillingErrorCode } from './billing';
import { SepaErrorCode } from './billing-sepa';

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
  /** A path segment longer than the router accepts. */
  URI_TOO_LONG = 'URI_TOO_LONG',
  /** A request or its reply is larger than the messaging layer carries. */
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  /** A replica already works on as many requests as it may: nothing was done, retry later. */
  SERVICE_BUSY = 'SERVICE_BUSY',
  /** A request with the same Idempotency-Key is still being processed. */
  IDEMPOTENCY_KEY_IN_USE = 'IDEMPOTENCY_KEY_IN_USE',
  /** The Idempotency-Key was already used for a different request. */
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  SERVICE_TIMEOUT = 'SERVICE_TIMEOUT',
  INTERNAL = 'INTERNAL',
  /** A request over NATS without a valid caller proof (forged, stale, replayed or unsigned). */
  CALLER_NOT_VERIFIED = 'CALLER_NOT_VERIFIED',
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
  | EnrolmentErrorCode
  | ReservationErrorCode
  | BillingErrorCode
  | SepaErrorCode;

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
  ...Object.values(ReservationErrorCode),
  ...Object.values(BillingErrorCode),
  ...Object.values(SepaErrorCode),
]);

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && KNOWN_CODES.has(value);
}

/**
 * What each code means, for the OpenAPI document (`@ApiProblems` lists these under each
 * status). Exhaustive: a new code does not compile until it is described here.
 */
export const ERROR_DOCS: Record<ErrorCode, string> = {
  [CommonErrorCode.VALIDATION_FAILED]:
    'The request is malformed; `details.fields` lists each field and its French message.',
  [CommonErrorCode.NOT_FOUND]: 'No such resource (or not one the caller may see).',
  [CommonErrorCode.UNAUTHENTICATED]: 'No valid access token.',
  [CommonErrorCode.FORBIDDEN]: "The caller's kind of account may not do this.",
  [CommonErrorCode.CONFLICT]: 'The action conflicts with the current state of the resource.',
  [CommonErrorCode.RATE_LIMITED]:
    'Too many requests from this client; `Retry-After` says when to retry.',
  [CommonErrorCode.URI_TOO_LONG]:
    'A segment of the path is longer than any identifier (100 characters).',
  [CommonErrorCode.PAYLOAD_TOO_LARGE]:
    'The request, or the answer it would get, is too large; narrow it (fewer items, a smaller page).',
  [CommonErrorCode.SERVICE_UNAVAILABLE]: 'A service behind the gateway is down; retry shortly.',
  [CommonErrorCode.CALLER_NOT_VERIFIED]:
    'A service refused a request whose caller proof was missing, forged, stale or replayed (keys of the gateway and services disagree).',
  [CommonErrorCode.SERVICE_BUSY]:
    'The service is at capacity and did nothing; retry after `Retry-After` seconds.',
  [CommonErrorCode.IDEMPOTENCY_KEY_IN_USE]:
    'A request with the same `Idempotency-Key` is still being processed; retry later to get its outcome.',
  [CommonErrorCode.IDEMPOTENCY_KEY_REUSED]:
    'This `Idempotency-Key` was already used for a different request; use a new key.',
  [CommonErrorCode.SERVICE_TIMEOUT]: 'A service behind the gateway did not answer in time.',
  [CommonErrorCode.INTERNAL]: 'An unexpected error; the correlation id finds it in the logs.',
  [OrganisationErrorCode.ORGANISATION_NOT_FOUND]: 'No organisation with this id.',
  [DirectoryErrorCode.ORGANISATION_SLUG_TAKEN]: 'Another organisation already has this slug.',
  [DirectoryErrorCode.MUNICIPAL_SERVICE_NOT_FOUND]: 'No municipal service with this id.',
  [DirectoryErrorCode.MUNICIPAL_SERVICE_CODE_TAKEN]:
    'The organisation already has a municipal service with this code.',
  [DirectoryErrorCode.SCHOOL_NOT_FOUND]: 'No school with this id.',
  [DirectoryErrorCode.SCHOOL_ALREADY_EXISTS]:
    'The organisation already has a school with this name.',
  [AgentErrorCode.AGENT_NOT_FOUND]: "No agent with this id (in the caller's reach).",
  [AgentErrorCode.SERVICE_OUTSIDE_ORGANISATION]:
    "A municipal service given for an agent does not belong to the agent's organisation.",
  [AccountErrorCode.EMAIL_ALREADY_REGISTERED]:
    'The address is already the verified address of another account.',
  [AccountErrorCode.INVALID_CREDENTIALS]:
    'Unknown e-mail or wrong password: the same answer for both.',
  [AccountErrorCode.ACCOUNT_NOT_VERIFIED]: 'The e-mail address of the account is not verified yet.',
  [AccountErrorCode.ACCOUNT_CLOSED]: 'The account is closed.',
  [AccountErrorCode.ACCOUNT_NOT_ASSIGNED]:
    'An agent account attached to no organisation and service cannot work yet.',
  [AccountErrorCode.ACCOUNT_LOCKED]:
    'Too many failed logins; `details.retryAfterSeconds` says when to try again.',
  [AccountErrorCode.TOKEN_INVALID]:
    'A verification or reset token that is unknown or already used.',
  [AccountErrorCode.TOKEN_EXPIRED]: 'The verification or reset token has expired.',
  [AccountErrorCode.REFRESH_TOKEN_INVALID]: 'Unknown, expired or revoked refresh token.',
  [AccountErrorCode.REFRESH_TOKEN_REUSED]:
    'A rotated refresh token was presented again: its whole chain is revoked.',
  [AccountErrorCode.SESSION_EXPIRED]:
    'The session reached its maximum age, counted from its login whatever the refreshes: log in again.',
  [AccountErrorCode.CURRENT_PASSWORD_INCORRECT]: 'The current password given is wrong.',
  [HouseholdErrorCode.HOUSEHOLD_NOT_FOUND]:
    "Unknown household, or another family's: existence is not revealed.",
  [HouseholdErrorCode.HOUSEHOLD_ALREADY_EXISTS]: 'The account already has a household.',
  [HouseholdErrorCode.GUARDIAN_NOT_FOUND]: 'No such guardian in this household.',
  [HouseholdErrorCode.GUARDIAN_LIMIT_REACHED]: 'A household has at most two guardians.',
  [HouseholdErrorCode.PRIMARY_GUARDIAN_NOT_REMOVABLE]:
    'The guardian who holds the account cannot be removed.',
  [HouseholdErrorCode.CHILD_NOT_FOUND]: 'No such child in this household.',
  [HouseholdErrorCode.ACCOUNT_CLOSURE_NOT_CONFIRMED]: 'Closing an account needs `confirm: true`.',
  [ContentErrorCode.NEWS_NOT_FOUND]: 'No news item with this id.',
  [ContentErrorCode.TILE_NOT_FOUND]: 'No tile with this id.',
  [ContentErrorCode.FILE_NOT_FOUND]: 'No file with this id.',
  [ContentErrorCode.CONTENT_OUT_OF_SCOPE]: "An agent acting on another organisation's content.",
  [ContentErrorCode.FILE_TYPE_NOT_ALLOWED]:
    'The bytes are not one of the accepted types, or not the kind claimed.',
  [ContentErrorCode.FILE_TOO_LARGE]: 'The file is larger than allowed (`details` gives the limit).',
  [NotificationErrorCode.NOTIFICATION_NOT_FOUND]: 'No such notification for this account.',
  [NotificationErrorCode.OUTGOING_MESSAGE_NOT_FOUND]: 'No outgoing message with this id.',
  [NotificationErrorCode.OUTGOING_MESSAGE_NOT_RETRYABLE]:
    'Only a failed message can be retried (`details.status`).',
  [EnrolmentErrorCode.PROCEDURE_NOT_FOUND]: "No procedure with this id (in the caller's reach).",
  [EnrolmentErrorCode.PROCEDURE_NOT_OPEN]:
    'Not open yet, or closed (`details.opensAt`, `details.closesAt`).',
  [EnrolmentErrorCode.PROCEDURE_FULL]: 'Every place of the procedure is taken.',
  [EnrolmentErrorCode.PROCEDURE_OUT_OF_SCOPE]:
    'An agent acting on a service that is not one of its own.',
  [EnrolmentErrorCode.INVALID_FORM_DEFINITION]:
    'The form definition is inconsistent; `details.fields` says where.',
  [EnrolmentErrorCode.APPLICATION_NOT_FOUND]:
    "No application with this id (in the caller's reach).",
  [EnrolmentErrorCode.DUPLICATE_APPLICATION]:
    'The child already has an application for this procedure (`details.applicationId`).',
  [EnrolmentErrorCode.CHILD_NOT_ELIGIBLE]:
    "The child does not meet the procedure's eligibility (age, school level, residence).",
  [EnrolmentErrorCode.APPLICATION_STATUS_CONFLICT]:
    "The action does not apply to the application's current status.",
  [EnrolmentErrorCode.APPLICATION_INCOMPLETE]:
    'Answers or documents do not satisfy the form (`details.fields`).',
  [EnrolmentErrorCode.CERTIFICATE_NOT_AVAILABLE]:
    'No registration certificate: the application is not an accepted school pre-registration.',
  [EnrolmentErrorCode.DOCUMENT_NOT_FOUND]: 'No such document of this household.',
  [EnrolmentErrorCode.DOCUMENT_TYPE_NOT_ALLOWED]: 'The bytes are not a PDF, JPEG or PNG file.',
  [EnrolmentErrorCode.DOCUMENT_TOO_LARGE]:
    'The file is larger than allowed (`details` gives the limit).',
  [EnrolmentErrorCode.DOCUMENT_QUOTA_EXCEEDED]: "The household's documents would exceed its quota.",
  [EnrolmentErrorCode.DOCUMENT_IN_USE]:
    'A document attached to a draft application cannot be deleted: detach it from the draft first.',
  [EnrolmentErrorCode.UPLOAD_NOT_FOUND]: 'No upload in progress with this id.',
  [ReservationErrorCode.ACTIVITY_NOT_FOUND]: 'No activity with this id.',
  [ReservationErrorCode.ACTIVITY_OUT_OF_SCOPE]:
    'The activity belongs to a municipal service the agent does not work for.',
  [ReservationErrorCode.DUPLICATE_ACTIVITY_CODE]:
    'The organisation already has an activity (or the activity a unit) with this code.',
  [ReservationErrorCode.UNIT_NOT_FOUND]: 'No unit with this id in the activity.',
  [ReservationErrorCode.SITE_NOT_FOUND]: 'No site with this id in the activity.',
  [ReservationErrorCode.BOOKING_CHILD_NOT_FOUND]:
    "No child with this id among your household's booking rights.",
  [ReservationErrorCode.BOOKING_NOT_FOUND]: 'No booking with this id of your household.',
  [ReservationErrorCode.NO_BOOKING_RIGHT]:
    'The child has no booking right for this activity on that day (enrolment grants it).',
  [ReservationErrorCode.SLOT_CLOSED]:
    'The unit does not open that day: weekday, public holiday, closure or school holidays.',
  [ReservationErrorCode.NOTICE_PERIOD_PASSED]:
    'The notice period has passed; the message names the deadline that applied.',
  [ReservationErrorCode.BOOKING_ALREADY_CANCELLED]: 'The booking is already cancelled.',
  [ReservationErrorCode.BOOKING_NOT_PENDING]: 'Only a pending (late) request is decided.',
  [ReservationErrorCode.BOOKING_NOT_OFFERED]:
    'Only a booking with a place offered (status offered) is confirmed or declined.',
  [ReservationErrorCode.OFFER_EXPIRED]:
    'The offer was not confirmed in time: the place passes to the next child of the waiting list.',
  [ReservationErrorCode.ATTENDANCE_STATUS_MISMATCH]:
    'A booked child is present or absent, not unexpected; a child without a booking can only be unexpected.',
  [ReservationErrorCode.ATTENDANCE_MONTH_LOCKED]:
    "The month's attendance is locked: only a supervisor of the service corrects it.",
  [ReservationErrorCode.SUPERVISOR_ONLY]:
    'Only an agent with the supervisor role of the service may do this.',
  [BillingErrorCode.REGIE_NOT_FOUND]: 'No régie with this id.',
  [BillingErrorCode.REGIE_OUT_OF_SCOPE]:
    "The régie belongs to another organisation, or serves none of the agent's services.",
  [BillingErrorCode.TARIFF_OVERLAP]:
    'A tariff of the same activity and unit already covers part of these dates.',
  [BillingErrorCode.TARIFF_NOT_FOUND]: 'No tariff of the activity and unit covers that day.',
  [BillingErrorCode.BILLING_CHILD_NOT_FOUND]: 'Billing knows no child with this id.',
  [BillingErrorCode.MONTH_NOT_LOCKED]:
    'Reservation has not locked the month for every service of the régie: attendance is not final.',
  [BillingErrorCode.INVOICE_NOT_FOUND]: 'No invoice with this id of your household (or régie).',
  [BillingErrorCode.PAYMENT_NOT_FOUND]: 'No payment with this id of your household.',
  [BillingErrorCode.PAYMENT_EXCEEDS_BALANCE]:
    'The amount is more than what is left to pay on the invoice (`details.balanceCents`): an invoice is never overpaid.',
  [BillingErrorCode.NOTHING_TO_PAY]:
    'Nothing is left to pay: the invoice is paid or cancelled, or the basket is paid, expired or empty.',
  [BillingErrorCode.BASKET_NOT_FOUND]: 'No basket with this id of your household.',
  [BillingErrorCode.PAYMENT_SANDBOX_DISABLED]:
    'The sandbox payment provider is off in production: its page does not exist.',
  [BillingErrorCode.PAYMENT_PROVIDER_FAILED]:
    'The payment provider refused to open the payment (it is then `error`) or could not be reached (retry later).',
  [BillingErrorCode.CREDIT_NOTE_EXCEEDS_INVOICE]:
    'The amount exceeds what is left creditable on the invoice (`details.creditableCents`).',
  [BillingErrorCode.CREDIT_NOTE_NOT_FOUND]:
    'No credit note with this id of your household (or régie).',
  [BillingErrorCode.BILLING_RUN_NOT_FOUND]: 'No billing run with this id of this régie.',
  [BillingErrorCode.CARD_NOTIFICATION_REFUSED]:
    "The card notification's signature is not that of a configured shop in its mode: nothing changed.",
  [ReservationErrorCode.CALENDAR_FEED_NOT_FOUND]:
    'No calendar feed with this token: never created, rotated or revoked.',
  [ReservationErrorCode.ICS_FILE_INVALID]:
    'The file is not a readable iCalendar file (or has too many events); the message says why.',
  [ReservationErrorCode.ICS_FILE_TOO_LARGE]:
    'The iCalendar file is larger than allowed (`details.maxBytes`).',
  [ReservationErrorCode.ICS_FILE_TYPE_NOT_ALLOWED]: 'The body must be sent as text/calendar.',
  [ReservationErrorCode.BOOKING_PATTERN_NOT_FOUND]:
    'No recurring pattern with this id for the child.',
  [ReservationErrorCode.BOOKING_PATTERN_EXISTS]:
    'The child already has a recurring pattern for this activity: change it from a date (PUT).',
  [ReservationErrorCode.SITE_NOT_CHILD_SCHOOL]:
    "School-based units (meals, morning and evening care) are booked at the child's school only.",
  [ReservationErrorCode.CHILD_SCHOOL_UNKNOWN]:
    "No school is known for the child, or the child's school is not a site of the activity.",
  [SepaErrorCode.SEPA_NOT_CONFIGURED]:
    'The régie has no SEPA creditor in configuration (SEPA_CREDITORS), or billing has no IBAN key.',
  [SepaErrorCode.SEPA_MANDATE_NOT_FOUND]: 'No mandate with this id of your household (or régie).',
  [SepaErrorCode.SEPA_MANDATE_EXISTS]:
    'The household already has an active mandate with this régie: amend it (new account) instead.',
  [SepaErrorCode.SEPA_MANDATE_NOT_ACTIVE]:
    'The mandate is revoked or lapsed: nothing changes on it.',
  [SepaErrorCode.SEPA_COLLECTION_DATE_INVALID]:
    'The collection date is before the pre-notification delay (`details.earliest`) or not a TARGET2 business day.',
  [SepaErrorCode.SEPA_DEBIT_FILE_NOT_FOUND]: 'No debit file with this id of this régie.',
  [SepaErrorCode.SEPA_RETURNS_FILE_INVALID]:
    'The returns file is not the documented CSV (`details.lines`: line numbers and why); nothing was applied.',
};

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
