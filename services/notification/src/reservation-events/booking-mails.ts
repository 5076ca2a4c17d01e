import {
  frenchDateTime,
  frenchMonth,
  frenchWeekdayDate,
  type BookingDecided,
  type BookingEventBase,
  type BookingOffered,
  type BookingOfferLapsed,
  type BookingRequestRecorded,
  type RequestOutcome,
} from '@portail/contracts';
import type { Notice } from '../delivery/notifier';
import { activityPhrase, ofName } from '../mail/french-words';
import {
  portalLink,
  PORTAL_PATHS,
  render,
  type MailBranding,
  type RenderedMail,
} from '../mail/mail-templates';

/**
 * E-mails and notices of reservation's events: the booking summary ("Nous avons bien
 * enregistré votre demande", every date and what became of it), offers of a freed place,
 * lapsed offers, promotions from the waiting list and the agent's decision on a late request.
 * Links open the family's pages (signed in): no token, no secret in a body.
 */

export interface BookingRecipient {
  email: string;
  firstName: string;
}

/** What the handler knows of the child besides the event. */
export interface BookingChild {
  firstName: string;
}

const SUMMARY_HEADING = 'NOUS AVONS BIEN ENREGISTRÉ VOTRE DEMANDE';

/** Refusal reasons written out one by one; the dates of the others follow without them. */
const MAX_LISTED_REASONS = 10;

/** Days at least this many in a row (calendar days) are written "du … au …". */
const MIN_RUN = 3;

export function bookingsLink(brand: MailBranding): string {
  return portalLink(brand, PORTAL_PATHS.bookings);
}

function bookingLink(brand: MailBranding, bookingId: string, page?: 'confirmer'): string {
  const path = `${PORTAL_PATHS.bookings}/${encodeURIComponent(bookingId)}`;
  return portalLink(brand, page ? `${path}/${page}` : path);
}

// ---------------------------------------------------------------------------------------------
// Words

/** "1 jour réservé", "3 jours réservés": French plural of a counted noun and its adjective. */
export function countOf(count: number, singular: string, plural: string): string {
  return `${count} ${count > 1 ? plural : singular}`;
}

/** A day of a list without its month and year: "mercredi 2", "lundi 1er". */
function dayInMonth(day: string): string {
  return frenchWeekdayDate(day).replace(/ \S+ \d{4}$/, '');
}

function nextCalendarDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * Sorted days written by month, runs of consecutive days shortened:
 * "septembre 2026 : du lundi 7 au vendredi 11, lundi 14, mardi 15".
 */
