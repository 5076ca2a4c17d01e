import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * Far beyond any real list, low enough that `(page - 1) * pageSize` stays a safe OFFSET
 * (a page of 10^20 used to reach PostgreSQL as "bigint out of range").
 */
export const MAX_PAGE_NUMBER = 10_000;

/** `?page=` of a listing: an integer from 1 (query strings arrive as text, hence `@Type`). */
export function PageNumberField(maxPage: number = MAX_PAGE_NUMBER): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: maxPage, default: 1, example: 1 }),
    IsOptional(),
    Type(() => Number),
    IsInt({ message: 'La page doit être un entier.' }),
    Min(1, { message: 'La page commence à 1.' }),
    Max(maxPage, { message: `La page ne doit pas dépasser ${maxPage}.` }),
  );
}

/** `?pageSize=` of a listing: an integer from 1 to the listing's own bound. */
export function PageSizeField(maxSize: number, defaultSize: number): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: 'integer',
      minimum: 1,
      maximum: maxSize,
      default: defaultSize,
      example: defaultSize,
    }),
    IsOptional(),
    Type(() => Number),
    IsInt({ message: 'La taille de page doit être un entier.' }),
    Min(1, { message: 'La taille de page doit être au moins 1.' }),
    Max(maxSize, { message: `La taille de page ne doit pas dépasser ${maxSize}.` }),
  );
}
