import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  CommonErrorCode,
  MAX_REQUEST_OUTCOMES,
  type BookingRequestView,
  type Caller,
  type RequestKind,
  type RequestOutcome,
  type RequestOutcomeView,
  type SkippedDayView,
} from '@portail/contracts';
import { EventRecorder } from '@portail/messaging';
import { Clock, DomainException } from '@portail/service-kit';
import { capacityOn, closuresAt, type ActivityAggregate } from '../activities/activity-catalogue';
import type { ActivityUnit } from '../activities/activity.entities';
import {
  DEFAULT_SCHOOL_LOCATION,
  SchoolCalendar,
  cancellingRuleOf,
  evaluate,
  evaluateCancellation,
} from '../calendar-and-notice';
import { BookingLedger } from '../bookings/booking-ledger';
import { Booking } from '../bookings/booking.entity';
import { closedOn } from '../bookings/slot-rules';
import type { BookingRight } from '../rights/booking-right.entity';
import { isoWeekdayOf } from './recurrence';

/** Who asks, for which child's right, at which site, and how. */
export interface RequestScope {
  caller: Caller;
  kind: RequestKind;
  right: BookingRight;
  activity: ActivityAggregate;
  siteId: string;
  /** An agent at the counter, on the family's behalf. */
  onBehalf: boolean;
  /** The agent books (and cancels) past the notice deadlines; recorded per booking. */
  overrideDeadline: boolean;
  dryRun: boolean;
  patternId: string | null;
  from: string;
  until: string;
  /** The rights of bookings to cancel when they are not all under `right` (a range). */
  rightsById?: ReadonlyMap<string, BookingRight>;
}

export interface Candidate {
  unit: ActivityUnit;
  day: string;
}

/** The work of one request: dates to book, bookings to cancel, a pattern to write first. */
export interface RequestWork {
  candidates: Candidate[];
  /** The live bookings to cancel, read (and locked when `lock`) in (day, unit) order. */
  cancellations?: (manager: EntityManager, lock: boolean) => Promise<Booking[]>;
  /** Written in the transaction before the bookings (the pattern they point to). */
  beforeWrite?: (manager: EntityManager) => Promise<void>;
}

interface Planned {
  unit: ActivityUnit;
  day: string;
  /** `place`: to be booked or waitlisted; the others are final. */
  plan: 'existing' | 'refused' | 'pending' | 'place';
  reason: string | null;
  existing?: { id: string; status: RequestOutcomeView['status'] };
  overridden: boolean;
}

const RETRIES = 3;
/** Days whose public and school holidays are remembered (a few school years). */
const MEMO_DAYS = 4000;

/**
 * The calendar's answers per day, remembered: they never change while the service runs, and
 * a year-long pattern asks them for hundreds of days per request.
 */
class MemoisedCalendar implements Pick<SchoolCalendar, 'publicHolidayOn' | 'isSchoolHoliday'> {
  private readonly days = new Map<string, { publicHoliday: string | undefined; school: boolean }>();

  constructor(private readonly calendar: SchoolCalendar) {}

  publicHolidayOn(day: string): string | undefined {
    return this.of(day).publicHoliday;
  }

  isSchoolHoliday(location: string, day: string): boolean {
    return location === DEFAULT_SCHOOL_LOCATION
      ? this.of(day).school
      : this.calendar.isSchoolHoliday(location, day);
  }

  private of(day: string): { publicHoliday: string | undefined; school: boolean } {
    let known = this.days.get(day);
    if (!known) {
      known = {
        publicHoliday: this.calendar.publicHolidayOn(day),
        school: this.calendar.isSchoolHoliday(DEFAULT_SCHOOL_LOCATION, day),
      };
      if (this.days.size >= MEMO_DAYS) this.days.clear();
      this.days.set(day, known);
    }
    return known;
  }
}

