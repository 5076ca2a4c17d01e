import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@portail/service-kit';
import type { Caller, ListSlotsQuery, SlotState, SlotView } from '@portail/contracts';
import { ActivityCatalogue, capacityOn, closuresAt } from '../activities/activity-catalogue';
import {
  SchoolCalendar,
  addDays,
  bookableUntil,
  cancellableUntil,
  cancellingRuleOf,
  deadlineOf,
  isOnTime,
  weekdayOf,
} from '../calendar-and-notice';
import { BookingRights, covers } from '../rights/booking-rights';
import type { ActivitySite } from '../activities/activity.entities';
import { Booking, SlotCounter } from './booking.entity';
import { ChildSchoolSite, siteFollowsSchool } from './child-school-site';
import { closedOn } from './slot-rules';
import { priceKey, SlotPrices, type PricedSlot } from './slot-prices';

/**
 * A child's month: every day of every unit of the activities the child's rights cover, with its
 * state and the instants until which it may be booked and cancelled. School-day units show the
 * child's school's site only (where the activity's sites are schools); the others every site.
 */
@Injectable()
export class ListSlots {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rights: BookingRights,
    private readonly catalogue: ActivityCatalogue,
    private readonly calendar: SchoolCalendar,
    private readonly schoolSite: ChildSchoolSite,
    private readonly prices: SlotPrices,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, query: ListSlotsQuery): Promise<SlotView[]> {
    const now = this.clock.now();
    const rights = await this.rights.ofChild(caller, query.childId);
    const first = `${query.month}-01`;
    const days: string[] = [];
    for (let day = first; day.startsWith(query.month); day = addDays(day, 1)) days.push(day);
    const last = days[days.length - 1];
    const bookings = await this.dataSource
      .getRepository(Booking)
      .createQueryBuilder('b')
      .where('b.child_id = :childId', { childId: query.childId })
      .andWhere('b.day BETWEEN :first AND :last', { first, last })
      .andWhere("b.status NOT IN ('cancelled', 'refused')")
      .getMany();
    const slots: SlotView[] = [];
    // Aligned with `slots`: what to ask billing for an open slot's price.
    const toPrice: Array<PricedSlot | undefined> = [];
    const seen = new Set<string>();
    for (const right of rights) {
      const key = `${right.organisationId}/${right.activityCode}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const activity = await this.catalogue.findByCode(right.organisationId, right.activityCode);
      if (!activity || !activity.units.length) continue;
      const counters = await this.dataSource
        .getRepository(SlotCounter)
        .createQueryBuilder('c')
        .where('c.unit_id IN (:...unitIds)', { unitIds: activity.units.map((unit) => unit.id) })
        .andWhere('c.day BETWEEN :first AND :last', { first, last })
        .getMany();
      let schoolSite: ActivitySite | undefined;
      for (const unit of activity.units) {
        let sites = activity.sites;
        if (siteFollowsSchool(activity, [unit])) {
          schoolSite ??= await this.schoolSite.schoolSiteOf(activity, {
            id: query.childId,
            firstName: right.childFirstName,
          });
          sites = [schoolSite];
        }
        for (const site of sites) {
          const closures = closuresAt(activity, site.id);
          const workingDays = {
            isWorkingDay: (d: string) => this.calendar.isWorkingDay(d, closures),
          };
          for (const day of days) {
            if (
              !rights.some(
                (candidate) =>
                  candidate.activityCode === right.activityCode && covers(candidate, day),
              )
            ) {
              continue;
            }
            const closed = closedOn(this.calendar, unit, day, closures, weekdayOf(day));
            const booking = bookings.find(
              (b) => b.unitId === unit.id && b.siteId === site.id && b.day === day,
            );
            const slot = { day, startsAt: unit.startsAt };
            const bookingDeadline = closed
              ? null
              : deadlineOf(unit.noticePolicy.booking, slot, workingDays);
            const cancelDeadline = closed
              ? null
              : deadlineOf(cancellingRuleOf(unit.noticePolicy), slot, workingDays);
            let state: SlotState;
            if (closed) state = closed.state;
            else if (booking) state = booking.status as SlotState;
            else {
              const counter = counters.find(
                (c) => c.unitId === unit.id && c.siteId === site.id && c.day === day,
              );
              const capacity = counter?.capacity ?? capacityOn(activity, unit.id, site.id, day);
              state = (counter?.booked ?? 0) >= capacity ? 'full' : 'available';
              // A late request goes to an agent where the unit allows it; otherwise it is refused,
              // so the slot says so instead of offering a click that can only fail.
              if (!unit.allowsLateRequests && bookingDeadline && !isOnTime(bookingDeadline, now)) {
                state = 'past-deadline';
              }
            }
            slots.push({
              day,
              activityId: activity.activity.id,
              activityCode: activity.activity.code,
              unitId: unit.id,
              unitLabel: unit.label,
              siteId: site.id,
              siteName: site.name,
              state,
              bookingId: booking?.id ?? null,
              bookableUntil: bookingDeadline?.toUTC().toISO() ?? null,
              bookableUntilText: bookingDeadline
                ? capitalised(bookableUntil(bookingDeadline))
                : null,
              cancellableUntil: cancelDeadline?.toUTC().toISO() ?? null,
              cancellableUntilText: cancelDeadline
                ? capitalised(cancellableUntil(cancelDeadline))
                : null,
              reason: closed?.reason ?? null,
              priceCents: null,
            });
            toPrice.push(
              closed
                ? undefined
                : {
                    municipalServiceId: activity.activity.municipalServiceId,
                    activityCode: activity.activity.code,
                    unitCode: unit.code,
                    day,
                  },
            );
          }
        }
      }
    }
    const open = toPrice.filter((slot): slot is PricedSlot => slot !== undefined);
    const prices = await this.prices.of(query.childId, open);
    return slots.map((slot, index) => {
      const priced = toPrice[index];
      return priced ? { ...slot, priceCents: prices.get(priceKey(priced)) ?? null } : slot;
    });
  }
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
