import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_DOCS, type ErrorCode, type FieldError } from '@portail/contracts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

class FieldErrorDto implements FieldError {
  @ApiProperty({ example: 'id' })
  field!: string;

  @ApiProperty({ example: "L'identifiant de la collectivité doit être un UUID." })
  message!: string;
}

class ProblemDetailsExtrasDto {
  @ApiPropertyOptional({ type: [FieldErrorDto] })
  fields?: FieldErrorDto[];
}

/** RFC 9457 problem details, with the stable `code` programs switch on. */
export class ProblemDetailsDto {
  @ApiProperty({ example: 'https://portail-famille.fr/problems/validation-failed' })
  type!: string;

  @ApiProperty({ example: 'Bad Request' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({
    description: 'Message for people, in French.',
    example: 'La requête contient des données invalides.',
  })
  detail!: string;

  @ApiProperty({ example: '/api/v1/organisations/abc' })
  instance!: string;

  @ApiProperty({
    description: 'Stable error code for programs.',
    example: 'VALIDATION_FAILED',
    type: String,
    enum: Object.keys(ERROR_DOCS),
    enumName: 'ErrorCode',
  })
  code!: ErrorCode;

  @ApiPropertyOptional({ type: ProblemDetailsExtrasDto })
  details?: ProblemDetailsExtrasDto & Record<string, unknown>;

  @ApiProperty({ description: 'Same value as the x-request-id response header.' })
  correlationId!: string;
}
