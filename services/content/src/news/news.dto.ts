import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  MAX_NEWS_PAGE_SIZE,
  NEWS_CATEGORIES,
  PUBLICATION_STATUSES,
  type CreateNewsCommand,
  type ListEditableNewsQuery,
  type ListNewsQuery,
  type NewsCategory,
  type NewsItemView,
  type NewsSummaryView,
  type PublicationStatus,
  type UpdateNewsCommand,
} from '@portail/contracts';
import { IfPresent, OptionalText, RequiredText } from '../publishing/publication.dto';
import type { NewsItem } from './news-item.entity';

const CATEGORY_MESSAGE = `La catégorie doit être l'une de : ${NEWS_CATEGORIES.join(', ')}.`;
const STATUS_MESSAGE = 'Le statut doit être draft ou published.';
const ORGANISATION_MESSAGE = "L'identifiant de la collectivité doit être un UUID.";
const NULLABLE = (_object: object, value: unknown) => value !== undefined && value !== null;

export class NewsIdDto {
  @IsUUID('all', { message: "L'identifiant de l'actualité doit être un UUID." })
  id!: string;
}

export class ListNewsDto implements ListNewsQuery {
  @IsOptional()
  @IsUUID('all', { message: ORGANISATION_MESSAGE })
  organisationId?: string;

  @IsOptional()
  @IsIn(NEWS_CATEGORIES, { message: CATEGORY_MESSAGE })
  category?: NewsCategory;

  @OptionalText('La recherche', 200)
  q?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'La page doit être un entier.' })
  @Min(1, { message: 'La page commence à 1.' })
  @Max(10_000, { message: 'La page ne doit pas dépasser 10000.' })
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

export class ListEditableNewsDto implements ListEditableNewsQuery {
  @IsUUID('all', { message: ORGANISATION_MESSAGE })
  organisationId!: string;

  @IsOptional()
  @IsIn(PUBLICATION_STATUSES, { message: STATUS_MESSAGE })
  status?: PublicationStatus;

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

class NewsFieldsDto {
  @IsOptional()
  @ValidateIf(NULLABLE)
  @IsUUID('all', { message: "L'identifiant de l'image doit être un UUID." })
  imageId?: string | null;

  @IsOptional()
  @ArrayMaxSize(50, { message: 'Le public ne doit pas dépasser 50 services.' })
  @IsUUID('all', { each: true, message: 'Chaque service du public doit être un UUID.' })
  audienceServiceIds?: string[];

  @IsOptional()
  @ValidateIf(NULLABLE)
  @IsISO8601({ strict: true }, { message: 'Le début de publication doit être une date ISO 8601.' })
  publishFrom?: string | null;

  @IsOptional()
  @ValidateIf(NULLABLE)
  @IsISO8601({ strict: true }, { message: 'La fin de publication doit être une date ISO 8601.' })
  publishUntil?: string | null;

  @IsOptional()
  @IsBoolean({ message: 'pinned doit être un booléen.' })
  pinned?: boolean;

  @IsOptional()
  @IsIn(PUBLICATION_STATUSES, { message: STATUS_MESSAGE })
  status?: PublicationStatus;
}

export class CreateNewsDto extends NewsFieldsDto implements CreateNewsCommand {
  @IsUUID('all', { message: ORGANISATION_MESSAGE })
  organisationId!: string;

  @RequiredText('Le titre', 200)
  title!: string;

  @RequiredText('Le résumé', 500)
  summary!: string;

  @RequiredText('Le texte', 50_000)
  bodyMarkdown!: string;

  @IsIn(NEWS_CATEGORIES, { message: CATEGORY_MESSAGE })
  category!: NewsCategory;
}

export class UpdateNewsDto extends NewsFieldsDto implements UpdateNewsCommand {
  @IsUUID('all', { message: "L'identifiant de l'actualité doit être un UUID." })
  id!: string;

  @IfPresent()
  @RequiredText('Le titre', 200)
  title?: string;

  @IfPresent()
  @RequiredText('Le résumé', 500)
  summary?: string;

  @IfPresent()
  @RequiredText('Le texte', 50_000)
  bodyMarkdown?: string;

  @IfPresent()
  @IsIn(NEWS_CATEGORIES, { message: CATEGORY_MESSAGE })
  category?: NewsCategory;
}

export function toNewsSummaryView(item: NewsItem): NewsSummaryView {
  return {
    id: item.id,
    organisationId: item.organisationId,
    title: item.title,
    summary: item.summary,
    imageId: item.imageId,
    category: item.category,
    audienceServiceIds: item.audienceServiceIds,
    publishFrom: item.publishFrom?.toISOString() ?? null,
    publishUntil: item.publishUntil?.toISOString() ?? null,
    pinned: item.pinned,
    status: item.status,
    publishedAt: item.publishedAt?.toISOString() ?? null,
    updatedAt: item.updatedAt.toISOString(),
  };
}

export function toNewsItemView(item: NewsItem, forEditor: boolean): NewsItemView {
  return {
    ...toNewsSummaryView(item),
    bodyHtml: item.bodyHtml,
    ...(forEditor ? { bodyMarkdown: item.bodyMarkdown } : {}),
  };
}
