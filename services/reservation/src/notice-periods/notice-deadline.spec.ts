import type { DateTime } from 'luxon';
import { deadlineOf } from './notice-deadline';
import type { NoticeRule } from './notice-rule';
import { everyDay, leisureCentreDays, noDay, schoolCateringDays } from './working-days.fixture';

/**
 * Every expected instant is written out: the Paris wall clock with its offset, and the same
 * instant in UTC where a DST change makes the difference matter.
 */
function expectDeadline(deadline: DateTime, paris: string, utc?: string): void {
  expect(deadline.zoneName).toBe('Europe/Paris');
  expect(deadline.toISO()).toBe(paris);
  if (utc !== undefined) expect(deadline.toUTC().toISO()).toBe(utc);
}

const MORNING = '07:30';

describe('"N calendar days before at a cut-off time"', () => {
  const twoDaysAt10: NoticeRule = { kind: 'calendarDaysBefore', days: 2, at: '10:00' };

  it('2 days before Thursday 7 May 2026 at 10:00 is Tuesday 5 May at 10:00', () => {
    const deadline = deadlineOf(twoDaysAt10, { day: '2026-05-07', startsAt: '11:30' }, everyDay);
    expectDeadline(deadline, '2026-05-05T10:00:00.000+02:00', '2026-05-05T08:00:00.000Z');
  });

  it('0 days before is the slot day itself at the cut-off (a meal booked the same morning)', () => {
    const rule: NoticeRule = { kind: 'calendarDaysBefore', days: 0, at: '09:00' };
    const deadline = deadlineOf(rule, { day: '2026-05-07', startsAt: '11:30' }, everyDay);
    expectDeadline(deadline, '2026-05-07T09:00:00.000+02:00');
  });

  it('counts calendar days through public holidays: 1 day before Tuesday 7 April is Easter Monday', () => {
    const rule: NoticeRule = { kind: 'calendarDaysBefore', days: 1, at: '10:00' };
    const deadline = deadlineOf(rule, { day: '2026-04-07', startsAt: MORNING }, leisureCentreDays);
    expectDeadline(deadline, '2026-04-06T10:00:00.000+02:00');
  });

  it('a cut-off at 00:00 is the very start of that day', () => {
    const rule: NoticeRule = { kind: 'calendarDaysBefore', days: 1, at: '00:00' };
    const deadline = deadlineOf(rule, { day: '2026-05-07', startsAt: MORNING }, everyDay);
    expectDeadline(deadline, '2026-05-06T00:00:00.000+02:00', '2026-05-05T22:00:00.000Z');
  });

  it('a cut-off at 23:59 crosses into the previous year in winter time', () => {
    const rule: NoticeRule = { kind: 'calendarDaysBefore', days: 3, at: '23:59' };
    const deadline = deadlineOf(rule, { day: '2027-01-02', startsAt: MORNING }, everyDay);
    expectDeadline(deadline, '2026-12-30T23:59:00.000+01:00', '2026-12-30T22:59:00.000Z');
  });

  describe('across the spring change (Sunday 29 March 2026, 02:00 CET → 03:00 CEST)', () => {
    it('2 days before Monday 30 March at 07:30 is Saturday 28 March 07:30 CET, i.e. 06:30Z (47 real hours before the 05:30Z start)', () => {
      const rule: NoticeRule = { kind: 'calendarDaysBefore', days: 2, at: MORNING };
      const deadline = deadlineOf(rule, { day: '2026-03-30', startsAt: MORNING }, everyDay);
      expectDeadline(deadline, '2026-03-28T07:30:00.000+01:00', '2026-03-28T06:30:00.000Z');
    });

    it('1 day before Monday 30 March at 10:00 is Sunday 29 March 10:00 CEST, i.e. 08:00Z', () => {
      const rule: NoticeRule = { kind: 'calendarDaysBefore', days: 1, at: '10:00' };
      const deadline = deadlineOf(rule, { day: '2026-03-30', startsAt: MORNING }, everyDay);
      expectDeadline(deadline, '2026-03-29T10:00:00.000+02:00', '2026-03-29T08:00:00.000Z');
    });

    it('a cut-off at 02:30, which the Paris clock skips on 29 March, moves forward to 03:30 CEST (01:30Z), as luxon does', () => {
      const rule: NoticeRule = { kind: 'calendarDaysBefore', days: 1, at: '02:30' };
      const deadline = deadlineOf(rule, { day: '2026-03-30', startsAt: MORNING }, everyDay);
      expectDeadline(deadline, '2026-03-29T03:30:00.000+02:00', '2026-03-29T01:30:00.000Z');
    });
  });

  describe('across the autumn change (Sunday 25 October 2026, 03:00 CEST → 02:00 CET)', () => {
    it('2 days before Monday 26 October at 10:00 is Saturday 24 October 10:00 CEST, i.e. 08:00Z', () => {
      const deadline = deadlineOf(twoDaysAt10, { day: '2026-10-26', startsAt: MORNING }, everyDay);
      expectDeadline(deadline, '2026-10-24T10:00:00.000+02:00', '2026-10-24T08:00:00.000Z');
    });

    it('a cut-off at 02:30, which the Paris clock shows twice on 25 October, is the second one: 02:30 CET (01:30Z), as luxon does', () => {
      const rule: NoticeRule = { kind: 'calendarDaysBefore', days: 1, at: '02:30' };
      const deadline = deadlineOf(rule, { day: '2026-10-26', startsAt: MORNING }, everyDay);
      expectDeadline(deadline, '2026-10-25T02:30:00.000+01:00', '2026-10-25T01:30:00.000Z');
    });
  });
});

