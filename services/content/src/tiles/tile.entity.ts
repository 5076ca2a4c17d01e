import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PublicationStatus, TileBlocks, TileKind } from '@portail/contracts';

/** A "dalle" of the home: an activity (schools, hours, attachments) or a contacts tile. */
@Entity({ name: 'tiles' })
export class Tile {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @Column({ type: 'text' })
  kind!: TileKind;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'body_markdown', type: 'text', default: '' })
  bodyMarkdown!: string;

  @Column({ name: 'body_html', type: 'text', default: '' })
  bodyHtml!: string;

  @Column({ type: 'jsonb', default: {} })
  blocks!: TileBlocks;

  @Column({ type: 'integer', default: 0 })
  position!: number;

  @Column({ type: 'text' })
  status!: PublicationStatus;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
