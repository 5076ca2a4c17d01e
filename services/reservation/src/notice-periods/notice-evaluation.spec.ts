import { DateTime } from 'luxon';
import { evaluate, evaluateCancellation } from './notice-evaluation';
import { cancellingRuleOf, type NoticePolicy, type NoticeRule } from './notice-rule';
import { everyDay, leisureCentreDays } from './working-days.fixture';

const STRICT = { allowsLateRequests: false };
const LENIENT = { allowsLateRequests: true };

/** A request instant written on the Paris clock with its offset. */
const at = (iso: string): DateTime => DateTime.fromISO(iso, { setZone: true });

describe('booking within or past the notice period', () => {
  // 3 working days before Thursday 7 May 2026 at 10:00 → Monday 4 May 2026 10:00.
  const threeWorkingDays: NoticeRule = { kind: 'workingDaysBefore', days: 3, at: '10:00' };
  const thursday = { day: '2026-05-07', startsAt: '11:30' };

  it('a request on Sunday 3 May is accepted, with the deadline that applied', () => {
    const result = evaluate(
      threeWorkingDays,
      thursday,
      at('2026-05-03T18:00:00+02:00'),
      leisureCentreDays,
      STRICT,
    );
    expect(result).toEqual({ outcome: 'accepted', deadline: expect.any(DateTime) as DateTime });
    expect(result.deadline.toISO()).toBe('2026-05-04T10:00:00.000+02:00');
  });

  it('a request on Monday 4 May at 10:01 is refused with a message naming the deadline', () => {
    const result = evaluate(
      threeWorkingDays,
      thursday,
      at('2026-05-04T10:01:00+02:00'),
      leisureCentreDays,
      STRICT,
    );
    expect(result.outcome).toBe('refused');
    expect(result).toHaveProperty(
      'message',
      "Les réservations pour le jeudi 7 mai 2026 étaient possibles jusqu'au lundi 4 mai 2026 à 10:00.",
    );
  });

  it('the same late request waits for an agent when the unit allows late requests', () => {
    const result = evaluate(
      threeWorkingDays,
      thursday,
      at('2026-05-04T10:01:00+02:00'),
      leisureCentreDays,
      LENIENT,
    );
    expect(result.outcome).toBe('pending');
    expect(result).toHaveProperty(
      'message',
      "Les réservations pour le jeudi 7 mai 2026 étaient possibles jusqu'au lundi 4 mai 2026 à 10:00. " +
        'Votre demande, arrivée après ce délai, sera examinée par le service.',
    );
  });

  it('an on-time request is accepted even when the unit allows late requests', () => {
    const result = evaluate(
      threeWorkingDays,
      thursday,
      at('2026-05-04T09:00:00+02:00'),
      leisureCentreDays,
      LENIENT,
    );
    expect(result.outcome).toBe('accepted');
    expect(result).not.toHaveProperty('message');
  });

  it('takes a JavaScript Date as well: 08:00:59Z (10:00:59 Paris) is on time, 08:01:00Z is late', () => {
    const onTime = evaluate(
      threeWorkingDays,
      thursday,
      new Date('2026-05-04T08:00:59.999Z'),
      leisureCentreDays,
      STRICT,
    );
    const late = evaluate(
      threeWorkingDays,
      thursday,
      new Date('2026-05-04T08:01:00.000Z'),
      leisureCentreDays,
      STRICT,
    );
    expect([onTime.outcome, late.outcome]).toEqual(['accepted', 'refused']);
  });

  it('Friday 1 May is written "vendredi 1er mai": 1 calendar day before Saturday 2 May at 12:00', () => {
    const rule: NoticeRule = { kind: 'calendarDaysBefore', days: 1, at: '12:00' };
    const result = evaluate(
      rule,
      { day: '2026-05-02', startsAt: '09:00' },
      at('2026-05-01T12:01:00+02:00'),
      everyDay,
      STRICT,
    );
    expect(result).toHaveProperty(
      'message',
      "Les réservations pour le samedi 2 mai 2026 étaient possibles jusqu'au vendredi 1er mai 2026 à 12:00.",
    );
  });

  it('the Ascension bridge: on Wednesday 13 May at 10:30 it is too late for Monday 18 May (1 working day at 10:00)', () => {
    const rule: NoticeRule = { kind: 'workingDaysBefore', days: 1, at: '10:00' };
    const result = evaluate(
      rule,
      { day: '2026-05-18', startsAt: '07:30' },
      at('2026-05-13T10:30:00+02:00'),
      leisureCentreDays,
      STRICT,
    );
    expect(result).toHaveProperty(
      'message',
      "Les réservations pour le lundi 18 mai 2026 étaient possibles jusqu'au mercredi 13 mai 2026 à 10:00.",
    );
  });

  it('Easter Monday: on Friday 3 April at 09:59 it is still time for Tuesday 7 April (1 working day at 10:00)', () => {
    const rule: NoticeRule = { kind: 'workingDaysBefore', days: 1, at: '10:00' };
    const result = evaluate(
      rule,
      { day: '2026-04-07', startsAt: '07:30' },
      at('2026-04-03T09:59:00+02:00'),
      leisureCentreDays,
      STRICT,
    );
    expect(result.outcome).toBe('accepted');
    expect(result.deadline.toISO()).toBe('2026-04-03T10:00:00.000+02:00');
  });
});

