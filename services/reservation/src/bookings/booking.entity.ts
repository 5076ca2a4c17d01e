import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { BookingStatus } from '@portail/contracts';

/** One child, one unit, one site, one day. `seq` is the request order (waiting list). */
@Entity({ name: 'bookings' })
export class Booking {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'bigint', update: false }) seq!: string;
  @Column({ name: 'right_id', type: 'uuid' }) rightId!: string;
  @Column({ name: 'child_id', type: 'uuid' }) childId!: string;
  @Column({ name: 'household_id', type: 'uuid' }) householdId!: string;
  @Column({ name: 'activity_id', type: 'uuid' }) activityId!: string;
  @Column({ name: 'unit_id', type: 'uuid' }) unitId!: string;
  @Column({ name: 'site_id', type: 'uuid' }) siteId!: string;
  @Column({ type: 'date' }) day!: string;
  @Column({ type: 'text' }) status!: BookingStatus;
  @Column({ type: 'boolean' }) late!: boolean;
  @Column({ type: 'text', nullable: true }) message!: string | null;
  @Column({ name: 'requested_by', type: 'uuid' }) requestedBy!: string;
  @Column({ name: 'requested_at', type: 'timestamptz' }) requestedAt!: Date;
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true }) cancelledAt!: Date | null;
  /** Status `offered`: until when the freed place is held for this child. */
  @Column({ name: 'offer_expires_at', type: 'timestamptz', nullable: true })
  offerExpiresAt?: Date | null;
}

/** Places taken of a unit at a site on a day, against the capacity that applied when created. */
@Entity({ name: 'slot_counters' })
export class SlotCounter {
  @PrimaryColumn({ name: 'unit_id', type: 'uuid' }) unitId!: string;
  @PrimaryColumn({ name: 'site_id', type: 'uuid' }) siteId!: string;
  @PrimaryColumn({ type: 'date' }) day!: string;
  @Column({ type: 'integer' }) booked!: number;
  @Column({ type: 'integer' }) capacity!: number;
}
