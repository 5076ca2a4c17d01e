import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A child's right to book an activity, granted by an accepted application (its id is the
 * application's) and ended by its withdrawal. The household's family accounts come with it: they
 * are who may read the child here.
 */
@Entity({ name: 'booking_rights' })
export class BookingRight {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'organisation_id', type: 'uuid' }) organisationId!: string;
  @Column({ name: 'municipal_service_id', type: 'uuid' }) municipalServiceId!: string;
  @Column({ name: 'activity_code', type: 'text' }) activityCode!: string;
  @Column({ type: 'text' }) billing!: 'pre-billing' | 'post-billing';
  @Column({ name: 'household_id', type: 'uuid' }) householdId!: string;
  @Column({ name: 'child_id', type: 'uuid' }) childId!: string;
  @Column({ name: 'child_first_name', type: 'text' }) childFirstName!: string;
  @Column({ name: 'child_last_name', type: 'text' }) childLastName!: string;
  @Column({ name: 'account_ids', type: 'uuid', array: true }) accountIds!: string[];
  @Column({ name: 'valid_from', type: 'date' }) validFrom!: string;
  @Column({ name: 'valid_until', type: 'date' }) validUntil!: string;
  /** The first day the right no longer covers (the withdrawal day). */
  @Column({ name: 'ended_on', type: 'date', nullable: true }) endedOn!: string | null;
}
