import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Civility, GuardianRelationship } from '@portail/contracts';

/** A guardian ("responsable légal") of a household; nullable columns are erased at closure. */
@Entity({ name: 'guardians' })
export class Guardian {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId!: string;

  /** The family account of this guardian: what gives the account access to the household. */
  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId!: string | null;

  @Column({ name: 'is_primary', type: 'boolean' })
  primary!: boolean;

  @Column({ type: 'text', nullable: true })
  civility!: Civility | null;

  @Column({ name: 'first_name', type: 'text' })
  firstName!: string;

  @Column({ name: 'last_name', type: 'text' })
  lastName!: string;

  @Column({ type: 'text' })
  relationship!: GuardianRelationship;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ name: 'other_phone', type: 'text', nullable: true })
  otherPhone!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ name: 'address_line1', type: 'text', nullable: true })
  addressLine1!: string | null;

  @Column({ name: 'address_line2', type: 'text', nullable: true })
  addressLine2!: string | null;

  @Column({ name: 'postal_code', type: 'text', nullable: true })
  postalCode!: string | null;

  @Column({ type: 'text', nullable: true })
  city!: string | null;

  @Column({ name: 'commune_organisation_id', type: 'uuid', nullable: true })
  communeOrganisationId!: string | null;

  @Column({ name: 'commune_insee_code', type: 'text', nullable: true })
  communeInseeCode!: string | null;

  @Column({ name: 'commune_name', type: 'text', nullable: true })
  communeName!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
