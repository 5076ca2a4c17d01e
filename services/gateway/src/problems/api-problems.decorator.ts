import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ERROR_DOCS, type ErrorCode } from '@portail/contracts';
import { httpStatusOf } from './http-status.mapping';
import { PROBLEM_CONTENT_TYPE, ProblemDetailsDto } from './problem-details.dto';

/**
 * The problem responses of a route, from its error codes: each status comes from the one
 * exhaustive mapping and each description from the code's entry in `ERROR_DOCS`, so no
 * controller types a status or a code string by hand.
 *
 *   @ApiProblems(CommonErrorCode.VALIDATION_FAILED, HouseholdErrorCode.HOUSEHOLD_NOT_FOUND)
 *
 * Each description is one line that starts with a code ("CODE: meaning. OTHER_CODE: …"), which
 * tools and people scan for the code. The body is documented under `application/problem+json`,
 * what the gateway sends, and `application/json`, what most generated clients ask for.
 * A method-level response replaces the class-level one of the same status: a route under
 * `@Allow` that answers another 403 lists `CommonErrorCode.FORBIDDEN` too.
 */
export function ApiProblems(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const status = httpStatusOf(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return applyDecorators(
    ApiExtraModels(ProblemDetailsDto),
    ...[...byStatus.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, sameStatus]) =>
        ApiResponse({
          status,
          description: sameStatus.map((code) => `${code}: ${ERROR_DOCS[code]}`).join(' '),
          content: {
            [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) } },
            'application/json': { schema: { $ref: getSchemaPath(ProblemDetailsDto) } },
          },
        }),
      ),
  );
}
