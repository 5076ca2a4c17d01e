import { parseNoticePolicy, parseNoticeRule } from './notice-rule.parser';

describe('parsing a notice rule', () => {
  it.each([
    { kind: 'calendarDaysBefore', days: 2, at: '10:00' },
    { kind: 'calendarDaysBefore', days: 0, at: '00:00' },
    { kind: 'calendarDaysBefore', days: 180, at: '23:59' },
    { kind: 'workingDaysBefore', days: 1, at: '10:00' },
    { kind: 'workingDaysBefore', days: 120, at: '10:00' },
    { kind: 'previousWeekday', weekday: 'thursday', at: '12:00' },
    { kind: 'weekdayOfPreviousWeek', weekday: 'sunday', at: '20:00' },
    { kind: 'dayOfPreviousMonth', dayOfMonth: 1, at: '23:59' },
    { kind: 'dayOfPreviousMonth', dayOfMonth: 31, at: '23:59' },
    { kind: 'hoursBeforeStart', hours: 1 },
    { kind: 'hoursBeforeStart', hours: 2160 },
  ])('accepts %o as it is', (input) => {
    expect(parseNoticeRule(input)).toEqual({ ok: true, rule: input });
  });

  it.each<[string, unknown, { field: string; message: string }[]]>([
    ['not an object', '2 jours', [{ field: '', message: 'La règle de délai doit être un objet.' }]],
    ['null', null, [{ field: '', message: 'La règle de délai doit être un objet.' }]],
    ['an array', [], [{ field: '', message: 'La règle de délai doit être un objet.' }]],
    [
      'an unknown kind',
      { kind: 'daysBefore', days: 2 },
      [
        {
          field: 'kind',
          message:
            "Le type de délai doit être l'un de : calendarDaysBefore, workingDaysBefore, " +
            'previousWeekday, weekdayOfPreviousWeek, dayOfPreviousMonth, hoursBeforeStart.',
        },
      ],
    ],
    [
      'too many calendar days',
      { kind: 'calendarDaysBefore', days: 181, at: '10:00' },
      [{ field: 'days', message: 'Le nombre de jours doit être un nombre entier entre 0 et 180.' }],
    ],
    [
      'a fraction of a day',
      { kind: 'calendarDaysBefore', days: 1.5, at: '10:00' },
      [{ field: 'days', message: 'Le nombre de jours doit être un nombre entier entre 0 et 180.' }],
    ],
    [
      'days as a string',
      { kind: 'calendarDaysBefore', days: '2', at: '10:00' },
      [{ field: 'days', message: 'Le nombre de jours doit être un nombre entier entre 0 et 180.' }],
    ],
    [
      'zero working days',
      { kind: 'workingDaysBefore', days: 0, at: '10:00' },
      [
        {
          field: 'days',
          message: 'Le nombre de jours ouvrés doit être un nombre entier entre 1 et 120.',
        },
      ],
    ],
    [
      'a time of 24:00',
      { kind: 'calendarDaysBefore', days: 2, at: '24:00' },
      [
        {
          field: 'at',
          message: "L'heure limite doit être une heure de 00:00 à 23:59, au format HH:mm.",
        },
      ],
    ],
    [
      'a time without its leading zero',
      { kind: 'previousWeekday', weekday: 'thursday', at: '9:00' },
      [
        {
          field: 'at',
          message: "L'heure limite doit être une heure de 00:00 à 23:59, au format HH:mm.",
        },
      ],
    ],
    [
      'a French weekday',
      { kind: 'weekdayOfPreviousWeek', weekday: 'jeudi', at: '12:00' },
      [
        {
          field: 'weekday',
          message:
            "Le jour de la semaine doit être l'un de : monday, tuesday, wednesday, thursday, " +
            'friday, saturday, sunday.',
        },
      ],
    ],
    [
      'day 32 of a month',
      { kind: 'dayOfPreviousMonth', dayOfMonth: 32, at: '23:59' },
      [
        {
          field: 'dayOfMonth',
          message: 'Le jour du mois doit être un nombre entier entre 1 et 31.',
        },
      ],
    ],
    [
      'zero hours',
      { kind: 'hoursBeforeStart', hours: 0 },
      [
        {
          field: 'hours',
          message: "Le nombre d'heures doit être un nombre entier entre 1 et 2160.",
        },
      ],
    ],
    [
      'a field of another kind',
      { kind: 'hoursBeforeStart', hours: 24, at: '10:00' },
      [{ field: 'at', message: 'Champ inconnu pour un délai de type hoursBeforeStart : at.' }],
    ],
  ])('refuses %s', (_case, input, errors) => {
    expect(parseNoticeRule(input)).toEqual({ ok: false, errors });
  });

  it('reports every problem at once', () => {
    const result = parseNoticeRule({ kind: 'dayOfPreviousMonth', dayOfMonth: 0, days: 3 });
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          field: 'days',
          message: 'Champ inconnu pour un délai de type dayOfPreviousMonth : days.',
        },
        {
          field: 'dayOfMonth',
          message: 'Le jour du mois doit être un nombre entier entre 1 et 31.',
        },
        {
          field: 'at',
          message: "L'heure limite doit être une heure de 00:00 à 23:59, au format HH:mm.",
        },
      ],
    });
  });
});

describe('parsing a unit notice policy', () => {
  it('cancelling may be left out: it then follows booking', () => {
    const booking = { kind: 'workingDaysBefore', days: 2, at: '10:00' };
    expect(parseNoticePolicy({ booking })).toEqual({ ok: true, policy: { booking } });
  });

  it('keeps a cancelling rule of its own', () => {
    const input = {
      booking: { kind: 'weekdayOfPreviousWeek', weekday: 'thursday', at: '12:00' },
      cancelling: { kind: 'hoursBeforeStart', hours: 48 },
    };
    expect(parseNoticePolicy(input)).toEqual({ ok: true, policy: input });
  });

  it('names each problem by its path', () => {
    const result = parseNoticePolicy({
      booking: { kind: 'calendarDaysBefore', days: 2, at: '10h' },
      cancelling: { kind: 'hoursBeforeStart', hours: -1 },
      lateRequests: true,
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          field: 'lateRequests',
          message: 'Champ inconnu dans les délais de prévenance : lateRequests.',
        },
        {
          field: 'booking.at',
          message: "L'heure limite doit être une heure de 00:00 à 23:59, au format HH:mm.",
        },
        {
          field: 'cancelling.hours',
          message: "Le nombre d'heures doit être un nombre entier entre 1 et 2160.",
        },
      ],
    });
  });

  it('requires a booking rule', () => {
    expect(parseNoticePolicy({})).toEqual({
      ok: false,
      errors: [{ field: 'booking', message: 'La règle de délai doit être un objet.' }],
    });
    expect(parseNoticePolicy('48h')).toEqual({
      ok: false,
      errors: [{ field: '', message: 'Les délais de prévenance doivent être un objet.' }],
    });
  });
});