describe('"N working days before at a cut-off time"', () => {
  const oneAt10: NoticeRule = { kind: 'workingDaysBefore', days: 1, at: '10:00' };
  const twoAt10: NoticeRule = { kind: 'workingDaysBefore', days: 2, at: '10:00' };

  it('2 working days before Thursday 7 May 2026 is Tuesday 5 May at 10:00', () => {
    const deadline = deadlineOf(
      twoAt10,
      { day: '2026-05-07', startsAt: MORNING },
      leisureCentreDays,
    );
    expectDeadline(deadline, '2026-05-05T10:00:00.000+02:00');
  });

  it('3 working days before Thursday 7 May 2026 is Monday 4 May at 10:00', () => {
    const rule: NoticeRule = { kind: 'workingDaysBefore', days: 3, at: '10:00' };
    const deadline = deadlineOf(rule, { day: '2026-05-07', startsAt: MORNING }, leisureCentreDays);
    expectDeadline(deadline, '2026-05-04T10:00:00.000+02:00');
  });

  it('skips Easter Monday: 1 working day before Tuesday 7 April 2026 is Friday 3 April', () => {
    const deadline = deadlineOf(
      oneAt10,
      { day: '2026-04-07', startsAt: MORNING },
      leisureCentreDays,
    );
    expectDeadline(deadline, '2026-04-03T10:00:00.000+02:00');
  });

  it('skips Friday 1 May and the weekend: 2 working days before Monday 4 May 2026 is Wednesday 29 April', () => {
    const deadline = deadlineOf(
      twoAt10,
      { day: '2026-05-04', startsAt: MORNING },
      leisureCentreDays,
    );
    expectDeadline(deadline, '2026-04-29T10:00:00.000+02:00');
  });

  it('skips Friday 8 May: 1 working day before Monday 11 May 2026 is Thursday 7 May', () => {
    const deadline = deadlineOf(
      oneAt10,
      { day: '2026-05-11', startsAt: MORNING },
      leisureCentreDays,
    );
    expectDeadline(deadline, '2026-05-07T10:00:00.000+02:00');
  });

  it('skips the Ascension bridge (Thursday 14 holiday, Friday 15 closed): 1 working day before Monday 18 May is Wednesday 13 May', () => {
    const deadline = deadlineOf(
      oneAt10,
      { day: '2026-05-18', startsAt: MORNING },
      leisureCentreDays,
    );
    expectDeadline(deadline, '2026-05-13T10:00:00.000+02:00');
  });

  it('2 working days before Monday 18 May, across the bridge, is Tuesday 12 May', () => {
    const deadline = deadlineOf(
      twoAt10,
      { day: '2026-05-18', startsAt: MORNING },
      leisureCentreDays,
    );
    expectDeadline(deadline, '2026-05-12T10:00:00.000+02:00');
  });

  it('a slot on a closed day still counts back from its own date: 1 working day before Saturday 9 May is Thursday 7 May', () => {
    const deadline = deadlineOf(
      oneAt10,
      { day: '2026-05-09', startsAt: MORNING },
      leisureCentreDays,
    );
    expectDeadline(deadline, '2026-05-07T10:00:00.000+02:00');
  });

  it('the first day of school after the spring holidays (Monday 20 April) must be booked before they start: 2 school days before is Thursday 2 April', () => {
    const deadline = deadlineOf(
      twoAt10,
      { day: '2026-04-20', startsAt: '11:30' },
      schoolCateringDays,
    );
    expectDeadline(deadline, '2026-04-02T10:00:00.000+02:00');
  });

  it('the first open day of the spring holidays at the leisure centre (Tuesday 7 April, after Easter Monday): 3 working days before at 12:00 is Wednesday 1 April', () => {
    const rule: NoticeRule = { kind: 'workingDaysBefore', days: 3, at: '12:00' };
    const deadline = deadlineOf(rule, { day: '2026-04-07', startsAt: MORNING }, leisureCentreDays);
    expectDeadline(deadline, '2026-04-01T12:00:00.000+02:00');
  });

  it('the last day of the spring holidays at the leisure centre (Friday 17 April): 2 working days before is Wednesday 15 April', () => {
    const deadline = deadlineOf(
      twoAt10,
      { day: '2026-04-17', startsAt: MORNING },
      leisureCentreDays,
    );
    expectDeadline(deadline, '2026-04-15T10:00:00.000+02:00');
  });

  it('across the spring change: 1 working day before Monday 30 March is Friday 27 March 10:00 CET, i.e. 09:00Z', () => {
    const deadline = deadlineOf(
      oneAt10,
      { day: '2026-03-30', startsAt: MORNING },
      leisureCentreDays,
    );
    expectDeadline(deadline, '2026-03-27T10:00:00.000+01:00', '2026-03-27T09:00:00.000Z');
  });

  it('a calendar without any working day is an error, not an endless search', () => {
    expect(() => deadlineOf(oneAt10, { day: '2026-05-07', startsAt: MORNING }, noDay)).toThrow(
      'No 1 working days found before 2026-05-07',
    );
  });
});

