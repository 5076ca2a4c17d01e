import type { ApiResponseOptions } from '@nestjs/swagger';
import { ProblemDetailsDto } from '../problems/problem-details.dto';

/**
 * The problems of enrolment's routes, for @ApiResponse: the codes a route may answer, as the
 * description, with the status of services/gateway/src/problems/http-status.mapping.ts.
 */
export function problem(status: number, description: string): ApiResponseOptions {
  return { status, type: ProblemDetailsDto, description };
}

export const INVALID = problem(400, 'VALIDATION_FAILED: details.fields lists each problem');
/** Method-level 403s replace the one of @Allow, so they repeat it. */
export const FORBIDDEN_KIND = 'FORBIDDEN: not allowed for this kind of account';
export const OUT_OF_SCOPE = problem(
  403,
  `${FORBIDDEN_KIND}; PROCEDURE_OUT_OF_SCOPE: a municipal service that is not one of yours`,
);
export const PROCEDURE_NOT_FOUND = 'PROCEDURE_NOT_FOUND';
export const APPLICATION_NOT_FOUND =
  "APPLICATION_NOT_FOUND: unknown, or not yours (another household's, another service's)";
export const HOUSEHOLD_NOT_FOUND = 'HOUSEHOLD_NOT_FOUND: no household declared yet';
export const STATUS_CONFLICT =
  'APPLICATION_STATUS_CONFLICT: not possible in its current status (details.status)';
export const INCOMPLETE =
  'APPLICATION_INCOMPLETE: answers or documents do not fit the form (details.fields)';
export const NOT_ELIGIBLE =
  "CHILD_NOT_ELIGIBLE: age, class level or residence outside the procedure's conditions (details.reasons)";
export const NOT_OPEN = 'PROCEDURE_NOT_OPEN: not open yet, or closed (details.opensAt, closesAt)';
export const DUPLICATE =
  'DUPLICATE_APPLICATION: the child already has an application for it (details.applicationId)';
export const FULL = 'PROCEDURE_FULL: every place is taken';
