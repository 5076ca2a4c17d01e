import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { AuthorisedPickup, ChildSex, SchoolLevel } from '@portail/contracts';

/** A child of a household, with its health information and authorisations. */
@Entity({ name: 'children' })
export class Child {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId!: string;

  @Column({ name: 'first_name', type: 'text' })
  firstName!: string;

  @Column({ name: 'last_name', type: 'text' })
  lastName!: string;

  /** YYYY-MM-DD (a `date` column comes back as a string). */
  @Column({ name: 'birth_date', type: 'date' })
  birthDate!: string;

  @Column({ type: 'text', nullable: true })
  sex!: ChildSex | null;

  @Column({ name: 'school_level', type: 'text', nullable: true })
  schoolLevel!: SchoolLevel | null;

  @Column({ name: 'school_id', type: 'uuid', nullable: true })
  schoolId!: string | null;

  @Column({ name: 'school_name', type: 'text', nullable: true })
  schoolName!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  allergies!: string[];

  /** Projet d'accueil individualisé. */
  @Column({ type: 'boolean', default: false })
  pai!: boolean;

  @Column({ name: 'pai_details', type: 'text', nullable: true })
  paiDetails!: string | null;

  @Column({ name: 'doctor_name', type: 'text', nullable: true })
  doctorName!: string | null;

  @Column({ name: 'doctor_phone', type: 'text', nullable: true })
  doctorPhone!: string | null;

  @Column({ name: 'image_rights', type: 'boolean', default: false })
  imageRights!: boolean;

  @Column({ name: 'may_leave_alone', type: 'boolean', default: false })
  mayLeaveAlone!: boolean;

  @Column({ name: 'authorised_pickups', type: 'jsonb', default: () => "'[]'::jsonb" })
  authorisedPickups!: AuthorisedPickup[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
