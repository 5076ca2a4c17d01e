import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ReservationErrorCode, type ActivityView, type UnitView } from '@portail/contracts';
import { DomainException } from '@portail/service-kit';
import type { Closure } from '../calendar';
import { cancellingRuleOf, describeNoticeRule } from '../notice-periods';
import { ActivityNotFoundException } from './activity-access';
import {
  Activity,
  ActivityClosure,
  ActivitySite,
  ActivityUnit,
  CapacityOverride,
  UnitCapacity,
} from './activity.entities';

/** An activity with everything booking needs, read once. */
export interface ActivityAggregate {
  activity: Activity;
  units: ActivityUnit[];
  sites: ActivitySite[];
  capacities: UnitCapacity[];
  overrides: CapacityOverride[];
  closures: ActivityClosure[];
}

/** Reads activities and their parts; every use case goes through it. */
@Injectable()
export class ActivityCatalogue {
  constructor(private readonly dataSource: DataSource) {}

  async load(activityId: string, manager?: EntityManager): Promise<ActivityAggregate> {
    const found = await this.loadMany({ ids: [activityId] }, manager);
    if (!found.length) throw new ActivityNotFoundException();
    return found[0];
  }

  /** A unit and its activity, for a command naming the unit only. */
  async loadUnit(unitId: string): Promise<{ unit: ActivityUnit; activity: ActivityAggregate }> {
    const unit = await this.dataSource.getRepository(ActivityUnit).findOneBy({ id: unitId });
    if (!unit) {
      throw new DomainException(ReservationErrorCode.UNIT_NOT_FOUND, "Cette unité n'existe pas.");
    }
    return { unit, activity: await this.load(unit.activityId) };
  }

  async findByCode(
    organisationId: string,
    code: string,
    manager?: EntityManager,
  ): Promise<ActivityAggregate | undefined> {
    const found = await this.loadMany({ organisationId, code }, manager);
    return found[0];
  }

  async loadMany(
    filter: { ids?: string[]; organisationId?: string; code?: string; serviceIds?: string[] },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ActivityAggregate[]> {
    const query = manager.getRepository(Activity).createQueryBuilder('a').orderBy('a.name');
    if (filter.ids) query.andWhere('a.id IN (:...ids)', { ids: filter.ids });
    if (filter.organisationId)
      query.andWhere('a.organisation_id = :org', { org: filter.organisationId });
    if (filter.code) query.andWhere('a.code = :code', { code: filter.code });
    if (filter.serviceIds) {
      if (!filter.serviceIds.length) return [];
      query.andWhere('a.municipal_service_id IN (:...services)', { services: filter.serviceIds });
    }
    const activities = await query.limit(500).getMany();
    if (!activities.length) return [];
    const ids = activities.map((activity) => activity.id);
    // One after the other: a transaction's manager has one connection, and pg refuses (from
    // version 9) a query sent while another runs on it.
    const units = await manager
      .getRepository(ActivityUnit)
      .createQueryBuilder('u')
      .where('u.activity_id IN (:...ids)', { ids })
      .orderBy('u.starts_at')
      .getMany();
    const sites = await manager
      .getRepository(ActivitySite)
      .createQueryBuilder('s')
      .where('s.activity_id IN (:...ids)', { ids })
      .orderBy('s.name')
      .getMany();
    const closures = await manager
      .getRepository(ActivityClosure)
      .createQueryBuilder('c')
      .where('c.activity_id IN (:...ids)', { ids })
      .orderBy('c.first_day')
      .getMany();
    const unitIds = units.map((unit) => unit.id);
    const capacities = unitIds.length
      ? await manager
          .getRepository(UnitCapacity)
          .createQueryBuilder('c')
          .where('c.unit_id IN (:...unitIds)', { unitIds })
          .getMany()
      : [];
    const overrides = unitIds.length
      ? await manager
          .getRepository(CapacityOverride)
          .createQueryBuilder('o')
          .where('o.unit_id IN (:...unitIds)', { unitIds })
          .orderBy('o.day')
          .getMany()
      : [];
    return activities.map((activity) => {
      const own = new Set(units.filter((u) => u.activityId === activity.id).map((u) => u.id));
      return {
        activity,
        units: units.filter((unit) => unit.activityId === activity.id),
        sites: sites.filter((site) => site.activityId === activity.id),
        capacities: capacities.filter((capacity) => own.has(capacity.unitId)),
        overrides: overrides.filter((override) => own.has(override.unitId)),
        closures: closures.filter((closure) => closure.activityId === activity.id),
      };
    });
  }
}

/** The capacity of a unit at a site on a day: the day's override, else the default, else 0. */
export function capacityOn(
  aggregate: ActivityAggregate,
  unitId: string,
  siteId: string,
  day: string,
): number {
  const override = aggregate.overrides.find(
    (o) => o.unitId === unitId && o.siteId === siteId && o.day === day,
  );
  if (override) return override.capacity;
  return (
    aggregate.capacities.find((c) => c.unitId === unitId && c.siteId === siteId)?.capacity ?? 0
  );
}

/** Closures that apply at a site: the whole activity's and the site's own. */
export function closuresAt(aggregate: ActivityAggregate, siteId: string): Closure[] {
  return aggregate.closures
    .filter((closure) => closure.siteId === null || closure.siteId === siteId)
    .map(({ firstDay, lastDay, label }) => ({ firstDay, lastDay, label }));
}

export function toUnitView(unit: ActivityUnit): UnitView {
  const policy = unit.noticePolicy;
  const booking = describeNoticeRule(policy.booking);
  const cancelling = describeNoticeRule(cancellingRuleOf(policy));
  return {
    id: unit.id,
    code: unit.code,
    label: unit.label,
    kind: unit.kind,
    startsAt: unit.startsAt,
    endsAt: unit.endsAt,
    weekdays: unit.weekdays,
    noticePolicy: policy as unknown as Record<string, unknown>,
    noticeDescription: `Réservation ${booking}, annulation ${cancelling}.`,
    allowsLateRequests: unit.allowsLateRequests,
    waitingListMode: unit.waitingListMode,
    offerHoldMinutes: unit.offerHoldMinutes,
  };
}

export function toActivityView(aggregate: ActivityAggregate): ActivityView {
  const { activity } = aggregate;
  return {
    id: activity.id,
    code: activity.code,
    name: activity.name,
    organisationId: activity.organisationId,
    municipalServiceId: activity.municipalServiceId,
    units: aggregate.units.map(toUnitView),
    sites: aggregate.sites.map(({ id, name, schoolId }) => ({ id, name, schoolId })),
    capacities: aggregate.capacities.map(({ unitId, siteId, capacity }) => ({
      unitId,
      siteId,
      capacity,
      overrides: Object.fromEntries(
        aggregate.overrides
          .filter((o) => o.unitId === unitId && o.siteId === siteId)
          .map((o) => [o.day, o.capacity]),
      ),
    })),
    closures: aggregate.closures.map(({ id, siteId, firstDay, lastDay, label }) => ({
      id,
      siteId,
      firstDay,
      lastDay,
      label,
    })),
  };
}
