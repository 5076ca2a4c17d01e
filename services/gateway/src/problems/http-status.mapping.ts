import { HttpStatus } from '@nestjs/common';
import {
  AccountErrorCode,
  AgentErrorCode,
  assertUnreachable,
  CommonErrorCode,
  ContentErrorCode,
  DirectoryErrorCode,
  EnrolmentErrorCode,
  ReservationErrorCode,
  BillingErrorCode,
  HouseholdErrorCode,
  NotificationErrorCode,
  OrganisationErrorCode,
  type ErrorCode,
  SepaErrorCode,
} from '@portail/contracts';

/**
 * The one place where a domain error code becomes an HTTP status. The switch is exhaustive:
 * adding a code to the contracts without mapping it here fails compilation.
 */
export function httpStatusOf(code: ErrorCode): HttpStatus {
  switch (code) {
    case CommonErrorCode.VALIDATION_FAILED:
      return HttpStatus.BAD_REQUEST;
    case CommonErrorCode.URI_TOO_LONG:
      return HttpStatus.URI_TOO_LONG;
    case CommonErrorCode.PAYLOAD_TOO_LARGE:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case CommonErrorCode.UNAUTHENTICATED:
      return HttpStatus.UNAUTHORIZED;
    case CommonErrorCode.FORBIDDEN:
      return HttpStatus.FORBIDDEN;
    case CommonErrorCode.NOT_FOUND:
    case OrganisationErrorCode.ORGANISATION_NOT_FOUND:
    case DirectoryErrorCode.MUNICIPAL_SERVICE_NOT_FOUND:
    case DirectoryErrorCode.SCHOOL_NOT_FOUND:
    case AgentErrorCode.AGENT_NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    case DirectoryErrorCode.ORGANISATION_SLUG_TAKEN:
    case DirectoryErrorCode.MUNICIPAL_SERVICE_CODE_TAKEN:
    case DirectoryErrorCode.SCHOOL_ALREADY_EXISTS:
      return HttpStatus.CONFLICT;
    case AgentErrorCode.SERVICE_OUTSIDE_ORGANISATION:
      return HttpStatus.BAD_REQUEST;
    case CommonErrorCode.CONFLICT:
    case AccountErrorCode.EMAIL_ALREADY_REGISTERED:
      return HttpStatus.CONFLICT;
    case AccountErrorCode.INVALID_CREDENTIALS:
    case AccountErrorCode.REFRESH_TOKEN_INVALID:
    case AccountErrorCode.REFRESH_TOKEN_REUSED:
    case AccountErrorCode.SESSION_EXPIRED:
      return HttpStatus.UNAUTHORIZED;
    case AccountErrorCode.ACCOUNT_NOT_VERIFIED:
    case AccountErrorCode.ACCOUNT_CLOSED:
    case AccountErrorCode.ACCOUNT_NOT_ASSIGNED:
    case AccountErrorCode.CURRENT_PASSWORD_INCORRECT:
      return HttpStatus.FORBIDDEN;
    case AccountErrorCode.ACCOUNT_LOCKED:
      return HttpStatus.LOCKED;
    case AccountErrorCode.TOKEN_INVALID:
    case AccountErrorCode.TOKEN_EXPIRED:
      return HttpStatus.BAD_REQUEST;
    case HouseholdErrorCode.HOUSEHOLD_NOT_FOUND:
    case HouseholdErrorCode.GUARDIAN_NOT_FOUND:
    case HouseholdErrorCode.CHILD_NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    case HouseholdErrorCode.HOUSEHOLD_ALREADY_EXISTS:
    case HouseholdErrorCode.GUARDIAN_LIMIT_REACHED:
    case HouseholdErrorCode.PRIMARY_GUARDIAN_NOT_REMOVABLE:
      return HttpStatus.CONFLICT;
    case HouseholdErrorCode.ACCOUNT_CLOSURE_NOT_CONFIRMED:
      return HttpStatus.BAD_REQUEST;
    case ContentErrorCode.NEWS_NOT_FOUND:
    case ContentErrorCode.TILE_NOT_FOUND:
    case ContentErrorCode.FILE_NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    case ContentErrorCode.CONTENT_OUT_OF_SCOPE:
      return HttpStatus.FORBIDDEN;
    case ContentErrorCode.FILE_TYPE_NOT_ALLOWED:
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case ContentErrorCode.FILE_TOO_LARGE:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case NotificationErrorCode.NOTIFICATION_NOT_FOUND:
    case NotificationErrorCode.OUTGOING_MESSAGE_NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    case NotificationErrorCode.OUTGOING_MESSAGE_NOT_RETRYABLE:
      return HttpStatus.CONFLICT;
    case EnrolmentErrorCode.PROCEDURE_NOT_FOUND:
    case EnrolmentErrorCode.APPLICATION_NOT_FOUND:
    case EnrolmentErrorCode.DOCUMENT_NOT_FOUND:
    case EnrolmentErrorCode.UPLOAD_NOT_FOUND:
    case EnrolmentErrorCode.CERTIFICATE_NOT_AVAILABLE:
      return HttpStatus.NOT_FOUND;
    case EnrolmentErrorCode.PROCEDURE_OUT_OF_SCOPE:
      return HttpStatus.FORBIDDEN;
    case EnrolmentErrorCode.PROCEDURE_NOT_OPEN:
    case EnrolmentErrorCode.PROCEDURE_FULL:
    case EnrolmentErrorCode.DUPLICATE_APPLICATION:
    case EnrolmentErrorCode.APPLICATION_STATUS_CONFLICT:
    case EnrolmentErrorCode.DOCUMENT_IN_USE:
      return HttpStatus.CONFLICT;
    case EnrolmentErrorCode.CHILD_NOT_ELIGIBLE:
    case EnrolmentErrorCode.APPLICATION_INCOMPLETE:
    case EnrolmentErrorCode.INVALID_FORM_DEFINITION:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case EnrolmentErrorCode.DOCUMENT_TYPE_NOT_ALLOWED:
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case EnrolmentErrorCode.DOCUMENT_TOO_LARGE:
    case EnrolmentErrorCode.DOCUMENT_QUOTA_EXCEEDED:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case ReservationErrorCode.ACTIVITY_NOT_FOUND:
    case ReservationErrorCode.UNIT_NOT_FOUND:
    case ReservationErrorCode.SITE_NOT_FOUND:
    case ReservationErrorCode.BOOKING_CHILD_NOT_FOUND:
    case ReservationErrorCode.BOOKING_NOT_FOUND:
    case ReservationErrorCode.CALENDAR_FEED_NOT_FOUND:
    case ReservationErrorCode.BOOKING_PATTERN_NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    case ReservationErrorCode.ICS_FILE_INVALID:
      return HttpStatus.BAD_REQUEST;
    case ReservationErrorCode.ICS_FILE_TOO_LARGE:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case ReservationErrorCode.ICS_FILE_TYPE_NOT_ALLOWED:
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case ReservationErrorCode.ACTIVITY_OUT_OF_SCOPE:
    case ReservationErrorCode.SUPERVISOR_ONLY:
      return HttpStatus.FORBIDDEN;
    case ReservationErrorCode.DUPLICATE_ACTIVITY_CODE:
    case ReservationErrorCode.BOOKING_ALREADY_CANCELLED:
    case ReservationErrorCode.BOOKING_NOT_PENDING:
    case ReservationErrorCode.BOOKING_NOT_OFFERED:
    case ReservationErrorCode.OFFER_EXPIRED:
    case ReservationErrorCode.ATTENDANCE_MONTH_LOCKED:
    case ReservationErrorCode.BOOKING_PATTERN_EXISTS:
      return HttpStatus.CONFLICT;
    case ReservationErrorCode.ATTENDANCE_STATUS_MISMATCH:
    case ReservationErrorCode.NO_BOOKING_RIGHT:
    case ReservationErrorCode.SLOT_CLOSED:
    case ReservationErrorCode.NOTICE_PERIOD_PASSED:
    case ReservationErrorCode.SITE_NOT_CHILD_SCHOOL:
    case ReservationErrorCode.CHILD_SCHOOL_UNKNOWN:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case BillingErrorCode.REGIE_NOT_FOUND:
    case BillingErrorCode.TARIFF_NOT_FOUND:
    case BillingErrorCode.BILLING_CHILD_NOT_FOUND:
    case BillingErrorCode.INVOICE_NOT_FOUND:
    case BillingErrorCode.PAYMENT_NOT_FOUND:
    case BillingErrorCode.BASKET_NOT_FOUND:
    case BillingErrorCode.PAYMENT_SANDBOX_DISABLED:
    case BillingErrorCode.CREDIT_NOTE_NOT_FOUND:
    case BillingErrorCode.BILLING_RUN_NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    case BillingErrorCode.REGIE_OUT_OF_SCOPE:
      return HttpStatus.FORBIDDEN;
    case BillingErrorCode.TARIFF_OVERLAP:
    case BillingErrorCode.MONTH_NOT_LOCKED:
    case BillingErrorCode.PAYMENT_EXCEEDS_BALANCE:
    case BillingErrorCode.NOTHING_TO_PAY:
      return HttpStatus.CONFLICT;
    case BillingErrorCode.CREDIT_NOTE_EXCEEDS_INVOICE:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case BillingErrorCode.CARD_NOTIFICATION_REFUSED:
      return HttpStatus.FORBIDDEN;
    case CommonErrorCode.RATE_LIMITED:
      return HttpStatus.TOO_MANY_REQUESTS;
    case CommonErrorCode.CALLER_NOT_VERIFIED:
      return HttpStatus.UNAUTHORIZED;
    case CommonErrorCode.IDEMPOTENCY_KEY_IN_USE:
      return HttpStatus.CONFLICT;
    case CommonErrorCode.IDEMPOTENCY_KEY_REUSED:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case CommonErrorCode.SERVICE_BUSY:
    case CommonErrorCode.SERVICE_UNAVAILABLE:
      return HttpStatus.SERVICE_UNAVAILABLE;
    case BillingErrorCode.PAYMENT_PROVIDER_FAILED:
      return HttpStatus.BAD_GATEWAY;
    case CommonErrorCode.SERVICE_TIMEOUT:
      return HttpStatus.GATEWAY_TIMEOUT;
    case CommonErrorCode.INTERNAL:
      return HttpStatus.INTERNAL_SERVER_ERROR;
    case SepaErrorCode.SEPA_MANDATE_NOT_FOUND:
    case SepaErrorCode.SEPA_DEBIT_FILE_NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    case SepaErrorCode.SEPA_NOT_CONFIGURED:
    case SepaErrorCode.SEPA_MANDATE_EXISTS:
    case SepaErrorCode.SEPA_MANDATE_NOT_ACTIVE:
      return HttpStatus.CONFLICT;
    case SepaErrorCode.SEPA_COLLECTION_DATE_INVALID:
    case SepaErrorCode.SEPA_RETURNS_FILE_INVALID:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    default:
      return assertUnreachable(code);
  }
}
