import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { UnitKind, WaitingListMode } from '@portail/contracts';
import type { NoticePolicy } from '../notice-periods';

/** A bookable activity of a municipal service (`restauration-scolaire`, `mercredis`…). */
@Entity({ name: 'activities' })
export class Activity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'organisation_id', type: 'uuid' }) organisationId!: string;
  @Column({ name: 'municipal_service_id', type: 'uuid' }) municipalServiceId!: string;
  @Column({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** What a family books: a meal, a morning of care, a Wednesday… */
@Entity({ name: 'activity_units' })
export class ActivityUnit {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'activity_id', type: 'uuid' }) activityId!: string;
  @Column({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) label!: string;
  @Column({ type: 'text' }) kind!: UnitKind;
  @Column({ name: 'starts_at', type: 'text' }) startsAt!: string;
  @Column({ name: 'ends_at', type: 'text' }) endsAt!: string;
  @Column({ type: 'smallint', array: true }) weekdays!: number[];
  @Column({ name: 'notice_policy', type: 'jsonb' }) noticePolicy!: NoticePolicy;
  @Column({ name: 'allows_late_requests', type: 'boolean' }) allowsLateRequests!: boolean;
  @Column({ name: 'waiting_list_mode', type: 'text' }) waitingListMode!: WaitingListMode;
  /** Mode `offer`: how long a freed place is held for the first waiting child. */
  @Column({ name: 'offer_hold_minutes', type: 'integer' }) offerHoldMinutes!: number;
}

@Entity({ name: 'activity_sites' })
export class ActivitySite {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'activity_id', type: 'uuid' }) activityId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'school_id', type: 'uuid', nullable: true }) schoolId!: string | null;
}

/** The default capacity of a unit at a site. */
@Entity({ name: 'unit_capacities' })
export class UnitCapacity {
  @PrimaryColumn({ name: 'unit_id', type: 'uuid' }) unitId!: string;
  @PrimaryColumn({ name: 'site_id', type: 'uuid' }) siteId!: string;
  @Column({ type: 'integer' }) capacity!: number;
}

/** The capacity of a unit at a site on one day. */
@Entity({ name: 'capacity_overrides' })
export class CapacityOverride {
  @PrimaryColumn({ name: 'unit_id', type: 'uuid' }) unitId!: string;
  @PrimaryColumn({ name: 'site_id', type: 'uuid' }) siteId!: string;
  @PrimaryColumn({ type: 'date' }) day!: string;
  @Column({ type: 'integer' }) capacity!: number;
}

/** Days the activity (or one of its sites) is closed. */
@Entity({ name: 'activity_closures' })
export class ActivityClosure {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'activity_id', type: 'uuid' }) activityId!: string;
  @Column({ name: 'site_id', type: 'uuid', nullable: true }) siteId!: string | null;
  @Column({ name: 'first_day', type: 'date' }) firstDay!: string;
  @Column({ name: 'last_day', type: 'date' }) lastDay!: string;
  @Column({ type: 'text' }) label!: string;
  /** The UID of the ICS event it was imported from (null: added by hand). */
  @Column({ name: 'source_uid', type: 'text', nullable: true }) sourceUid!: string | null;
}

export const ACTIVITY_ENTITIES = [
  Activity,
  ActivityUnit,
  ActivitySite,
  UnitCapacity,
  CapacityOverride,
  ActivityClosure,
];