/**
 * Books many dates of one child in one transaction, set-based: one statement reads the child's
 * live bookings, one creates the missing day counters, one locks them in (day, unit) order — the
 * same order for every request, so concurrent requests over the same days queue instead of
 * deadlocking —, one conditional UPDATE takes the places (`booked < capacity`, the guarantee the
 * single booking has), one multi-row INSERT writes the bookings, and one outbox row the request
 * with every date's outcome (one event per request, not per date). A dry
 * run (the "récapitulatif") goes through the same rules and reads the counters without writing.
 */
@Injectable()
export class BookingEngine {
  private readonly days: MemoisedCalendar;

  constructor(
    private readonly dataSource: DataSource,
    private readonly calendar: SchoolCalendar,
    private readonly ledger: BookingLedger,
    private readonly events: EventRecorder,
    private readonly clock: Clock,
  ) {
    this.days = new MemoisedCalendar(calendar);
  }

  async run(scope: RequestScope, work: RequestWork): Promise<BookingRequestView> {
    if (scope.dryRun) return this.dryRun(scope, work);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.dataSource.transaction((manager) => this.write(manager, scope, work));
      } catch (error) {
        // The same child's dates booked by a concurrent request (unique index), or a change of
        // pattern crossing another request's locks: run again, the rules see the new state.
        if (attempt >= RETRIES || !isRetryable(error)) throw error;
      }
    }
  }

  private async dryRun(scope: RequestScope, work: RequestWork): Promise<BookingRequestView> {
    const manager = this.dataSource.manager;
    const now = this.clock.now();
    const toCancel = work.cancellations ? await work.cancellations(manager, false) : [];
    if (toCancel.length + work.candidates.length > MAX_REQUEST_OUTCOMES) tooMany();
    const cancelled = toCancel.map((booking) => this.cancellationOutcome(scope, booking, now));
    const cancelledKeys = new Set(toCancel.map((b) => `${b.unitId}/${b.day}`));
    const { planned, skipped } = await this.plan(
      manager,
      scope,
      work.candidates,
      now,
      cancelledKeys,
    );
    const places = planned.filter((p) => p.plan === 'place');
    const counters = await this.counters(manager, scope.siteId, places);
    const outcomes = planned.map((p): RequestOutcomeView => {
      if (p.plan === 'pending') return this.outcome(scope, p, 'pending', p.reason, true);
      if (p.plan !== 'place') return this.finalOutcome(scope, p);
      const counter = counters.get(`${p.unit.id}/${p.day}`);
      const capacity =
        counter?.capacity ?? capacityOn(scope.activity, p.unit.id, scope.siteId, p.day);
      const free = (counter?.booked ?? 0) < capacity;
      return this.outcome(scope, p, free ? 'booked' : 'waitlisted', null, true);
    });
    return this.view(scope, null, [...cancelled.map((c) => c.outcome), ...outcomes], skipped);
  }

  private async write(
    manager: EntityManager,
    scope: RequestScope,
    work: RequestWork,
  ): Promise<BookingRequestView> {
    const now = this.clock.now();
    await work.beforeWrite?.(manager);
    const cancelledOutcomes: RequestOutcomeView[] = [];
    if (work.cancellations) {
      const toCancel = await work.cancellations(manager, true);
      if (toCancel.length + work.candidates.length > MAX_REQUEST_OUTCOMES) tooMany();
      for (const booking of toCancel) {
        const { outcome, late, message } = this.cancellationOutcome(scope, booking, now);
        const unit = scope.activity.units.find((u) => u.id === booking.unitId)!;
        await this.ledger.cancel(
          manager,
          booking,
          {
            right: scope.rightsById?.get(booking.rightId) ?? scope.right,
            activity: scope.activity,
            unitCode: unit.code,
          },
          { late, cause: 'family', at: now, message },
        );
        cancelledOutcomes.push({ ...outcome, late: booking.late });
      }
      if (toCancel.length) {
        await manager.query(
          `UPDATE bookings SET cancelled_by = $1, deadline_overridden = deadline_overridden OR $2
            WHERE id = ANY($3::uuid[])`,
          [scope.caller.accountId, scope.overrideDeadline, toCancel.map((b) => b.id)],
        );
      }
    }
    const { planned, skipped } = await this.plan(manager, scope, work.candidates, now, new Set());
    const toInsert = planned.filter((p) => p.plan === 'place' || p.plan === 'pending');
    // Places in line first, before any place is taken: the waiting list follows the order the
    // requests reached the database.
    const seqs = toInsert.length
      ? (
          await manager.query<Array<{ seq: string }>>(
            `SELECT nextval(pg_get_serial_sequence('bookings', 'seq'))::text AS seq
               FROM generate_series(1, $1)`,
            [toInsert.length],
          )
        ).map((row) => row.seq)
      : [];
    // The bookings and the request's event are written before the places are taken, as booked:
    // the day counters' locks, which every request over the same days waits for, are then held
    // only for the conditional UPDATE and the commit. The dates left without a place become
    // waitlisted (in the event too, not yet visible to the relay) before the commit.
    const outcomes: RequestOutcomeView[] = [];
    const rows: Booking[] = [];
    const overridden: boolean[] = [];
    let next = 0;
    for (const p of planned) {
      if (p.plan === 'existing' || p.plan === 'refused') {
        outcomes.push(this.finalOutcome(scope, p));
        continue;
      }
      const status = p.plan === 'pending' ? 'pending' : 'booked';
      const booking = Object.assign(new Booking(), {
        id: uuidv7(),
        seq: seqs[next++],
        rightId: scope.right.id,
        childId: scope.right.childId,
        householdId: scope.right.householdId,
        activityId: scope.activity.activity.id,
        unitId: p.unit.id,
        siteId: scope.siteId,
        day: p.day,
        status,
        late: false,
        message: p.plan === 'pending' ? p.reason : null,
        requestedBy: scope.caller.accountId,
        requestedAt: now,
        cancelledAt: null,
      });
      rows.push(booking);
      overridden.push(p.overridden);
      outcomes.push({ ...this.outcome(scope, p, status, p.reason, true), bookingId: booking.id });
    }
    await this.insertBookings(manager, scope, rows, overridden, now);
    const requestId = uuidv7();
    const all = [...cancelledOutcomes, ...outcomes];
    const request = await this.events.record(
      manager,
      'reservation.request.recorded',
      {
        requestId,
        kind: scope.kind,
        rightId: scope.right.id,
        siteId: scope.siteId,
        billing: scope.right.billing,
        organisationId: scope.right.organisationId,
        municipalServiceId: scope.activity.activity.municipalServiceId,
        activityCode: scope.activity.activity.code,
        activityName: scope.activity.activity.name,
        childId: scope.right.childId,
        childFirstName: scope.right.childFirstName,
        householdId: scope.right.householdId,
        requestedBy: scope.caller.accountId,
        onBehalf: scope.onBehalf,
        deadlineOverridden: scope.overrideDeadline,
        patternId: scope.patternId,
        outcomes: eventOutcomes(all),
      },
      { aggregateId: requestId },
    );
    const taken = await this.takePlaces(
      manager,
      scope,
      planned.filter((p) => p.plan === 'place'),
    );
    // The dates left without a place become waitlisted, and so does the request's event (not
    // yet visible to the relay: same transaction).
    const waiting = rows.filter(
      (booking) => booking.status === 'booked' && !taken.has(`${booking.unitId}/${booking.day}`),
    );
    if (waiting.length) {
      const ids = waiting.map((booking) => booking.id);
      await manager.query(`UPDATE bookings SET status = 'waitlisted' WHERE id = ANY($1::uuid[])`, [
        ids,
      ]);
      const waitlisted = new Set(ids);
      for (const outcome of outcomes) {
        if (outcome.bookingId && waitlisted.has(outcome.bookingId)) outcome.status = 'waitlisted';
      }
      await manager.query(
        `UPDATE outbox SET envelope = jsonb_set(envelope, '{payload,outcomes}', $2::jsonb)
          WHERE id = $1`,
        [request.id, JSON.stringify(eventOutcomes(all))],
      );
    }
    return this.view(scope, requestId, all, skipped);
  }

  /**
   * The rules of each date, in memory: a day the unit does not open is skipped (with why), a
   * date already booked is reported as it is, the notice period refuses or leaves it pending.
   */
  private async plan(
    manager: EntityManager,
    scope: RequestScope,
    candidates: Candidate[],
    now: Date,
    cancelledKeys: ReadonlySet<string>,
  ): Promise<{ planned: Planned[]; skipped: SkippedDayView[] }> {
    if (candidates.length > MAX_REQUEST_OUTCOMES) tooMany();
    const closures = closuresAt(scope.activity, scope.siteId);
    const workingDays = { isWorkingDay: (d: string) => this.calendar.isWorkingDay(d, closures) };
    const existing = await this.live(manager, scope, candidates);
    const planned: Planned[] = [];
    const skipped: SkippedDayView[] = [];
    // Every notice rule gives a later day a later (or the same) deadline: once a unit's day is on
    // time, its later days are too, and need no evaluation.
    const onTimeFrom = new Map<string, string>();
    for (const { unit, day } of candidates) {
      const closed = closedOn(this.days, unit, day, closures, isoWeekdayOf(day));
      if (closed) {
        skipped.push({ day, unitId: unit.id, unitLabel: unit.label, reason: closed.reason });
        continue;
      }
      const key = `${unit.id}/${day}`;
      const found = cancelledKeys.has(key) ? undefined : existing.get(key);
      if (found) {
        planned.push({
          unit,
          day,
          plan: 'existing',
          reason: null,
          existing: found,
          overridden: false,
        });
        continue;
      }
      const since = onTimeFrom.get(unit.id);
      if (since !== undefined && since <= day) {
        planned.push({ unit, day, plan: 'place', reason: null, overridden: false });
        continue;
      }
      const evaluation = evaluate(
        unit.noticePolicy.booking,
        { day, startsAt: unit.startsAt },
        now,
        workingDays,
        { allowsLateRequests: unit.allowsLateRequests },
      );
      if (evaluation.outcome === 'accepted') {
        onTimeFrom.set(unit.id, day);
        planned.push({ unit, day, plan: 'place', reason: null, overridden: false });
      } else if (scope.overrideDeadline) {
        planned.push({ unit, day, plan: 'place', reason: null, overridden: true });
      } else {
        planned.push({
          unit,
          day,
          plan: evaluation.outcome,
          reason: evaluation.message,
          overridden: false,
        });
      }
    }
    return { planned, skipped };
  }

  private async live(
    manager: EntityManager,
    scope: RequestScope,
    candidates: Candidate[],
  ): Promise<Map<string, { id: string; status: RequestOutcomeView['status'] }>> {
    const found = new Map<string, { id: string; status: RequestOutcomeView['status'] }>();
    if (!candidates.length) return found;
    const days = candidates.map((c) => c.day);
    const rows = await manager.query<
      Array<{ id: string; unit_id: string; day: string; status: RequestOutcomeView['status'] }>
    >(
      `SELECT id, unit_id, to_char(day, 'YYYY-MM-DD') AS day, status FROM bookings
        WHERE child_id = $1 AND unit_id = ANY($2::uuid[]) AND day BETWEEN $3 AND $4
          AND status NOT IN ('cancelled', 'refused')`,
      [
        scope.right.childId,
        [...new Set(candidates.map((c) => c.unit.id))],
        days.reduce((a, b) => (a < b ? a : b)),
        days.reduce((a, b) => (a > b ? a : b)),
      ],
    );
    for (const row of rows)
      found.set(`${row.unit_id}/${row.day}`, { id: row.id, status: row.status });
    return found;
  }

  private async counters(
    manager: EntityManager,
    siteId: string,
    places: Planned[],
  ): Promise<Map<string, { booked: number; capacity: number }>> {
    const found = new Map<string, { booked: number; capacity: number }>();
    if (!places.length) return found;
    const rows = await manager.query<
      Array<{ unit_id: string; day: string; booked: number; capacity: number }>
    >(
      `SELECT c.unit_id, to_char(c.day, 'YYYY-MM-DD') AS day, c.booked, c.capacity
         FROM slot_counters c
         JOIN unnest($2::uuid[], $3::date[]) AS t(unit_id, day)
           ON c.unit_id = t.unit_id AND c.day = t.day
        WHERE c.site_id = $1`,
      [siteId, places.map((p) => p.unit.id), places.map((p) => p.day)],
    );
    for (const row of rows) found.set(`${row.unit_id}/${row.day}`, row);
    return found;
  }

  /** Takes one place per date where one is left; returns the `unit/day` keys that got one. */
  private async takePlaces(
    manager: EntityManager,
    scope: RequestScope,
    places: Planned[],
  ): Promise<Set<string>> {
    const taken = new Set<string>();
    if (!places.length) return taken;
    const sorted = [...places].sort((a, b) =>
      a.day === b.day ? (a.unit.id < b.unit.id ? -1 : 1) : a.day < b.day ? -1 : 1,
    );
    const unitIds = sorted.map((p) => p.unit.id);
    const days = sorted.map((p) => p.day);
    const capacities = sorted.map((p) =>
      capacityOn(scope.activity, p.unit.id, scope.siteId, p.day),
    );
    // Counters created on first use with the day's capacity, in the same order as the locks.
    await manager.query(
      `INSERT INTO slot_counters (unit_id, site_id, day, booked, capacity)
       SELECT t.unit_id, $1, t.day, 0, t.capacity
         FROM unnest($2::uuid[], $3::date[], $4::int[]) WITH ORDINALITY AS t(unit_id, day, capacity, n)
        ORDER BY t.n
       ON CONFLICT DO NOTHING`,
      [scope.siteId, unitIds, days, capacities],
    );
    await manager.query(
      `SELECT 1 FROM slot_counters c
         JOIN unnest($2::uuid[], $3::date[]) AS t(unit_id, day)
           ON c.unit_id = t.unit_id AND c.day = t.day
        WHERE c.site_id = $1
        ORDER BY c.day, c.unit_id
          FOR UPDATE OF c`,
      [scope.siteId, unitIds, days],
    );
    const rows = await manager.query<Array<{ unit_id: string; day: string }>>(
      `WITH taken AS (
         UPDATE slot_counters c SET booked = c.booked + 1
           FROM unnest($2::uuid[], $3::date[]) AS t(unit_id, day)
          WHERE c.site_id = $1 AND c.unit_id = t.unit_id AND c.day = t.day
            AND c.booked < c.capacity
          RETURNING c.unit_id, to_char(c.day, 'YYYY-MM-DD') AS day)
       SELECT unit_id, day FROM taken`,
      [scope.siteId, unitIds, days],
    );
    for (const row of rows) taken.add(`${row.unit_id}/${row.day}`);
    return taken;
  }

  private async insertBookings(
    manager: EntityManager,
    scope: RequestScope,
    rows: Booking[],
    overridden: boolean[],
    now: Date,
  ): Promise<void> {
    if (!rows.length) return;
    await manager.query(
      `INSERT INTO bookings (id, seq, right_id, child_id, household_id, activity_id, unit_id,
                             site_id, day, status, late, message, requested_by, requested_at,
                             pattern_id, on_behalf, deadline_overridden)
       SELECT b.id, b.seq, $1, $2, $3, $4, b.unit_id, $5, b.day, b.status, false, b.message,
              $6, $7, $8, $9, b.overridden
         FROM unnest($10::uuid[], $11::bigint[], $12::uuid[], $13::date[], $14::text[],
                     $15::text[], $16::boolean[])
              AS b(id, seq, unit_id, day, status, message, overridden)`,
      [
        scope.right.id,
        scope.right.childId,
        scope.right.householdId,
        scope.activity.activity.id,
        scope.siteId,
        scope.caller.accountId,
        now,
        scope.patternId,
        scope.onBehalf,
        rows.map((b) => b.id),
        rows.map((b) => b.seq),
        rows.map((b) => b.unitId),
        rows.map((b) => b.day),
        rows.map((b) => b.status),
        rows.map((b) => b.message),
        overridden,
      ],
    );
  }

  private cancellationOutcome(
    scope: RequestScope,
    booking: Booking,
    now: Date,
  ): { outcome: RequestOutcomeView; late: boolean; message: string | undefined } {
    const unit = scope.activity.units.find((u) => u.id === booking.unitId)!;
    const closures = closuresAt(scope.activity, booking.siteId);
    const evaluation = evaluateCancellation(
      cancellingRuleOf(unit.noticePolicy),
      { day: booking.day, startsAt: unit.startsAt },
      now,
      { isWorkingDay: (d) => this.calendar.isWorkingDay(d, closures) },
    );
    const late = evaluation.late && !scope.overrideDeadline;
    const message = evaluation.late && late ? evaluation.message : undefined;
    return {
      late,
      message,
      outcome: {
        day: booking.day,
        unitId: unit.id,
        unitCode: unit.code,
        unitLabel: unit.label,
        siteId: booking.siteId,
        status: 'cancelled',
        reason: message ?? null,
        bookingId: booking.id,
        created: false,
        late: late && booking.status === 'booked',
      },
    };
  }

  /** A date the request does not book: already booked, or refused by the notice period. */
  private finalOutcome(scope: RequestScope, p: Planned): RequestOutcomeView {
    if (p.existing) {
      return {
        ...this.outcome(scope, p, p.existing.status, null, false),
        bookingId: p.existing.id,
      };
    }
    return this.outcome(scope, p, 'refused', p.reason, false);
  }

  private outcome(
    scope: RequestScope,
    p: Planned,
    status: RequestOutcomeView['status'],
    reason: string | null,
    created: boolean,
  ): RequestOutcomeView {
    return {
      day: p.day,
      unitId: p.unit.id,
      unitCode: p.unit.code,
      unitLabel: p.unit.label,
      siteId: scope.siteId,
      status,
      reason,
      bookingId: null,
      created: created && status !== 'refused',
      late: false,
    };
  }

  private view(
    scope: RequestScope,
    requestId: string | null,
    outcomes: RequestOutcomeView[],
    skipped: SkippedDayView[],
  ): BookingRequestView {
    return {
      requestId,
      kind: scope.kind,
      dryRun: scope.dryRun,
      patternId: scope.patternId,
      from: scope.from,
      until: scope.until,
      onBehalf: scope.onBehalf,
      deadlineOverridden: scope.overrideDeadline,
      outcomes,
      skipped,
    };
  }
}

function eventOutcomes(outcomes: RequestOutcomeView[]): RequestOutcome[] {
  return outcomes.map(({ day, unitId, unitCode, unitLabel, status, reason, bookingId }) => ({
    day,
    unitId,
    unitCode,
    unitLabel,
    status,
    reason,
    bookingId,
  }));
}

function tooMany(): never {
  throw new DomainException(
    CommonErrorCode.VALIDATION_FAILED,
    `La demande porte sur plus de ${MAX_REQUEST_OUTCOMES} dates : réduisez la période ou les jours.`,
    { fields: [{ field: 'until', message: 'Réduisez la période ou le nombre de jours.' }] },
  );
}

/** A unique violation (the same date booked concurrently) or a deadlock: worth one more run. */
function isRetryable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const wrapped = (error as { driverError?: unknown }).driverError;
  const code = ((wrapped ?? error) as { code?: unknown }).code;
  return code === '23505' || code === '40P01';
}
