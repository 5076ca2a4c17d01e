import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ContactDetails, OrganisationKind } from '@portail/contracts';

@Entity({ name: 'organisations' })
export class Organisation {
  @PrimaryColumn('uuid')
  id!: string;

  /** Stable short name used in URLs and configuration, e.g. `vichy`, `bellerive-sur-allier`. */
  @Column({ type: 'text', unique: true })
  slug!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: OrganisationKind;

  /** A commune's INSEE code (`03310`): communes typed by name or code are linked by it. */
  @Column({ name: 'insee_code', type: 'text', nullable: true })
  inseeCode!: string | null;

  @Column({ type: 'jsonb', default: {} })
  contact!: ContactDetails;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
