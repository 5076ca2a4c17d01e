import { Column, Entity, PrimaryColumn } from 'typeorm';
import type {
  Eligibility,
  FormDefinition,
  ProcedureGrant,
  ProcedureStatus,
  RequiredDocument,
  ValidationMode,
} from '@portail/contracts';

/** A procedure ("démarche") a municipal service opens for one season. */
@Entity({ name: 'procedures' })
export class Procedure {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  /** Copied from identity's directory when written: lists and e-mails need no extra call. */
  @Column({ name: 'organisation_name', type: 'text' })
  organisationName!: string;

  @Column({ name: 'municipal_service_id', type: 'uuid' })
  municipalServiceId!: string;

  @Column({ name: 'municipal_service_name', type: 'text' })
  municipalServiceName!: string;

  @Column({ type: 'text' })
  season!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'jsonb' })
  form!: FormDefinition;

  @Column({ name: 'required_documents', type: 'jsonb' })
  requiredDocuments!: RequiredDocument[];

  @Column({ type: 'jsonb' })
  eligibility!: Eligibility;

  @Column({ name: 'opens_at', type: 'timestamptz' })
  opensAt!: Date;

  @Column({ name: 'closes_at', type: 'timestamptz' })
  closesAt!: Date;

  @Column({ type: 'integer', nullable: true })
  capacity!: number | null;

  @Column({ name: 'places_taken', type: 'integer' })
  placesTaken!: number;

  @Column({ name: 'validation_mode', type: 'text' })
  validationMode!: ValidationMode;

  @Column({ name: 'grant', type: 'jsonb' })
  grant!: ProcedureGrant;

  @Column({ type: 'text' })
  status!: ProcedureStatus;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
