import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CallerKind, HouseholdChangeAction, HouseholdChangeEntity } from '@portail/contracts';

/** One change of a household, its guardians or children; written in the change's transaction. */
@Entity({ name: 'household_changes' })
export class HouseholdChange {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'actor_account_id', type: 'uuid' })
  actorAccountId!: string;

  @Column({ name: 'actor_kind', type: 'text' })
  actorKind!: CallerKind;

  @Column({ type: 'text' })
  entity!: HouseholdChangeEntity;

  @Column({ name: 'entity_id', type: 'uuid' })
  entityId!: string;

  @Column({ type: 'text' })
  action!: HouseholdChangeAction;

  @Column({ type: 'jsonb', nullable: true })
  before!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: Record<string, unknown> | null;
}
