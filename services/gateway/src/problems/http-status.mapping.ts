import { HttpStatus } from '@nestjs/common';
import {
  assertUnreachable,
  CommonErrorCode,
  OrganisationErrorCode,
  type ErrorCode,
} from '@portail/contracts';

/**
 * The one place where a domain error code becomes an HTTP status. The switch is exhaustive:
 * adding a code to the contracts without mapping it here fails compilation.
 */
export function httpStatusOf(code: ErrorCode): HttpStatus {
  switch (code) {
    case CommonErrorCode.VALIDATION_FAILED:
      return HttpStatus.BAD_REQUEST;
    case CommonErrorCode.UNAUTHENTICATED:
      return HttpStatus.UNAUTHORIZED;
    case CommonErrorCode.FORBIDDEN:
      return HttpStatus.FORBIDDEN;
    case CommonErrorCode.NOT_FOUND:
    case OrganisationErrorCode.ORGANISATION_NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    case CommonErrorCode.CONFLICT:
      return HttpStatus.CONFLICT;
    case CommonErrorCode.RATE_LIMITED:
      return HttpStatus.TOO_MANY_REQUESTS;
    case CommonErrorCode.SERVICE_UNAVAILABLE:
      return HttpStatus.SERVICE_UNAVAILABLE;
    case CommonErrorCode.SERVICE_TIMEOUT:
      return HttpStatus.GATEWAY_TIMEOUT;
    case CommonErrorCode.INTERNAL:
      return HttpStatus.INTERNAL_SERVER_ERROR;
    default:
      return assertUnreachable(code);
  }
}
