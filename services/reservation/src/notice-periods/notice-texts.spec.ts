import { DateTime } from 'luxon';
import type { NoticeRule } from './notice-rule';
import {
  bookableUntil,
  cancellableUntil,
  describeNoticeRule,
  frenchDeadline,
  frenchSlotDay,
} from './notice-texts';

const paris = (iso: string): DateTime => DateTime.fromISO(iso, { zone: 'Europe/Paris' });

describe('texts beside a slot', () => {
  it('"réservable jusqu\'au lundi 4 mai 2026 à 10:00"', () => {
    expect(bookableUntil(paris('2026-05-04T10:00'))).toBe(
      "réservable jusqu'au lundi 4 mai 2026 à 10:00",
    );
  });

  it('"annulable jusqu\'au vendredi 1er mai 2026 à 23:59"', () => {
    expect(cancellableUntil(paris('2026-05-01T23:59'))).toBe(
      "annulable jusqu'au vendredi 1er mai 2026 à 23:59",
    );
  });

  it('a deadline given in UTC is written on the Paris clock: 21:59Z on 20 April is 23:59 in Paris', () => {
    const utc = DateTime.fromISO('2026-04-20T21:59:00Z', { zone: 'utc' });
    expect(frenchDeadline(utc)).toBe('lundi 20 avril 2026 à 23:59');
  });

  it('the Paris clock in winter: 22:30Z on 31 December 2026 is 23:30 in Paris', () => {
    const utc = DateTime.fromISO('2026-12-31T22:30:00Z', { zone: 'utc' });
    expect(frenchDeadline(utc)).toBe('jeudi 31 décembre 2026 à 23:30');
  });

  it('midnight is written 00:00, on the day that starts', () => {
    expect(frenchDeadline(paris('2026-05-06T00:00'))).toBe('mercredi 6 mai 2026 à 00:00');
  });

  it('the day of a DST change: 03:30 CEST on Sunday 29 March', () => {
    expect(frenchDeadline(paris('2026-03-29T03:30'))).toBe('dimanche 29 mars 2026 à 03:30');
  });

  it('slot days keep their accents and the ordinal of the 1st', () => {
    expect(frenchSlotDay('2026-05-07')).toBe('jeudi 7 mai 2026');
    expect(frenchSlotDay('2026-08-01')).toBe('samedi 1er août 2026');
    expect(frenchSlotDay('2026-02-16')).toBe('lundi 16 février 2026');
    expect(frenchSlotDay('2026-12-25')).toBe('vendredi 25 décembre 2026');
    expect(() => frenchSlotDay('2026-02-29')).toThrow('Invalid day "2026-02-29"');
  });
});

describe('the rule as a unit states it', () => {
  it.each<[NoticeRule, string]>([
    [{ kind: 'calendarDaysBefore', days: 2, at: '10:00' }, 'au plus tard 2 jours avant à 10:00'],
    [{ kind: 'calendarDaysBefore', days: 1, at: '18:00' }, 'au plus tard la veille à 18:00'],
    [{ kind: 'calendarDaysBefore', days: 0, at: '09:00' }, 'au plus tard le jour même à 09:00'],
    [
      { kind: 'workingDaysBefore', days: 2, at: '10:00' },
      'au plus tard 2 jours ouvrés avant à 10:00',
    ],
    [
      { kind: 'workingDaysBefore', days: 1, at: '10:00' },
      'au plus tard 1 jour ouvré avant à 10:00',
    ],
    [
      { kind: 'previousWeekday', weekday: 'thursday', at: '12:00' },
      'au plus tard le jeudi précédent à 12:00',
    ],
    [
      { kind: 'weekdayOfPreviousWeek', weekday: 'thursday', at: '12:00' },
      'au plus tard le jeudi de la semaine précédente à 12:00',
    ],
    [
      { kind: 'dayOfPreviousMonth', dayOfMonth: 20, at: '23:59' },
      'au plus tard le 20 du mois précédent à 23:59',
    ],
    [
      { kind: 'dayOfPreviousMonth', dayOfMonth: 1, at: '12:00' },
      'au plus tard le 1er du mois précédent à 12:00',
    ],
    [{ kind: 'hoursBeforeStart', hours: 48 }, 'au plus tard 48 heures avant le début'],
    [{ kind: 'hoursBeforeStart', hours: 1 }, 'au plus tard 1 heure avant le début'],
  ])('%o → "%s"', (rule, text) => {
    expect(describeNoticeRule(rule)).toBe(text);
  });
});
