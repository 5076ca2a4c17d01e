import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IcsClosuresError, MAX_ICS_BYTES, MAX_ICS_EVENTS, parseClosuresIcs } from './ics-closures';

const fixture = readFileSync(join(__dirname, 'fixtures/school-closures.ics'));

function calendarOf(events: string[]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//FR', ...events, 'END:VCALENDAR'].join(
    '\r\n',
  );
}

function allDayEvent(uid: number, extra: string[] = []): string {
  return [
    'BEGIN:VEVENT',
    `UID:${uid}@test`,
    'DTSTAMP:20260101T000000Z',
    'DTSTART;VALUE=DATE:20260115',
    ...extra,
    'SUMMARY:Grève',
    'END:VEVENT',
  ].join('\r\n');
}

/* Expected days are read off the fixture's DTSTART/DTEND lines. */
describe('closures read from an iCalendar file', () => {
  const closures = parseClosuresIcs(fixture);

  it('reads every closure of the school’s file, sorted, without the cancelled one', () => {
    expect(closures).toEqual([
      { firstDay: '2026-01-15', lastDay: '2026-01-15', label: 'Grève des enseignants' },
      { firstDay: '2026-02-10', lastDay: '2026-02-10', label: 'Travaux de la cantine' },
      { firstDay: '2026-03-23', lastDay: '2026-03-27', label: 'Classe verte, CM2 au Mont-Dore' },
      { firstDay: '2026-05-04', lastDay: '2026-05-04', label: 'Fermeture piscine' },
      { firstDay: '2026-05-18', lastDay: '2026-05-18', label: 'Fermeture piscine' },
      { firstDay: '2026-06-12', lastDay: '2026-06-12', label: "Sortie de fin d'année" },
      { firstDay: '2026-07-01', lastDay: '2026-07-01', label: 'Fermeture' },
    ]);
  });

  it('an all-day event’s DTEND is exclusive: 23 to 28 March closes Monday 23 to Friday 27', () => {
    expect(closures).toContainEqual(expect.objectContaining({ lastDay: '2026-03-27' }));
  });

  it('an event starting at 23:00 UTC in winter closes the next Paris day', () => {
    // DTSTART:20260209T230000Z is midnight on 10 February in Paris.
    expect(closures.find((c) => c.label === 'Travaux de la cantine')?.firstDay).toBe('2026-02-10');
  });

  it('a timed event ending at Paris midnight does not close the day that midnight opens', () => {
    expect(closures.find((c) => c.label === "Sortie de fin d'année")?.lastDay).toBe('2026-06-12');
  });

  it('a cancelled event (STATUS:CANCELLED) is not a closure', () => {
    expect(closures.some((c) => c.label === 'Grève annulée')).toBe(false);
  });

  it('a weekly event gives one closure per occurrence, less its EXDATE (11 May)', () => {
    expect(closures.filter((c) => c.label === 'Fermeture piscine').map((c) => c.firstDay)).toEqual([
      '2026-05-04',
      '2026-05-18',
    ]);
  });

  it('a moved occurrence (RECURRENCE-ID) closes the day it was moved to', () => {
    const moved = parseClosuresIcs(
      calendarOf([
        allDayEvent(1, ['DTEND;VALUE=DATE:20260116', 'RRULE:FREQ=WEEKLY;COUNT=2']),
        [
          'BEGIN:VEVENT',
          'UID:1@test',
          'DTSTAMP:20260101T000000Z',
          'RECURRENCE-ID;VALUE=DATE:20260122',
          'DTSTART;VALUE=DATE:20260123',
          'DTEND;VALUE=DATE:20260124',
          'SUMMARY:Grève reportée',
          'END:VEVENT',
        ].join('\r\n'),
      ]),
    );
    expect(moved).toEqual([
      { firstDay: '2026-01-15', lastDay: '2026-01-15', label: 'Grève' },
      { firstDay: '2026-01-23', lastDay: '2026-01-23', label: 'Grève reportée' },
    ]);
  });

  it('a file over 1 MiB is refused before parsing', () => {
    const huge = calendarOf([allDayEvent(1, [`DESCRIPTION:${'x'.repeat(MAX_ICS_BYTES)}`])]);
    expect(() => parseClosuresIcs(huge)).toThrow(IcsClosuresError);
    expect(() => parseClosuresIcs(huge)).toThrow('Fichier trop volumineux');
  });

  it(`a file of more than ${MAX_ICS_EVENTS} events is refused`, () => {
    const many = calendarOf(Array.from({ length: MAX_ICS_EVENTS + 1 }, (_, i) => allDayEvent(i)));
    expect(() => parseClosuresIcs(many)).toThrow(`plus de ${MAX_ICS_EVENTS} événements`);
  });

  it(`exactly ${MAX_ICS_EVENTS} events are accepted`, () => {
    const many = calendarOf(Array.from({ length: MAX_ICS_EVENTS }, (_, i) => allDayEvent(i)));
    expect(parseClosuresIcs(many)).toHaveLength(MAX_ICS_EVENTS);
  });

  it('an endless repetition is refused rather than expanded forever', () => {
    const endless = calendarOf([allDayEvent(1, ['RRULE:FREQ=DAILY'])]);
    expect(() => parseClosuresIcs(endless)).toThrow(`plus de ${MAX_ICS_EVENTS} événements`);
  });

  it('a file that is not iCalendar is refused with a clear error', () => {
    expect(() => parseClosuresIcs('bonjour')).toThrow('Fichier iCalendar illisible');
    const twice = `${calendarOf([])}\r\n${calendarOf([])}`;
    expect(() => parseClosuresIcs(twice)).toThrow('un seul VCALENDAR attendu');
    expect(() => parseClosuresIcs('BEGIN:VCARD\r\nVERSION:4.0\r\nFN:X\r\nEND:VCARD')).toThrow(
      'Fichier iCalendar illisible',
    );
  });
});
