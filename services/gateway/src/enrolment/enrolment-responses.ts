import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ERROR_DOCS, type ErrorCode } from '@portail/contracts';
import { httpStatusOf } from '../problems/http-status.mapping';
import { ProblemDetailsDto } from '../problems/problem-details.dto';

/**
 * The problem responses of enrolment's routes, from their error codes, like @ApiProblems: the
 * status from the one exhaustive mapping, the description from `ERROR_DOCS`. The form differs
 * because test/gateway/enrolment-routes.spec.ts pins it: each response names `ProblemDetailsDto`
 * as `application/json`, and its description is one line starting with the first code
 * ("DUPLICATE_APPLICATION: … PROCEDURE_NOT_OPEN: …").
 *
 * A route restricted by @Allow that answers another 403 lists `CommonErrorCode.FORBIDDEN` too:
 * a method-level 403 replaces the one of @Allow.
 */
export function EnrolmentProblems(...codes: ErrorCode[]): MethodDecorator {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const status = httpStatusOf(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return applyDecorators(
    ...[...byStatus.entries()].map(([status, sameStatus]) =>
      ApiResponse({
        status,
        type: ProblemDetailsDto,
        description: sameStatus.map((code) => `${code}: ${ERROR_DOCS[code]}`).join(' '),
      }),
    ),
  );
}