describe('the boundary: on time up to and including the deadline minute', () => {
  const slot = { day: '2026-05-07', startsAt: '11:30' };

  describe('cut-off at 23:59 the day before (Wednesday 6 May)', () => {
    const rule: NoticeRule = { kind: 'calendarDaysBefore', days: 1, at: '23:59' };

    it.each([
      ['2026-05-06T23:58:59.999+02:00', 'accepted'],
      ['2026-05-06T23:59:00.000+02:00', 'accepted'],
      ['2026-05-06T23:59:59.999+02:00', 'accepted'],
      ['2026-05-07T00:00:00.000+02:00', 'refused'],
    ])('a request at %s is %s', (now, outcome) => {
      expect(evaluate(rule, slot, at(now), everyDay, STRICT).outcome).toBe(outcome);
    });
  });

  describe('cut-off at 00:00 the day before (Wednesday 6 May, i.e. Tuesday 5 May at midnight)', () => {
    const rule: NoticeRule = { kind: 'calendarDaysBefore', days: 1, at: '00:00' };

    it.each([
      ['2026-05-05T23:59:59.999+02:00', 'accepted'],
      ['2026-05-06T00:00:59.999+02:00', 'accepted'],
      ['2026-05-06T00:01:00.000+02:00', 'refused'],
    ])('a request at %s is %s', (now, outcome) => {
      expect(evaluate(rule, slot, at(now), everyDay, STRICT).outcome).toBe(outcome);
    });
  });

  describe('24 hours before Sunday 29 March 07:30 CEST: Saturday 28 March 06:30 CET (05:30Z)', () => {
    const rule: NoticeRule = { kind: 'hoursBeforeStart', hours: 24 };
    const sunday = { day: '2026-03-29', startsAt: '07:30' };

    it.each([
      ['2026-03-28T05:30:59.999Z', 'accepted'],
      ['2026-03-28T05:31:00.000Z', 'refused'],
      // 07:30 on the Saturday wall clock would be 25 real hours before on a naive reading: it is late.
      ['2026-03-28T07:30:00.000+01:00', 'refused'],
    ])('a request at %s is %s', (now, outcome) => {
      expect(evaluate(rule, sunday, at(now), everyDay, STRICT).outcome).toBe(outcome);
    });
  });

  describe('"le 20 du mois précédent à 23:59" for a May slot: Monday 20 April 23:59 CEST', () => {
    const rule: NoticeRule = { kind: 'dayOfPreviousMonth', dayOfMonth: 20, at: '23:59' };

    it.each([
      ['2026-04-20T23:59:59.999+02:00', 'accepted'],
      ['2026-04-21T00:00:00.000+02:00', 'refused'],
      // the same instant seen from UTC: 21:59:30Z is 23:59:30 in Paris
      ['2026-04-20T21:59:30.000Z', 'accepted'],
    ])('a request at %s is %s', (now, outcome) => {
      expect(evaluate(rule, slot, at(now), everyDay, STRICT).outcome).toBe(outcome);
    });
  });
});

describe('cancelling within or past the notice period', () => {
  const booking: NoticeRule = { kind: 'workingDaysBefore', days: 3, at: '10:00' };
  const thursday = { day: '2026-05-07', startsAt: '11:30' };

  it('the cancelling rule is the booking rule unless the unit sets one', () => {
    const sameRule: NoticePolicy = { booking };
    const ownRule: NoticePolicy = {
      booking,
      cancelling: { kind: 'hoursBeforeStart', hours: 48 },
    };
    expect(cancellingRuleOf(sameRule)).toBe(booking);
    expect(cancellingRuleOf(ownRule)).toEqual({ kind: 'hoursBeforeStart', hours: 48 });
  });

  it('a cancellation on Monday 4 May at 10:00:30 is on time', () => {
    const result = evaluateCancellation(
      booking,
      thursday,
      at('2026-05-04T10:00:30+02:00'),
      leisureCentreDays,
    );
    expect(result.late).toBe(false);
    expect(result).not.toHaveProperty('message');
    expect(result.deadline.toISO()).toBe('2026-05-04T10:00:00.000+02:00');
  });

  it('a cancellation on Monday 4 May at 10:01 is recorded but late, with a message naming the deadline', () => {
    const result = evaluateCancellation(
      booking,
      thursday,
      at('2026-05-04T10:01:00+02:00'),
      leisureCentreDays,
    );
    expect(result).toEqual({
      late: true,
      deadline: expect.any(DateTime) as DateTime,
      message:
        'Annulation tardive : les annulations pour le jeudi 7 mai 2026 ' +
        "étaient possibles jusqu'au lundi 4 mai 2026 à 10:00.",
    });
  });

  it('a cancellation 48 hours before Monday 26 October 07:30 CET is late from 08:31 CEST on Saturday 24 October', () => {
    const rule: NoticeRule = { kind: 'hoursBeforeStart', hours: 48 };
    const monday = { day: '2026-10-26', startsAt: '07:30' };
    const onTime = evaluateCancellation(rule, monday, at('2026-10-24T08:30:59+02:00'), everyDay);
    const late = evaluateCancellation(rule, monday, at('2026-10-24T08:31:00+02:00'), everyDay);
    expect([onTime.late, late.late]).toEqual([false, true]);
    expect(late).toHaveProperty(
      'message',
      'Annulation tardive : les annulations pour le lundi 26 octobre 2026 ' +
        "étaient possibles jusqu'au samedi 24 octobre 2026 à 08:30.",
    );
  });
});

describe('an invalid clock is a programming error', () => {
  it('is refused rather than read as late', () => {
    const rule: NoticeRule = { kind: 'hoursBeforeStart', hours: 24 };
    const slot = { day: '2026-05-07', startsAt: '11:30' };
    expect(() => evaluate(rule, slot, new Date('demain'), everyDay, STRICT)).toThrow(
      'Invalid "now" instant',
    );
    expect(() => evaluateCancellation(rule, slot, DateTime.invalid('test'), everyDay)).toThrow(
      'Invalid "now" instant',
    );
  });
});