export function daysByMonth(days: string[]): string[] {
  const months = new Map<string, string[]>();
  for (const day of [...new Set(days)].sort()) {
    const key = day.slice(0, 7);
    months.set(key, [...(months.get(key) ?? []), day]);
  }
  const lines: string[] = [];
  for (const monthDays of months.values()) {
    const parts: string[] = [];
    let run: string[] = [];
    const flush = () => {
      if (run.length >= MIN_RUN)
        parts.push(`du ${dayInMonth(run[0])} au ${dayInMonth(run[run.length - 1])}`);
      else parts.push(...run.map(dayInMonth));
      run = [];
    };
    for (const day of monthDays) {
      if (run.length && nextCalendarDay(run[run.length - 1]) !== day) flush();
      run.push(day);
    }
    flush();
    lines.push(`${frenchMonth(monthDays[0])} : ${parts.join(', ')}`);
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------
// The booking summary

const STATUS_ORDER: RequestOutcome['status'][] = [
  'booked',
  'waitlisted',
  'pending',
  'refused',
  'cancelled',
];

const STATUS_TITLES: Record<RequestOutcome['status'], (count: number) => string> = {
  booked: (count) => `Réservé : ${countOf(count, 'date', 'dates')}`,
  waitlisted: (count) =>
    `En liste d'attente : ${countOf(count, 'date', 'dates')} (vous serez prévenu si une place se libère)`,
  pending: (count) =>
    `En attente de la décision du service : ${countOf(count, 'date', 'dates')} (demande faite après le délai de prévenance ; le service vous répondra)`,
  refused: (count) => `Non réservé : ${countOf(count, 'date', 'dates')}`,
  cancelled: (count) => `Annulé : ${countOf(count, 'date', 'dates')}`,
};

/** One paragraph per line group: a title, then one line per unit and month. */
function outcomeParagraphs(outcomes: RequestOutcome[]): string[] {
  const units = new Set(outcomes.map((outcome) => outcome.unitLabel));
  const byUnit = (list: RequestOutcome[]): string[] => {
    const lines: string[] = [];
    for (const unit of units) {
      const days = list.filter((outcome) => outcome.unitLabel === unit).map((o) => o.day);
      if (!days.length) continue;
      const prefix = units.size > 1 ? `${unit} – ` : '';
      lines.push(...daysByMonth(days).map((line) => `• ${prefix}${line}`));
    }
    return lines;
  };
  const paragraphs: string[] = [];
  for (const status of STATUS_ORDER) {
    const list = outcomes.filter((outcome) => outcome.status === status);
    if (!list.length) continue;
    if (status !== 'refused') {
      paragraphs.push([STATUS_TITLES[status](list.length), ...byUnit(list)].join('\n'));
      continue;
    }
    // Refused dates by reason, the most frequent first; beyond a few reasons, dates only.
    const reasons = new Map<string, RequestOutcome[]>();
    for (const outcome of list) {
      const reason = outcome.reason?.trim() || 'Motif non précisé.';
      reasons.set(reason, [...(reasons.get(reason) ?? []), outcome]);
    }
    const ranked = [...reasons.entries()].sort((a, b) => b[1].length - a[1].length);
    const lines = [STATUS_TITLES.refused(list.length)];
    for (const [reason, refused] of ranked.slice(0, MAX_LISTED_REASONS)) {
      lines.push(`Motif : ${reason}`, ...byUnit(refused));
    }
    const others = ranked.slice(MAX_LISTED_REASONS).flatMap(([, refused]) => refused);
    if (others.length) {
      lines.push(
        `Pour ${countOf(others.length, 'autre date', 'autres dates')}, le motif est indiqué dans votre espace personnel :`,
        ...byUnit(others),
      );
    }
    paragraphs.push(lines.join('\n'));
  }
  return paragraphs;
}

function summaryCounts(outcomes: RequestOutcome[]): string {
  const count = (status: RequestOutcome['status']) =>
    outcomes.filter((outcome) => outcome.status === status).length;
  const parts = [
    count('booked') && countOf(count('booked'), 'date réservée', 'dates réservées'),
    count('waitlisted') && `${countOf(count('waitlisted'), 'date', 'dates')} en liste d'attente`,
    count('pending') &&
      `${countOf(count('pending'), 'date', 'dates')} en attente de la décision du service`,
    count('refused') && countOf(count('refused'), 'date non réservée', 'dates non réservées'),
    count('cancelled') && countOf(count('cancelled'), 'date annulée', 'dates annulées'),
  ].filter((part): part is string => Boolean(part));
  return parts.length ? parts.join(', ') : 'aucune date';
}

function childOf(request: BookingRequestRecorded, child: BookingChild | undefined): string {
  return request.childFirstName ?? child?.firstName ?? 'votre enfant';
}

export function requestRecordedMail(
  brand: MailBranding,
  recipient: BookingRecipient,
  request: BookingRequestRecorded,
  child: BookingChild | undefined,
): RenderedMail {
  const name = childOf(request, child);
  const activity = activityPhrase(request.activityName);
  const opening = request.onBehalf
    ? `Le service a enregistré au guichet, pour votre compte, une demande de réservation ${ofName(name)} pour ${activity}.`
    : `Votre demande de réservation pour ${name} (${activity}) a bien été enregistrée.`;
  const automatic = request.outcomes.every((outcome) => outcome.status !== 'pending')
    ? [
        request.deadlineOverridden
          ? 'Le service a accepté ces dates en dehors des délais de prévenance.'
          : 'Cette réservation est traitée automatiquement : les délais de prévenance sont respectés pour les dates réservées.',
      ]
    : [];
  return render(brand, {
    subject: `Nous avons bien enregistré votre demande de réservation – ${name}`,
    heading: SUMMARY_HEADING,
    greetingName: recipient.firstName,
    paragraphs: [
      opening,
      `En résumé : ${summaryCounts(request.outcomes)}.`,
      ...(request.outcomes.some((outcome) => outcome.status === 'booked') ? automatic : []),
      ...outcomeParagraphs(request.outcomes),
      `Vous serez tenu informé par courriel (${recipient.email}) de toute suite donnée à cette demande. Vous retrouverez toutes vos réservations à cette adresse :`,
    ],
    action: { label: 'Voir mes réservations', url: bookingsLink(brand) },
  });
}

export function requestRecordedNotice(
  brand: MailBranding,
  request: BookingRequestRecorded,
  child: BookingChild | undefined,
): Notice {
  const name = childOf(request, child);
  return {
    title: request.onBehalf
      ? 'Réservation enregistrée par le service'
      : 'Demande de réservation enregistrée',
    body: `${name}, ${request.activityName} : ${summaryCounts(request.outcomes)}.`,
    link: bookingsLink(brand),
  };
}

// ---------------------------------------------------------------------------------------------
// One booking: offer, lapsed offer, promotion, decision

function slotOf(booking: BookingEventBase): string {
  const unit = booking.unitLabel ?? booking.unitCode;
  return `le ${frenchWeekdayDate(booking.day)} (${unit})`;
}

function activityOf(booking: BookingEventBase): string {
  return activityPhrase(booking.activityName ?? booking.activityCode);
}

export function offeredMail(
  brand: MailBranding,
  recipient: BookingRecipient,
  booking: BookingOffered,
  child: BookingChild | undefined,
): RenderedMail {
  const name = child?.firstName ?? 'votre enfant';
  const until = frenchDateTime(booking.offerExpiresAt);
  return render(brand, {
    subject: `Une place s'est libérée pour ${name} – à confirmer avant le ${until}`,
    heading: "UNE PLACE S'EST LIBÉRÉE",
    greetingName: recipient.firstName,
    paragraphs: [
      `${name} était en liste d'attente pour ${activityOf(booking)}, ${slotOf(booking)} : une place s'est libérée et lui est proposée.`,
      `Elle lui est gardée jusqu'au ${until}. Confirmez-la avant cette échéance depuis votre espace personnel ; sans réponse, elle sera proposée à l'enfant suivant de la liste d'attente.`,
      ...(booking.billing === 'pre-billing'
        ? [
            'Cette activité se paie à la réservation : le paiement vous sera demandé à la confirmation.',
          ]
        : []),
    ],
    action: {
      label: 'Confirmer la place',
      url: bookingLink(brand, booking.bookingId, 'confirmer'),
    },
    footnote:
      "Si vous ne souhaitez plus cette place, vous pouvez la refuser depuis la même page : elle passera aussitôt à l'enfant suivant.",
  });
}

export function offeredNotice(
  brand: MailBranding,
  booking: BookingOffered,
  child: BookingChild | undefined,
): Notice {
  return {
    title: 'Place proposée, à confirmer',
    body: `Une place est proposée à ${child?.firstName ?? 'votre enfant'} pour ${activityOf(booking)}, ${slotOf(booking)}, jusqu'au ${frenchDateTime(booking.offerExpiresAt)}.`,
    link: bookingLink(brand, booking.bookingId, 'confirmer'),
  };
}

/**
 * Expired: an e-mail and a notice (the family may not have seen the offer). Declined: the
 * family did it itself, a notice is enough (no e-mail).
 */
export function offerLapsedMail(
  brand: MailBranding,
  recipient: BookingRecipient,
  booking: BookingOfferLapsed,
  child: BookingChild | undefined,
): RenderedMail {
  const name = child?.firstName ?? 'votre enfant';
  return render(brand, {
    subject: `La place proposée à ${name} n'a pas été confirmée à temps`,
    heading: "LA PLACE PROPOSÉE N'A PAS ÉTÉ CONFIRMÉE",
    greetingName: recipient.firstName,
    paragraphs: [
      `La place proposée à ${name} pour ${activityOf(booking)}, ${slotOf(booking)}, n'a pas été confirmée avant l'échéance : elle est passée à l'enfant suivant de la liste d'attente.`,
      'Cette date n’est plus réservée pour votre enfant. Vous pouvez consulter les places disponibles depuis votre espace personnel.',
    ],
    action: { label: 'Voir mes réservations', url: bookingsLink(brand) },
  });
}

export function offerLapsedNotice(
  brand: MailBranding,
  booking: BookingOfferLapsed,
  child: BookingChild | undefined,
): Notice {
  const name = child?.firstName ?? 'votre enfant';
  return booking.outcome === 'declined'
    ? {
        title: 'Place refusée',
        body: `Vous avez refusé la place proposée à ${name} pour ${activityOf(booking)}, ${slotOf(booking)} : elle passe à l'enfant suivant.`,
        link: bookingsLink(brand),
      }
    : {
        title: 'Place proposée expirée',
        body: `La place proposée à ${name} pour ${activityOf(booking)}, ${slotOf(booking)}, n'a pas été confirmée à temps : elle est passée à l'enfant suivant.`,
        link: bookingsLink(brand),
      };
}

export function promotedMail(
  brand: MailBranding,
  recipient: BookingRecipient,
  booking: BookingEventBase,
  child: BookingChild | undefined,
): RenderedMail {
  const name = child?.firstName ?? 'votre enfant';
  return render(brand, {
    subject: `${name} a une place – ${frenchWeekdayDate(booking.day)}`,
    heading: 'VOTRE ENFANT A UNE PLACE',
    greetingName: recipient.firstName,
    paragraphs: [
      `Une place s'est libérée : ${name} quitte la liste d'attente et a maintenant une place réservée pour ${activityOf(booking)}, ${slotOf(booking)}.`,
      "Si vous n'en avez plus besoin, annulez la réservation depuis votre espace personnel en respectant le délai d'annulation.",
    ],
    action: { label: 'Voir la réservation', url: bookingLink(brand, booking.bookingId) },
  });
}

export function promotedNotice(
  brand: MailBranding,
  booking: BookingEventBase,
  child: BookingChild | undefined,
): Notice {
  return {
    title: 'Place obtenue',
    body: `${child?.firstName ?? 'Votre enfant'} quitte la liste d'attente : place réservée pour ${activityOf(booking)}, ${slotOf(booking)}.`,
    link: bookingLink(brand, booking.bookingId),
  };
}

function decisionWords(booking: BookingDecided, name: string): { title: string; sentence: string } {
  switch (booking.status) {
    case 'booked':
      return {
        title: 'Réservation acceptée',
        sentence: `Le service a accepté votre demande de réservation faite après le délai de prévenance : une place est réservée pour ${name}, ${activityOf(booking)}, ${slotOf(booking)}.`,
      };
    case 'waitlisted':
      return {
        title: "Demande acceptée, en liste d'attente",
        sentence: `Le service a accepté votre demande de réservation faite après le délai de prévenance pour ${activityOf(booking)}, ${slotOf(booking)}, mais il n'y a plus de place : ${name} est en liste d'attente et vous serez prévenu si une place se libère.`,
      };
    case 'refused':
      return {
        title: 'Réservation refusée',
        sentence: `Le service n'a pas accepté votre demande de réservation faite après le délai de prévenance pour ${activityOf(booking)}, ${slotOf(booking)} : cette date n'est pas réservée.`,
      };
  }
}

export function decidedMail(
  brand: MailBranding,
  recipient: BookingRecipient,
  booking: BookingDecided,
  child: BookingChild | undefined,
): RenderedMail {
  const name = child?.firstName ?? 'votre enfant';
  const { title, sentence } = decisionWords(booking, name);
  return render(brand, {
    subject: `${title} – ${name}, ${frenchWeekdayDate(booking.day)}`,
    heading: title.toUpperCase(),
    greetingName: recipient.firstName,
    paragraphs: [
      sentence,
      ...(booking.message ? [`Message du service :\n${booking.message}`] : []),
    ],
    action: { label: 'Voir mes réservations', url: bookingsLink(brand) },
  });
}

export function decidedNotice(
  brand: MailBranding,
  booking: BookingDecided,
  child: BookingChild | undefined,
): Notice {
  const { title, sentence } = decisionWords(booking, child?.firstName ?? 'votre enfant');
  return {
    title,
    body: booking.message ? `${sentence} Message du service : ${booking.message}` : sentence,
    link: bookingsLink(brand),
  };
}
