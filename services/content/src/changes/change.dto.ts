import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { MAX_NEWS_PAGE_SIZE, type ListContentChangesQuery } from '@portail/contracts';

export class ListContentChangesDto implements ListContentChangesQuery {
  @IsUUID('all', { message: "L'identifiant de la collectivité doit être un UUID." })
  organisationId!: string;

  @IsOptional()
  @IsUUID('all', { message: "L'identifiant du contenu doit être un UUID." })
  subjectId?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'La page doit être un entier.' })
  @Min(1, { message: 'La page commence à 1.' })
  page?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'La taille de page doit être un entier.' })
  @Min(1, { message: 'La taille de page doit être au moins 1.' })
  @Max(MAX_NEWS_PAGE_SIZE, {
    message: `La taille de page ne doit pas dépasser ${MAX_NEWS_PAGE_SIZE}.`,
  })
  pageSize?: number;
}
