import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ApplicationStatus } from '@portail/contracts';

export type HistoryActorKind = 'family' | 'agent' | 'admin' | 'system';

/** One status an application went through: when, who, and the message that came with it. */
@Entity({ name: 'application_history' })
export class ApplicationHistory {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @Column({ type: 'text' })
  status!: ApplicationStatus;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'actor_kind', type: 'text' })
  actorKind!: HistoryActorKind;

  @Column({ name: 'actor_account_id', type: 'uuid', nullable: true })
  actorAccountId!: string | null;

  @Column({ type: 'text', nullable: true })
  message!: string | null;
}
