import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import type { Closure } from './closure';
import { addDays, PARIS_ZONE, type ParisDay } from './paris-day';

/** An uploaded calendar is refused past these bounds, before or while parsing it. */
export const MAX_ICS_BYTES = 1024 * 1024;
export const MAX_ICS_EVENTS = 1000;
const MAX_LABEL_LENGTH = 200;

/** The uploaded file cannot be turned into closures; the message is meant for the agent. */
export class IcsClosuresError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IcsClosuresError';
  }
}

type IcalTime = InstanceType<typeof ICAL.Time>;
type IcalEvent = InstanceType<typeof ICAL.Event>;

function tzidOf(event: IcalEvent): string | undefined {
  const tzid = event.component.getFirstProperty('dtstart')?.getParameter('tzid');
  return typeof tzid === 'string' && tzid !== '' ? tzid : undefined;
}

/**
 * The instant of a date-time, in Paris. A TZID that is not an IANA name (Outlook's "Romance
 * Standard Time"…) and floating times are read as Paris wall-clock times: a school's calendar is.
 */
function parisDateTime(time: IcalTime, tzid: string | undefined): DateTime {
  const fields = {
    year: time.year,
    month: time.month,
    day: time.day,
    hour: time.hour,
    minute: time.minute,
    second: time.second,
  };
  const isUtc = time.zone?.tzid === 'UTC';
  let dateTime = DateTime.fromObject(fields, { zone: isUtc ? 'utc' : (tzid ?? PARIS_ZONE) });
  if (!dateTime.isValid) dateTime = DateTime.fromObject(fields, { zone: PARIS_ZONE });
  return dateTime.setZone(PARIS_ZONE);
}

function dayOf(dateTime: DateTime): ParisDay {
  const day = dateTime.toISODate();
  if (day === null) throw new IcsClosuresError(`Date hors calendrier : ${dateTime.toString()}`);
  return day;
}

function isoDay(time: IcalTime): ParisDay {
  return `${String(time.year).padStart(4, '0')}-${String(time.month).padStart(2, '0')}-${String(time.day).padStart(2, '0')}`;
}

function closureOf(
  label: string,
  start: IcalTime,
  end: IcalTime | undefined,
  tzid: string | undefined,
): Closure {
  if (start.isDate) {
    const firstDay = isoDay(start);
    // DTEND of an all-day event is exclusive; without it the event lasts that one day.
    const endDay = end ? isoDay(end) : undefined;
    const lastDay = endDay && endDay > firstDay ? addDays(endDay, -1) : firstDay;
    return { firstDay, lastDay, label };
  }
  const startAt = parisDateTime(start, tzid);
  const endAt = end ? parisDateTime(end, tzid) : startAt;
  if (endAt < startAt) throw new IcsClosuresError(`« ${label} » se termine avant de commencer`);
  const firstDay = dayOf(startAt);
  let lastDay = dayOf(endAt);
  // An event ending at midnight does not touch the day that midnight opens.
  if (endAt > startAt && endAt.equals(endAt.startOf('day')) && lastDay > firstDay) {
    lastDay = addDays(lastDay, -1);
  }
  return { firstDay, lastDay, label };
}

function labelOf(event: IcalEvent): string {
  const summary = typeof event.summary === 'string' ? event.summary.trim() : '';
  const label = summary === '' ? 'Fermeture' : summary;
  return label.length > MAX_LABEL_LENGTH ? `${label.slice(0, MAX_LABEL_LENGTH - 1)}…` : label;
}

function isCancelled(event: IcalEvent): boolean {
  const status = event.component.getFirstPropertyValue('status');
  return typeof status === 'string' && status.toUpperCase() === 'CANCELLED';
}

function tooManyEvents(): IcsClosuresError {
  return new IcsClosuresError(
    `Le fichier contient plus de ${MAX_ICS_EVENTS} événements (occurrences des répétitions comprises) : découpez-le`,
  );
}

/** A closure read from a file, with the UID of its event (one UID per repeating series). */
export interface IcsClosure extends Closure {
  uid: string;
}

/** An event of the file that gives no closure, and why (in French, for the agent). */
export interface SkippedIcsEvent {
  uid: string | null;
  firstDay: ParisDay | null;
  label: string;
  reason: string;
}

function uidOf(event: IcalEvent): string | null {
  const uid = typeof event.uid === 'string' ? event.uid.trim() : '';
  return uid === '' ? null : uid.slice(0, MAX_LABEL_LENGTH);
}