describe('"the previous weekday d at a time"', () => {
  const thursdayNoon: NoticeRule = { kind: 'previousWeekday', weekday: 'thursday', at: '12:00' };

  it('for Friday 8 May 2026 it is the day before, Thursday 7 May at 12:00', () => {
    const deadline = deadlineOf(thursdayNoon, { day: '2026-05-08', startsAt: MORNING }, everyDay);
    expectDeadline(deadline, '2026-05-07T12:00:00.000+02:00');
  });

  it('for a Thursday it is the Thursday a week earlier (strictly before): 7 May → 30 April', () => {
    const deadline = deadlineOf(thursdayNoon, { day: '2026-05-07', startsAt: MORNING }, everyDay);
    expectDeadline(deadline, '2026-04-30T12:00:00.000+02:00');
  });

  it('for Wednesday 6 May 2026 it is Thursday 30 April', () => {
    const deadline = deadlineOf(thursdayNoon, { day: '2026-05-06', startsAt: MORNING }, everyDay);
    expectDeadline(deadline, '2026-04-30T12:00:00.000+02:00');
  });

  it('is a calendar weekday, holiday or not: for Friday 15 May it is Ascension Thursday 14 May', () => {
    const deadline = deadlineOf(
      thursdayNoon,
      { day: '2026-05-15', startsAt: MORNING },
      leisureCentreDays,
    );
    expectDeadline(deadline, '2026-05-14T12:00:00.000+02:00');
  });

  it('"the previous Sunday at 02:30" for Tuesday 31 March is Sunday 29 March, moved forward to 03:30 CEST (01:30Z)', () => {
    const rule: NoticeRule = { kind: 'previousWeekday', weekday: 'sunday', at: '02:30' };
    const deadline = deadlineOf(rule, { day: '2026-03-31', startsAt: MORNING }, everyDay);
    expectDeadline(deadline, '2026-03-29T03:30:00.000+02:00', '2026-03-29T01:30:00.000Z');
  });

  it('"the previous Friday at 12:00" for Monday 26 October is Friday 23 October 12:00 CEST, i.e. 10:00Z', () => {
    const rule: NoticeRule = { kind: 'previousWeekday', weekday: 'friday', at: '12:00' };
    const deadline = deadlineOf(rule, { day: '2026-10-26', startsAt: MORNING }, everyDay);
    expectDeadline(deadline, '2026-10-23T12:00:00.000+02:00', '2026-10-23T10:00:00.000Z');
  });
});

