import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsUUID } from 'class-validator';

/**
 * An id field or path parameter: a UUID, refused with "<label> doit être un UUID.", documented
 * as `format: uuid`. `label` is the French subject, e.g. "L'identifiant du foyer".
 */
export function UuidField(label: string, description?: string): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ format: 'uuid', description }),
    IsUUID('all', { message: `${label} doit être un UUID.` }),
  );
}

export function OptionalUuidField(label: string, description?: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ format: 'uuid', description }),
    IsOptional(),
    IsUUID('all', { message: `${label} doit être un UUID.` }),
  );
}

/** A list of ids, each a UUID, at most `maxItems`; `label` names each item ("Chaque service"). */
export function UuidListField(label: string, maxItems: number): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: [String], format: 'uuid', maxItems }),
    IsArray({ message: `${label} doit être une liste.` }),
    ArrayMaxSize(maxItems, { message: `${label} : ${maxItems} au plus.` }),
    IsUUID('all', { each: true, message: `${label} doit être un UUID.` }),
  );
}
