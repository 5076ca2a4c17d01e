import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { MAX_NEWS_PAGE_SIZE, type HomeQuery } from '@portail/contracts';

export class HomeDto implements HomeQuery {
  @IsOptional()
  @IsUUID('all', { message: "L'identifiant de la collectivité doit être un UUID." })
  organisationId?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'Le nombre d’actualités doit être un entier.' })
  @Min(0, { message: 'Le nombre d’actualités doit être positif.' })
  @Max(MAX_NEWS_PAGE_SIZE, {
    message: `Le nombre d’actualités ne doit pas dépasser ${MAX_NEWS_PAGE_SIZE}.`,
  })
  latest?: number;
}
