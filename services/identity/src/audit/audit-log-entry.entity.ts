import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CallerKind } from '@portail/contracts';

/** One access by an agent (or anyone audited) to family data. Append-only. */
@Entity({ name: 'audit_log' })
export class AuditLogEntry {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'actor_account_id', type: 'uuid' })
  actorAccountId!: string;

  @Column({ name: 'actor_kind', type: 'text' })
  actorKind!: CallerKind;

  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'subject_type', type: 'text' })
  subjectType!: string;

  @Column({ name: 'subject_id', type: 'text', nullable: true })
  subjectId!: string | null;

  @Column({ name: 'household_id', type: 'uuid', nullable: true })
  householdId!: string | null;

  @Column({ type: 'jsonb', default: {} })
  details!: Record<string, unknown>;
}
