import { randomUUID } from 'node:crypto';
import type { NotificationPage, RequestOutcome } from '@portail/contracts';
import type { TestSystem } from '@portail/testing';
import { aFamilyWithChildren, type Family } from '../enrolment/enrolment-support';
import {
  aBooking,
  aRequest,
  recordReservationEvent,
  startSystemWithFakeReservation,
} from '../support/fake-reservation';
import { postJson } from '../support/identity-actors';
import { SmtpCatcher, type CaughtMail } from './smtp-catcher';
import { eventually } from '../support/eventually';

const PORTAL_URL = 'https://portail.vichy-communaute.test';

/** Every day from `from` to `to` whose ISO weekday (1 = Monday) is in `weekdays`. */
function daysBetween(from: string, to: string, weekdays: number[]): string[] {
  const days: string[] = [];
  for (
    let date = new Date(`${from}T00:00:00Z`);
    date <= new Date(`${to}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() + 1)
  ) {
    if (weekdays.includes(date.getUTCDay() || 7)) days.push(date.toISOString().slice(0, 10));
  }
  return days;
}

const REPAS_UNIT = randomUUID();

const outcome = (
  day: string,
  status: RequestOutcome['status'],
  reason: string | null = null,
  unitLabel = 'Repas',
): RequestOutcome => ({
  day,
  unitId: REPAS_UNIT,
  unitCode: 'repas',
  unitLabel,
  status,
  reason,
  bookingId: status === 'refused' ? null : randomUUID(),
});

describe('notification: e-mails and notices of bookings', () => {
  let smtp: SmtpCatcher;
  let system: TestSystem;
  let family: Family;
  let childId: string;

  const mailTo = async (email: string, subjectStart: string): Promise<CaughtMail> => {
    const mail = await eventually(
      () => smtp.sentTo(email).find((candidate) => candidate.subject.startsWith(subjectStart)),
      `"${subjectStart}" to ${email}`,
    );
    return { ...mail, text: mail.text.replace(/\r\n/g, '\n') };
  };

  const handled = (eventId: string) =>
    eventually(
      async () =>
        (await system.query('notification', 'SELECT 1 FROM inbox WHERE event_id = $1', [eventId]))
          .length > 0,
      `event ${eventId} to be handled`,
    );

  const messagesOfEvent = (eventId: string) =>
    system.query<{ recipient: string; template: string }>(
      'notification',
      'SELECT recipient, template FROM outgoing_messages WHERE event_id = $1',
      [eventId],
    );

  /** The e-mail an event gave, as delivered (the stored body is blanked once sent). */
  const deliveredMailOf = async (eventId: string) => {
    const [row] = await system.query<{ id: string }>(
      'notification',
      'SELECT id FROM outgoing_messages WHERE event_id = $1',
      [eventId],
    );
    const mail = await eventually(
      () => smtp.mails.find((candidate) => candidate.headers['x-portail-message-id'] === row.id),
      `the e-mail of event ${eventId}`,
    );
    return { ...mail, text: mail.text.replace(/\r\n/g, '\n') };
  };

  const noticesOfEvent = (eventId: string) =>
    system.query<{ title: string; body: string; link: string; category: string }>(
      'notification',
      'SELECT title, body, link, category FROM notifications WHERE event_id = $1',
      [eventId],
    );

  /** The family's own request, or an agent's at the counter. */
  const ofTheFamily = (overrides: Parameters<typeof aRequest>[0] = {}) =>
    aRequest({ householdId: family.household.id, childId, ...overrides });

  const ofTheChild = (overrides: Parameters<typeof aBooking>[0] = {}) =>
    aBooking({ householdId: family.household.id, childId, ...overrides });

  beforeAll(async () => {
    smtp = new SmtpCatcher();
    const port = await smtp.listen();
    system = await startSystemWithFakeReservation(['identity', 'notification'], {
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      PORTAL_URL,
      MAIL_POLL_INTERVAL_MS: '60000',
    });
    family = await aFamilyWithChildren(system, [
      { firstName: 'Iris', lastName: 'Paillette', birthDate: '2018-05-04', schoolLevel: 'CE2' },
    ]);
    childId = family.household.children[0].id;
  });

  afterAll(async () => {
    await system?.close();
    await smtp?.close();
  });

  it('sums up a recurring request: every date by month with its outcome, in French', async () => {
    const request = ofTheFamily({
      outcomes: [
        // Mondays, Tuesdays, Thursdays and Fridays of the first two weeks of September.
        ...daysBetween('2026-09-01', '2026-09-11', [1, 2, 4, 5]).map((day) =>
          outcome(day, 'booked'),
        ),
        outcome('2026-10-01', 'waitlisted'),
        outcome('2026-08-31', 'pending'),
        outcome(
          '2026-10-19',
          'refused',
          'Vacances scolaires : le restaurant scolaire est fermé ce jour-là.',
        ),
        outcome(
          '2026-10-20',
          'refused',
          'Vacances scolaires : le restaurant scolaire est fermé ce jour-là.',
        ),
      ],
    });
    const event = await recordReservationEvent(system, 'reservation.request.recorded', request);
    const mail = await mailTo(family.actor.email, 'Nous avons bien enregistré votre demande');
    expect(mail.subject).toBe('Nous avons bien enregistré votre demande de réservation – Iris');
    expect(mail.text).toContain('NOUS AVONS BIEN ENREGISTRÉ VOTRE DEMANDE');
    expect(mail.text).toContain('Bonjour Camille,');
    expect(mail.text).toContain(
      'Votre demande de réservation pour Iris (la restauration scolaire) a bien été enregistrée.',
    );
    expect(mail.text).toContain(
      "En résumé : 7 dates réservées, 1 date en liste d'attente, 1 date en attente de la décision du service, 2 dates non réservées.",
    );
    expect(mail.text).toContain(
      'Réservé : 7 dates\n• septembre 2026 : mardi 1er, jeudi 3, vendredi 4, lundi 7, mardi 8, jeudi 10, vendredi 11',
    );
    expect(mail.text).toContain("En liste d'attente : 1 date");
    expect(mail.text).toContain('• octobre 2026 : jeudi 1er');
    expect(mail.text).toContain(
      'En attente de la décision du service : 1 date (demande faite après le délai de prévenance ; le service vous répondra)\n• août 2026 : lundi 31',
    );
    expect(mail.text).toContain(
      'Non réservé : 2 dates\nMotif : Vacances scolaires : le restaurant scolaire est fermé ce jour-là.\n• octobre 2026 : lundi 19, mardi 20',
    );
    expect(mail.text).toContain(`Voir mes réservations : ${PORTAL_URL}/reservations`);
    expect(mail.html).toContain('mardi 1er, jeudi 3');
    expect(mail.html).toContain('<br>• septembre 2026');

    await handled(event.id);
    expect(await noticesOfEvent(event.id)).toEqual([
      {
        category: 'bookings',
        title: 'Demande de réservation enregistrée',
        body: "Iris, la restauration scolaire : 7 dates réservées, 1 date en liste d'attente, 1 date en attente de la décision du service, 2 dates non réservées.",
        link: `${PORTAL_URL}/reservations`,
      },
    ]);
    expect(await messagesOfEvent(event.id)).toEqual([
      { recipient: family.actor.email, template: 'booking-request-recorded' },
    ]);
  });

  it('keeps a year of 1,000 outcomes readable: runs shortened, a few reasons, the rest dates only', async () => {
    const days = daysBetween('2026-09-01', '2027-08-31', [1, 2, 3, 4, 5, 6, 7]).slice(0, 340);
    const outcomes: RequestOutcome[] = [];
    for (const unit of ['Repas', 'Accueil du matin']) {
      for (const day of days) outcomes.push(outcome(day, 'booked', null, unit));
    }
    // 320 refusals, each naming its own deadline: their reasons cannot all be listed.
    for (const day of days.slice(0, 320)) {
      outcomes.push(
        outcome(day, 'refused', `Le délai de réservation était dépassé (${day}).`, 'Garderie'),
      );
    }
    expect(outcomes).toHaveLength(1000);
    const request = ofTheFamily({ activityName: 'Accueils périscolaires', outcomes });
    const event = await recordReservationEvent(system, 'reservation.request.recorded', request);
    await handled(event.id);
    const row = await deliveredMailOf(event.id);
    expect(row.text).toContain(
      "Votre demande de réservation pour Iris (l'activité « Accueils périscolaires ») a bien été enregistrée.",
    );
    expect(row.text).toContain('• Repas – septembre 2026 : du mardi 1er au mercredi 30');
    expect(row.text).toContain('• Accueil du matin – août 2027 : du dimanche 1er au vendredi 6');
    expect(row.text).toContain(
      'Pour 310 autres dates, le motif est indiqué dans votre espace personnel :',
    );
    expect(row.text.match(/^Motif : /gm)).toHaveLength(10);
    expect(row.text.length).toBeLessThan(12_000);
  });

  it('says that the service booked at the counter', async () => {
    const request = ofTheFamily({
      kind: 'counter',
      onBehalf: true,
      deadlineOverridden: true,
      childFirstName: 'Iris',
      outcomes: [outcome('2026-09-03', 'booked')],
    });
    const event = await recordReservationEvent(system, 'reservation.request.recorded', request);
    await handled(event.id);
    const row = await deliveredMailOf(event.id);
    expect(row.text).toContain(
      "Le service a enregistré au guichet, pour votre compte, une demande de réservation d'Iris pour la restauration scolaire.",
    );
    expect(row.text).toContain(
      'Le service a accepté ces dates en dehors des délais de prévenance.',
    );
    expect((await noticesOfEvent(event.id))[0].title).toBe(
      'Réservation enregistrée par le service',
    );
  });

  it('offers a freed place until its deadline, in Paris time, with a link to confirm', async () => {
    const booking = { ...ofTheChild(), offerExpiresAt: '2026-09-01T08:30:00.000Z' };
    await recordReservationEvent(system, 'reservation.booking.offered', booking);
    const mail = await mailTo(family.actor.email, "Une place s'est libérée pour Iris");
    expect(mail.subject).toBe(
      "Une place s'est libérée pour Iris – à confirmer avant le 1er septembre 2026 à 10 h 30",
    );
    expect(mail.text).toContain(
      "Iris était en liste d'attente pour les mercredis au centre de loisirs, le mercredi 2 septembre 2026 (Journée avec repas) : une place s'est libérée et lui est proposée.",
    );
    expect(mail.text).toContain("Elle lui est gardée jusqu'au 1er septembre 2026 à 10 h 30.");
    expect(mail.text).toContain('le paiement vous sera demandé à la confirmation');
    const link = `${PORTAL_URL}/reservations/${booking.bookingId}/confirmer`;
    expect(mail.text).toContain(`Confirmer la place : ${link}`);
    expect(mail.html).toContain(`href="${link}"`);
  });

  it('tells an expired offer by e-mail, a declined one in the notices only', async () => {
    const expired = { ...ofTheChild({ day: '2026-09-09' }), outcome: 'expired' as const };
    await recordReservationEvent(system, 'reservation.booking.offer-lapsed', expired);
    const mail = await mailTo(family.actor.email, "La place proposée à Iris n'a pas été confirmée");
    expect(mail.text).toContain(
      "La place proposée à Iris pour les mercredis au centre de loisirs, le mercredi 9 septembre 2026 (Journée avec repas), n'a pas été confirmée avant l'échéance : elle est passée à l'enfant suivant de la liste d'attente.",
    );

    const declined = { ...ofTheChild({ day: '2026-09-16' }), outcome: 'declined' as const };
    const event = await recordReservationEvent(
      system,
      'reservation.booking.offer-lapsed',
      declined,
    );
    await handled(event.id);
    expect(await messagesOfEvent(event.id)).toEqual([]);
    expect(await noticesOfEvent(event.id)).toMatchObject([{ title: 'Place refusée' }]);
  });

  it('announces a promotion from the waiting list', async () => {
    const booking = ofTheChild({ day: '2026-09-23' });
    await recordReservationEvent(system, 'reservation.booking.promoted', booking);
    const mail = await mailTo(family.actor.email, 'Iris a une place');
    expect(mail.subject).toBe('Iris a une place – mercredi 23 septembre 2026');
    expect(mail.text).toContain(
      "Une place s'est libérée : Iris quitte la liste d'attente et a maintenant une place réservée pour les mercredis au centre de loisirs, le mercredi 23 septembre 2026 (Journée avec repas).",
    );
    expect(mail.text).toContain(`${PORTAL_URL}/reservations/${booking.bookingId}`);
  });

  it("gives the agent's decision on a late request, with its message", async () => {
    const refused = {
      ...ofTheChild({ day: '2026-10-07' }),
      decision: 'refuse' as const,
      status: 'refused' as const,
      decidedBy: family.actor.accountId,
      message: "Le groupe est complet ce jour-là, faute d'animateur.",
    };
    await recordReservationEvent(system, 'reservation.booking.decided', refused);
    const mail = await mailTo(family.actor.email, 'Réservation refusée');
    expect(mail.subject).toBe('Réservation refusée – Iris, mercredi 7 octobre 2026');
    expect(mail.text).toContain(
      "Le service n'a pas accepté votre demande de réservation faite après le délai de prévenance pour les mercredis au centre de loisirs, le mercredi 7 octobre 2026 (Journée avec repas) : cette date n'est pas réservée.",
    );
    expect(mail.text).toContain(
      "Message du service :\nLe groupe est complet ce jour-là, faute d'animateur.",
    );

    const accepted = {
      ...ofTheChild({ day: '2026-10-14' }),
      decision: 'accept' as const,
      status: 'booked' as const,
      decidedBy: family.actor.accountId,
    };
    await recordReservationEvent(system, 'reservation.booking.decided', accepted);
    const booked = await mailTo(family.actor.email, 'Réservation acceptée');
    expect(booked.text).toContain('une place est réservée pour Iris');
    expect(booked.text).not.toContain('Message du service');
  });

  it("respects the opt-out of 'bookings' e-mails (the notice stays) and ignores an unknown household", async () => {
    const other = await aFamilyWithChildren(system, [
      { firstName: 'Hugo', birthDate: '2019-02-01' },
    ]);
    const update = await postJson(
      system,
      '/me/notification-preferences',
      { emails: { bookings: false } },
      other.actor.authorization,
      'PUT',
    );
    expect(update.status).toBe(200);
    const promoted = await recordReservationEvent(
      system,
      'reservation.booking.promoted',
      aBooking({ householdId: other.household.id, childId: other.household.children[0].id }),
    );
    await handled(promoted.id);
    expect(await messagesOfEvent(promoted.id)).toEqual([]);
    const notices = await fetch(`${system.gatewayUrl}/api/v1/notifications?pageSize=100`, {
      headers: other.actor.authorization,
    });
    expect(((await notices.json()) as NotificationPage).items[0]).toMatchObject({
      category: 'bookings',
      title: 'Place obtenue',
    });

    const nobody = await recordReservationEvent(system, 'reservation.booking.promoted', aBooking());
    await handled(nobody.id);
    expect(await messagesOfEvent(nobody.id)).toEqual([]);
    expect(await noticesOfEvent(nobody.id)).toEqual([]);
  });
});
