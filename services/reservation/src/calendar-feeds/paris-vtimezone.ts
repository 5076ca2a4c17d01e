import { PARIS_ZONE } from '../calendar';

/**
 * The VTIMEZONE of Europe/Paris (EU summer time since 1996: last Sunday of March 02:00 → 03:00,
 * last Sunday of October 03:00 → 02:00), so that a calendar reading the feed places the
 * `TZID=Europe/Paris` times right on both sides of each change, even without a zone database.
 */
const PARIS_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${PARIS_ZONE}`,
  'X-LIC-LOCATION:Europe/Paris',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

/** ical-generator's `timezone.generator`: the block of the one zone the feed uses. */
export function vtimezoneOf(zone: string): string | null {
  return zone === PARIS_ZONE ? PARIS_VTIMEZONE : null;
}
