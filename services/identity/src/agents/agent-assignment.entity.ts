import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { AgentRole } from '@portail/contracts';

/** One municipal service an agent works for; all rows of an agent share organisation and roles. */
@Entity({ name: 'agent_assignments' })
export class AgentAssignment {
  @PrimaryColumn({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @PrimaryColumn({ name: 'municipal_service_id', type: 'uuid' })
  municipalServiceId!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @Column({ type: 'text', array: true })
  roles!: AgentRole[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
