import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A family account's feed of one child's bookings, read at a secret URL. Only the SHA-256 of the
 * token is kept: a leak of the table gives no working URL.
 */
@Entity({ name: 'calendar_feeds' })
export class CalendarFeed {
  @PrimaryColumn({ name: 'child_id', type: 'uuid' }) childId!: string;
  @PrimaryColumn({ name: 'account_id', type: 'uuid' }) accountId!: string;
  @Column({ name: 'token_hash', type: 'bytea' }) tokenHash!: Buffer;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
