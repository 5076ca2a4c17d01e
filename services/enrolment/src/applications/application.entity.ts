import { Column, Entity, PrimaryColumn } from 'typeorm';
import type {
  ApplicationChild,
  ApplicationStatus,
  Answers,
  ResidenceDiscrepancy,
  ResolvedCommune,
  SchoolAssignment,
  SummaryLine,
} from '@portail/contracts';

/** An application ("demande") of a household for one child to one procedure. */
@Entity({ name: 'applications' })
export class Application {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  reference!: string;

  @Column({ name: 'procedure_id', type: 'uuid' })
  procedureId!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @Column({ name: 'municipal_service_id', type: 'uuid' })
  municipalServiceId!: string;

  @Column({ type: 'text' })
  season!: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId!: string;

  @Column({ name: 'child_id', type: 'uuid' })
  childId!: string;

  /** The child as identity knew it when the application was written (agents read this). */
  @Column({ type: 'jsonb' })
  child!: ApplicationChild;

  /** Lower-case, accent-free "first last last first" for the agents' name filter. */
  @Column({ name: 'child_search', type: 'text' })
  childSearch!: string;

  @Column({ type: 'text' })
  status!: ApplicationStatus;

  @Column({ type: 'jsonb' })
  answers!: Answers;

  /** The "récapitulatif" as computed when the answers were saved (names of the household's children included). */
  @Column({ type: 'jsonb' })
  summary!: SummaryLine[];

  /** Keys of answers prefilled from the child's record that the family has not confirmed yet. */
  @Column({ type: 'jsonb' })
  prefilled!: string[];

  /** By field key, the commune of each address or commune-of-residence answer (directory-linked). */
  @Column({ name: 'answer_communes', type: 'jsonb' })
  answerCommunes!: Record<string, ResolvedCommune>;

  /** Answers contradicting the household's communes of residence, for the agent (derogation). */
  @Column({ name: 'residence_discrepancies', type: 'jsonb' })
  residenceDiscrepancies!: ResidenceDiscrepancy[];

  @Column({ type: 'text', nullable: true })
  message!: string | null;

  @Column({ name: 'school_assignment', type: 'jsonb', nullable: true })
  schoolAssignment!: SchoolAssignment | null;

  /** Whether this application counts in its procedure's `places_taken`. */
  @Column({ name: 'holds_place', type: 'boolean' })
  holdsPlace!: boolean;

  @Column({ name: 'filed_by_kind', type: 'text' })
  filedByKind!: 'family' | 'agent';

  @Column({ name: 'filed_by_account_id', type: 'uuid' })
  filedByAccountId!: string;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
