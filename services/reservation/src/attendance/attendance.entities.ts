import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AttendanceStatus } from '@portail/contracts';

/** A child's attendance at a unit on a day (one row, corrected in place; events keep history). */
@Entity({ name: 'attendance_records' })
export class AttendanceRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'organisation_id', type: 'uuid' }) organisationId!: string;
  @Column({ name: 'municipal_service_id', type: 'uuid' }) municipalServiceId!: string;
  @Column({ name: 'activity_id', type: 'uuid' }) activityId!: string;
  @Column({ name: 'unit_id', type: 'uuid' }) unitId!: string;
  @Column({ name: 'site_id', type: 'uuid' }) siteId!: string;
  @Column({ type: 'date' }) day!: string;
  @Column({ name: 'child_id', type: 'uuid' }) childId!: string;
  @Column({ name: 'household_id', type: 'uuid' }) householdId!: string;
  @Column({ name: 'right_id', type: 'uuid' }) rightId!: string;
  /** The booking it checks; null for an unexpected presence. */
  @Column({ name: 'booking_id', type: 'uuid', nullable: true }) bookingId!: string | null;
  @Column({ type: 'text' }) status!: AttendanceStatus;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ name: 'recorded_by', type: 'uuid' }) recordedBy!: string;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
  @Column({ type: 'integer' }) corrections!: number;
  /** Last changed by a supervisor after the month was locked. */
  @Column({ name: 'after_lock', type: 'boolean' }) afterLock!: boolean;
}

/** A municipal service's month whose attendance is final (billing runs on it). */
@Entity({ name: 'attendance_month_locks' })
export class AttendanceMonthLock {
  @PrimaryColumn({ name: 'municipal_service_id', type: 'uuid' }) municipalServiceId!: string;
  @PrimaryColumn({ type: 'text' }) month!: string;
  @Column({ name: 'organisation_id', type: 'uuid' }) organisationId!: string;
  @Column({ name: 'locked_by', type: 'uuid' }) lockedBy!: string;
  @Column({ name: 'locked_at', type: 'timestamptz' }) lockedAt!: Date;
}

export const ATTENDANCE_ENTITIES = [AttendanceRecord, AttendanceMonthLock];
