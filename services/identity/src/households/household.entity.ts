import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A family's household ("foyer"): its guardians and children are rows of their own. */
@Entity({ name: 'households' })
export class Household {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'created_by_account_id', type: 'uuid' })
  createdByAccountId!: string;

  @Column({ name: 'caf_number', type: 'text', nullable: true })
  cafNumber!: string | null;

  /** Quotient familial in whole euros. */
  @Column({ name: 'family_quotient', type: 'integer', nullable: true })
  familyQuotient!: number | null;

  @Column({ name: 'family_quotient_valid_until', type: 'date', nullable: true })
  familyQuotientValidUntil!: string | null;

  /** Set when the family closed its account: personal data is gone. */
  @Column({ name: 'anonymised_at', type: 'timestamptz', nullable: true })
  anonymisedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
