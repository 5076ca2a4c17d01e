import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One link of a refresh-token chain: a login starts a chain, each refresh uses the current
 * link and adds the next one. Only the SHA-256 hash of the opaque token is kept.
 */
@Entity({ name: 'refresh_tokens' })
export class RefreshToken {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @Column({ name: 'chain_id', type: 'uuid' })
  chainId!: string;

  @Column({ name: 'token_hash', type: 'text', unique: true })
  tokenHash!: string;

  /** When the login that started the chain happened: the session ends SESSION_MAX_AGE_DAYS later. */
  @Column({ name: 'session_started_at', type: 'timestamptz' })
  sessionStartedAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  /** Set when the token was exchanged for the next one: presenting it again is a reuse. */
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