describe('"weekday d of the previous week at a time"', () => {
  const thursdayNoon: NoticeRule = {
    kind: 'weekdayOfPreviousWeek',
    weekday: 'thursday',
    at: '12:00',
  };

  it('for Monday 11 May 2026 it is Thursday 7 May at 12:00', () => {
    const deadline = deadlineOf(thursdayNoon, { day: '2026-05-11', startsAt: MORNING }, everyDay);
    expectDeadline(deadline, '2026-05-07T12:00:00.000+02:00');
  });

  it('the whole ISO week shares it: Thursday 14 and Sunday 17 May 2026 → Thursday 7 May', () => {
    for (const day of ['2026-05-14', '2026-05-17']) {
      const deadline = deadlineOf(thursdayNoon, { day, startsAt: MORNING }, everyDay);
      expectDeadline(deadline, '2026-05-07T12:00:00.000+02:00');
    }
  });

  it('unlike "the previous Thursday", Friday 8 May 2026 needs Thursday 30 April (the week before), not Thursday 7 May', () => {
    const deadline = deadlineOf(thursdayNoon, { day: '2026-05-08', startsAt: MORNING }, everyDay);
    expectDeadline(deadline, '2026-04-30T12:00:00.000+02:00');
  });

  it('crosses the year: Monday 4 January 2027 needs Thursday 31 December 2026 at 12:00 CET', () => {
    const deadline = deadlineOf(thursdayNoon, { day: '2027-01-04', startsAt: MORNING }, everyDay);
    expectDeadline(deadline, '2026-12-31T12:00:00.000+01:00', '2026-12-31T11:00:00.000Z');
  });

  it('"the Sunday of the week before at 20:00" for Monday 30 March is Sunday 29 March 20:00 CEST, i.e. 18:00Z', () => {
    const rule: NoticeRule = { kind: 'weekdayOfPreviousWeek', weekday: 'sunday', at: '20:00' };
    const deadline = deadlineOf(rule, { day: '2026-03-30', startsAt: MORNING }, everyDay);
    expectDeadline(deadline, '2026-03-29T20:00:00.000+02:00', '2026-03-29T18:00:00.000Z');
  });
});

describe('"day x of the previous month at a time"', () => {
  const twentiethAt2359: NoticeRule = { kind: 'dayOfPreviousMonth', dayOfMonth: 20, at: '23:59' };
  const lastAt2359: NoticeRule = { kind: 'dayOfPreviousMonth', dayOfMonth: 31, at: '23:59' };

  it('for any day of May 2026 (1st, 7th, 31st) it is Monday 20 April at 23:59 CEST, i.e. 21:59Z', () => {
    for (const day of ['2026-05-01', '2026-05-07', '2026-05-31']) {
      const deadline = deadlineOf(twentiethAt2359, { day, startsAt: MORNING }, everyDay);
      expectDeadline(deadline, '2026-04-20T23:59:00.000+02:00', '2026-04-20T21:59:00.000Z');
    }
  });

  it('January needs the 20th of December of the year before', () => {
    const deadline = deadlineOf(
      twentiethAt2359,
      { day: '2027-01-05', startsAt: MORNING },
      everyDay,
    );
    expectDeadline(deadline, '2026-12-20T23:59:00.000+01:00');
  });

  it('the 31st is clamped to Saturday 28 February 2026 for a March slot', () => {
    const deadline = deadlineOf(lastAt2359, { day: '2026-03-15', startsAt: MORNING }, everyDay);
    expectDeadline(deadline, '2026-02-28T23:59:00.000+01:00');
  });

  it('the 31st is clamped to 29 February in a leap year (2028)', () => {
    const deadline = deadlineOf(lastAt2359, { day: '2028-03-15', startsAt: MORNING }, everyDay);
    expectDeadline(deadline, '2028-02-29T23:59:00.000+01:00');
  });

  it('the 31st is clamped to Thursday 30 April for a May slot', () => {
    const deadline = deadlineOf(lastAt2359, { day: '2026-05-10', startsAt: MORNING }, everyDay);
    expectDeadline(deadline, '2026-04-30T23:59:00.000+02:00');
  });

  it('"the 29th at 02:30" for an April slot is 29 March, moved forward to 03:30 CEST (01:30Z)', () => {
    const rule: NoticeRule = { kind: 'dayOfPreviousMonth', dayOfMonth: 29, at: '02:30' };
    const deadline = deadlineOf(rule, { day: '2026-04-10', startsAt: MORNING }, everyDay);
    expectDeadline(deadline, '2026-03-29T03:30:00.000+02:00', '2026-03-29T01:30:00.000Z');
  });

  it('"the 25th at 02:30" for a November slot is the second 02:30 of 25 October: CET, 01:30Z', () => {
    const rule: NoticeRule = { kind: 'dayOfPreviousMonth', dayOfMonth: 25, at: '02:30' };
    const deadline = deadlineOf(rule, { day: '2026-11-02', startsAt: MORNING }, everyDay);
    expectDeadline(deadline, '2026-10-25T02:30:00.000+01:00', '2026-10-25T01:30:00.000Z');
  });
});

