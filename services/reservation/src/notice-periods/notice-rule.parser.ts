import {
  NOTICE_RULE_BOUNDS,
  NOTICE_RULE_KINDS,
  WEEKDAYS,
  type NoticePolicy,
  type NoticeRule,
  type NoticeRuleKind,
  type Weekday,
} from './notice-rule';

/** One reason a rule was refused: the field (dotted path, `''` for the whole value) and a French message. */
export interface NoticeRuleError {
  readonly field: string;
  readonly message: string;
}

export type NoticeRuleParse =
  | { readonly ok: true; readonly rule: NoticeRule }
  | { readonly ok: false; readonly errors: readonly NoticeRuleError[] };

export type NoticePolicyParse =
  | { readonly ok: true; readonly policy: NoticePolicy }
  | { readonly ok: false; readonly errors: readonly NoticeRuleError[] };

const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The fields each kind takes besides `kind`; any other field is refused so a typo is not ignored. */
const FIELDS: Record<NoticeRuleKind, readonly string[]> = {
  calendarDaysBefore: ['days', 'at'],
  workingDaysBefore: ['days', 'at'],
  previousWeekday: ['weekday', 'at'],
  weekdayOfPreviousWeek: ['weekday', 'at'],
  dayOfPreviousMonth: ['dayOfMonth', 'at'],
  hoursBeforeStart: ['hours'],
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isKind(value: unknown): value is NoticeRuleKind {
  return typeof value === 'string' && (NOTICE_RULE_KINDS as readonly string[]).includes(value);
}

function isWeekday(value: unknown): value is Weekday {
  return typeof value === 'string' && (WEEKDAYS as readonly string[]).includes(value);
}

function prefixed(prefix: string, field: string): string {
  return prefix === '' ? field : field === '' ? prefix : `${prefix}.${field}`;
}

/**
 * Validates a rule read from outside (a unit's settings, an agent's form). Every problem is
 * reported at once, each with a French message, so an agent can fix them in one go.
 */
export function parseNoticeRule(input: unknown, path = ''): NoticeRuleParse {
  const errors: NoticeRuleError[] = [];
  const fail = (field: string, message: string): void => {
    errors.push({ field: prefixed(path, field), message });
  };

  if (!isRecord(input)) {
    fail('', 'La règle de délai doit être un objet.');
    return { ok: false, errors };
  }
  const kind = input.kind;
  if (!isKind(kind)) {
    fail('kind', `Le type de délai doit être l'un de : ${NOTICE_RULE_KINDS.join(', ')}.`);
    return { ok: false, errors };
  }
  for (const field of Object.keys(input)) {
    if (field !== 'kind' && !FIELDS[kind].includes(field)) {
      fail(field, `Champ inconnu pour un délai de type ${kind} : ${field}.`);
    }
  }

  const integer = (field: string, bounds: { min: number; max: number }, what: string): number => {
    const value = input[field];
    if (
      typeof value !== 'number' ||
      !Number.isInteger(value) ||
      value < bounds.min ||
      value > bounds.max
    ) {
      fail(field, `${what} doit être un nombre entier entre ${bounds.min} et ${bounds.max}.`);
      return bounds.min;
    }
    return value;
  };
  const clockTime = (): string => {
    const value = input.at;
    if (typeof value !== 'string' || !CLOCK_TIME.test(value)) {
      fail('at', "L'heure limite doit être une heure de 00:00 à 23:59, au format HH:mm.");
      return '00:00';
    }
    return value;
  };
  const weekday = (): Weekday => {
    const value = input.weekday;
    if (!isWeekday(value)) {
      fail('weekday', `Le jour de la semaine doit être l'un de : ${WEEKDAYS.join(', ')}.`);
      return 'monday';
    }
    return value;
  };

  let rule: NoticeRule;
  switch (kind) {
    case 'calendarDaysBefore':
    case 'workingDaysBefore': {
      const bounds =
        kind === 'calendarDaysBefore'
          ? NOTICE_RULE_BOUNDS.calendarDays
          : NOTICE_RULE_BOUNDS.workingDays;
      const what =
        kind === 'calendarDaysBefore' ? 'Le nombre de jours' : 'Le nombre de jours ouvrés';
      rule = { kind, days: integer('days', bounds, what), at: clockTime() };
      break;
    }
    case 'previousWeekday':
    case 'weekdayOfPreviousWeek':
      rule = { kind, weekday: weekday(), at: clockTime() };
      break;
    case 'dayOfPreviousMonth':
      rule = {
        kind,
        dayOfMonth: integer('dayOfMonth', NOTICE_RULE_BOUNDS.dayOfMonth, 'Le jour du mois'),
        at: clockTime(),
      };
      break;
    case 'hoursBeforeStart':
      rule = { kind, hours: integer('hours', NOTICE_RULE_BOUNDS.hours, "Le nombre d'heures") };
      break;
  }
  return errors.length === 0 ? { ok: true, rule } : { ok: false, errors };
}

/** Validates a unit's pair of rules; `cancelling` may be left out (it then follows `booking`). */
export function parseNoticePolicy(input: unknown): NoticePolicyParse {
  if (!isRecord(input)) {
    return {
      ok: false,
      errors: [{ field: '', message: 'Les délais de prévenance doivent être un objet.' }],
    };
  }
  const errors: NoticeRuleError[] = [];
  for (const field of Object.keys(input)) {
    if (field !== 'booking' && field !== 'cancelling') {
      errors.push({ field, message: `Champ inconnu dans les délais de prévenance : ${field}.` });
    }
  }
  const booking = parseNoticeRule(input.booking, 'booking');
  if (!booking.ok) errors.push(...booking.errors);
  const cancelling =
    input.cancelling === undefined ? undefined : parseNoticeRule(input.cancelling, 'cancelling');
  if (cancelling && !cancelling.ok) errors.push(...cancelling.errors);

  if (errors.length > 0 || !booking.ok || (cancelling && !cancelling.ok)) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    policy: cancelling
      ? { booking: booking.rule, cancelling: cancelling.rule }
      : { booking: booking.rule },
  };
}
