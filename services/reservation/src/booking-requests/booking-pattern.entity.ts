import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PatternFrequency } from '@portail/contracts';

/** A child's weekly pattern for one activity, within one booking right (one per right). */
@Entity({ name: 'booking_patterns' })
export class BookingPattern {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'right_id', type: 'uuid' }) rightId!: string;
  @Column({ name: 'child_id', type: 'uuid' }) childId!: string;
  @Column({ name: 'household_id', type: 'uuid' }) householdId!: string;
  @Column({ name: 'activity_id', type: 'uuid' }) activityId!: string;
  @Column({ name: 'site_id', type: 'uuid' }) siteId!: string;
  @Column({ type: 'jsonb' }) units!: Array<{ unitId: string; weekdays: number[] }>;
  @Column({ name: 'every_weeks', type: 'smallint' }) everyWeeks!: PatternFrequency;
  /** The week "every other week" counts from. */
  @Column({ name: 'anchor_day', type: 'date' }) anchorDay!: string;
  @Column({ name: 'first_day', type: 'date' }) firstDay!: string;
  @Column({ name: 'last_day', type: 'date' }) lastDay!: string;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