function parseCalendar(input: string | Uint8Array): InstanceType<typeof ICAL.Component> {
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (size > MAX_ICS_BYTES) {
    throw new IcsClosuresError(
      `Fichier trop volumineux : ${size} octets (au plus ${MAX_ICS_BYTES} octets, soit 1 Mio)`,
    );
  }
  const text = typeof input === 'string' ? input : Buffer.from(input).toString('utf8');
  // Counted before parsing, so that a file made of tiny events costs nothing to refuse.
  if ((text.match(/^BEGIN:VEVENT\r?$/gim) ?? []).length > MAX_ICS_EVENTS) throw tooManyEvents();

  let calendar: InstanceType<typeof ICAL.Component>;
  try {
    const jcal: unknown = ICAL.parse(text);
    // Several top-level components come back as an array of components.
    if (!Array.isArray(jcal) || typeof jcal[0] !== 'string') {
      throw new IcsClosuresError('Fichier iCalendar illisible : un seul VCALENDAR attendu');
    }
    calendar = new ICAL.Component(jcal);
  } catch (error) {
    if (error instanceof IcsClosuresError) throw error;
    throw new IcsClosuresError(
      `Fichier iCalendar illisible : ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (calendar.name !== 'vcalendar') {
    throw new IcsClosuresError('Fichier iCalendar illisible : pas de VCALENDAR');
  }
  return calendar;
}

/**
 * Reads the closures (strikes, school trips, works…) of an uploaded iCalendar file, in Paris
 * days, both ends included, each with its event's UID (an event without one is skipped: it
 * could not be recognised when the file is imported again). Cancelled events and events that
 * cannot be read (no start, ending before they start) are skipped with the reason; repeating
 * events give one closure per occurrence. Sorted by first day. A file that is not iCalendar, too
 * large or with too many events is refused whole (IcsClosuresError).
 */
export function readClosuresIcs(input: string | Uint8Array): {
  closures: IcsClosure[];
  skipped: SkippedIcsEvent[];
} {
  const calendar = parseCalendar(input);
  const events = calendar
    .getAllSubcomponents('vevent')
    .map((component) => new ICAL.Event(component));
  const masters = new Map<string, IcalEvent>();
  for (const event of events) if (!event.isRecurrenceException()) masters.set(event.uid, event);
  // A RECURRENCE-ID event replaces one occurrence of its series.
  for (const event of events) {
    if (event.isRecurrenceException()) masters.get(event.uid)?.relateException(event);
  }

  const closures: IcsClosure[] = [];
  const skipped: SkippedIcsEvent[] = [];
  const add = (closure: IcsClosure): void => {
    if (closures.length >= MAX_ICS_EVENTS) throw tooManyEvents();
    closures.push(closure);
  };
  const skip = (event: IcalEvent, firstDay: ParisDay | null, reason: string): void => {
    if (skipped.length >= MAX_ICS_EVENTS) throw tooManyEvents();
    skipped.push({ uid: uidOf(event), firstDay, label: labelOf(event), reason });
  };
  const startDayOf = (time: IcalTime | undefined): ParisDay | null =>
    time ? (time.isDate ? isoDay(time) : null) : null;
  try {
    for (const event of events) {
      if (event.isRecurrenceException() && masters.has(event.uid)) continue;
      const uid = uidOf(event);
      if (!event.startDate) {
        skip(event, null, "L'événement n'a pas de date de début (DTSTART).");
        continue;
      }
      if (uid === null) {
        skip(event, startDayOf(event.startDate), "L'événement n'a pas d'identifiant (UID).");
        continue;
      }
      const occurrences: Array<{ item: IcalEvent; start: IcalTime; end: IcalTime | undefined }> =
        [];
      if (!event.isRecurring()) {
        occurrences.push({ item: event, start: event.startDate, end: event.endDate });
      } else {
        const iterator = event.iterator();
        for (let next = iterator.next(); next; next = iterator.next()) {
          const details = event.getOccurrenceDetails(next);
          occurrences.push({ item: details.item, start: details.startDate, end: details.endDate });
          if (occurrences.length > MAX_ICS_EVENTS) throw tooManyEvents();
        }
      }
      for (const { item, start, end } of occurrences) {
        if (isCancelled(item)) {
          skip(item, startDayOf(start), 'Événement annulé (STATUS:CANCELLED).');
          continue;
        }
        try {
          add({ ...closureOf(labelOf(item), start, end, tzidOf(event)), uid });
        } catch (error) {
          if (!(error instanceof IcsClosuresError) || error.message.startsWith('Le fichier')) {
            throw error;
          }
          skip(item, startDayOf(start), `${error.message}.`);
        }
      }
    }
  } catch (error) {
    if (error instanceof IcsClosuresError) throw error;
    throw new IcsClosuresError(
      `Fichier iCalendar illisible : ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  closures.sort(
    (a, b) => a.firstDay.localeCompare(b.firstDay) || a.lastDay.localeCompare(b.lastDay),
  );
  return { closures, skipped };
}

/** The closures of an uploaded iCalendar file (see readClosuresIcs), without their UIDs. */
export function parseClosuresIcs(input: string | Uint8Array): Closure[] {
  return readClosuresIcs(input).closures.map(({ firstDay, lastDay, label }) => ({
    firstDay,
    lastDay,
    label,
  }));
}
