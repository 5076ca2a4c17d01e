import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { NewsCategory, PublicationStatus } from '@portail/contracts';

@Entity({ name: 'news_items' })
export class NewsItem {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  summary!: string;

  @Column({ name: 'body_markdown', type: 'text' })
  bodyMarkdown!: string;

  @Column({ name: 'body_html', type: 'text' })
  bodyHtml!: string;

  @Column({ name: 'body_text', type: 'text' })
  bodyText!: string;

  @Column({ name: 'image_id', type: 'uuid', nullable: true })
  imageId!: string | null;

  @Column({ type: 'text' })
  category!: NewsCategory;

  @Column({ name: 'audience_service_ids', type: 'uuid', array: true, default: () => "'{}'" })
  audienceServiceIds!: string[];

  @Column({ name: 'publish_from', type: 'timestamptz', nullable: true })
  publishFrom!: Date | null;

  @Column({ name: 'publish_until', type: 'timestamptz', nullable: true })
  publishUntil!: Date | null;

  @Column({ type: 'boolean', default: false })
  pinned!: boolean;

  @Column({ type: 'text' })
  status!: PublicationStatus;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