describe('"N hours before the unit starts" (real hours)', () => {
  const hours = (count: number): NoticeRule => ({ kind: 'hoursBeforeStart', hours: count });

  it('48 hours before Monday 30 March 2026 07:30 (05:30Z) is Saturday 28 March 06:30 CET, i.e. 05:30Z — not 07:30 CET, which is only 47 hours before', () => {
    const deadline = deadlineOf(hours(48), { day: '2026-03-30', startsAt: MORNING }, everyDay);
    expectDeadline(deadline, '2026-03-28T06:30:00.000+01:00', '2026-03-28T05:30:00.000Z');
  });

  it('24 hours before Sunday 29 March 07:30 CEST (05:30Z) are 24 real hours: Saturday 28 March 06:30 CET (05:30Z)', () => {
    const deadline = deadlineOf(hours(24), { day: '2026-03-29', startsAt: MORNING }, everyDay);
    expectDeadline(deadline, '2026-03-28T06:30:00.000+01:00', '2026-03-28T05:30:00.000Z');
  });

  it('24 hours before Monday 30 March 07:30 is Sunday 29 March 07:30: the change is not in between', () => {
    const deadline = deadlineOf(hours(24), { day: '2026-03-30', startsAt: MORNING }, everyDay);
    expectDeadline(deadline, '2026-03-29T07:30:00.000+02:00', '2026-03-29T05:30:00.000Z');
  });

  it('24 hours before Sunday 25 October 07:30 CET (06:30Z) are 24 real hours: Saturday 24 October 08:30 CEST (06:30Z)', () => {
    const deadline = deadlineOf(hours(24), { day: '2026-10-25', startsAt: MORNING }, everyDay);
    expectDeadline(deadline, '2026-10-24T08:30:00.000+02:00', '2026-10-24T06:30:00.000Z');
  });

  it('48 hours before Monday 26 October 07:30 CET (06:30Z) is Saturday 24 October 08:30 CEST (06:30Z)', () => {
    const deadline = deadlineOf(hours(48), { day: '2026-10-26', startsAt: MORNING }, everyDay);
    expectDeadline(deadline, '2026-10-24T08:30:00.000+02:00', '2026-10-24T06:30:00.000Z');
  });

  it('1 hour before a 03:30 start on 29 March is 01:30 CET (00:30Z): one real hour, two on the wall clock', () => {
    const deadline = deadlineOf(hours(1), { day: '2026-03-29', startsAt: '03:30' }, everyDay);
    expectDeadline(deadline, '2026-03-29T01:30:00.000+01:00', '2026-03-29T00:30:00.000Z');
  });

  it('a unit said to start at 02:30 on 29 March starts at 03:30 CEST; 2 hours before is 00:30 CET (23:30Z the day before)', () => {
    const deadline = deadlineOf(hours(2), { day: '2026-03-29', startsAt: '02:30' }, everyDay);
    expectDeadline(deadline, '2026-03-29T00:30:00.000+01:00', '2026-03-28T23:30:00.000Z');
  });

  it('1 hour before a 00:00 start is 23:00 the evening before', () => {
    const deadline = deadlineOf(hours(1), { day: '2026-05-07', startsAt: '00:00' }, everyDay);
    expectDeadline(deadline, '2026-05-06T23:00:00.000+02:00');
  });

  it('ignores closures: 72 hours before Monday 4 May 08:30 is Friday 1 May 08:30, a public holiday', () => {
    const deadline = deadlineOf(
      hours(72),
      { day: '2026-05-04', startsAt: '08:30' },
      leisureCentreDays,
    );
    expectDeadline(deadline, '2026-05-01T08:30:00.000+02:00');
  });
});

describe('a malformed slot is a programming error, whatever the rule', () => {
  it.each([
    ['2026-02-30', '07:30', 'Invalid day "2026-02-30"'],
    ['07/05/2026', '07:30', 'Invalid day "07/05/2026"'],
    ['2026-05-07', '7:30', 'Invalid time "7:30"'],
    ['2026-05-07', '24:00', 'Invalid time "24:00"'],
  ])('day %s starting at %s', (day, startsAt, message) => {
    const rules: NoticeRule[] = [
      { kind: 'calendarDaysBefore', days: 1, at: '10:00' },
      { kind: 'hoursBeforeStart', hours: 1 },
    ];
    for (const rule of rules) {
      expect(() => deadlineOf(rule, { day, startsAt }, everyDay)).toThrow(message);
    }
  });
});
