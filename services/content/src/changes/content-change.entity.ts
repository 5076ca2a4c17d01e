import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ContentChangeView } from '@portail/contracts';

/** Who changed what, when: one row per write to news, tiles and files. */
@Entity({ name: 'content_changes' })
export class ContentChange {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @Column({ name: 'subject_type', type: 'text' })
  subjectType!: ContentChangeView['subjectType'];

  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId!: string;

  @Column({ type: 'text' })
  action!: ContentChangeView['action'];

  @Column({ name: 'actor_account_id', type: 'uuid' })
  actorAccountId!: string;

  @Column({ type: 'jsonb', nullable: true })
  snapshot!: Record<string, unknown> | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;
}
