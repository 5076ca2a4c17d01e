import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type AccountTokenPurpose = 'email-verification' | 'password-reset';

/** A single-use, expiring token sent by e-mail; only its SHA-256 hash is kept. */
@Entity({ name: 'account_tokens' })
export class AccountToken {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @Column({ type: 'text' })
  purpose!: AccountTokenPurpose;

  @Column({ name: 'token_hash', type: 'text', unique: true })
  tokenHash!: string;

  /** The address the token was sent to (for a verification: the address it proves). */
  @Column({ type: 'text' })
  email!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
