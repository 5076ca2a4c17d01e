import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { DirectoryAddress, SchoolKind } from '@portail/contracts';

@Entity({ name: 'schools' })
export class School {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: SchoolKind;

  @Column({ type: 'jsonb', default: {} })
  address!: DirectoryAddress;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ name: 'director_name', type: 'text', nullable: true })
  directorName!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
