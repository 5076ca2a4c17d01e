import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { ActivityView, BookingView } from '@portail/contracts';
import type { TestSystem } from '@portail/testing';
import { accepted, anApplication, recordEnrolmentEvent } from '../support/fake-enrolment';
import { expectStatus, serviceOf, type Organisation } from '../support/directory-actors';
import type { Actor } from '../support/identity-actors';
import { api } from '../identity/directory-support';

/**
 * An activity of Vichy's catering service with one unit and one site, and children granted a
 * right to it through the fake enrolment producer: what the reservation specs start from.
 */
export interface BookableActivity {
  activity: ActivityView;
  unitId: string;
  siteId: string;
}

export async function aBookableActivity(
  system: TestSystem,
  agent: Actor,
  organisation: Organisation,
  unit: { kind: string; startsAt: string; endsAt: string; weekdays: number[]; label: string },
  capacity: number,
): Promise<BookableActivity> {
  const headers = agent.authorization;
  let activity = expectStatus(
    await api<ActivityView>(system, 'POST', '/agent/activities', {
      headers,
      body: {
        municipalServiceId: serviceOf(organisation, 'school-catering'),
        code: 'restauration-scolaire',
        name: 'Restauration scolaire',
      },
    }),
    201,
  );
  activity = expectStatus(
    await api<ActivityView>(system, 'POST', `/agent/activities/${activity.id}/units`, {
      headers,
      body: {
        code: 'repas',
        ...unit,
        noticePolicy: { booking: { kind: 'calendarDaysBefore', days: 1, at: '10:00' } },
      },
    }),
    201,
  );
  activity = expectStatus(
    await api<ActivityView>(system, 'POST', `/agent/activities/${activity.id}/sites`, {
      headers,
      body: { name: 'École Jules Ferry' },
    }),
    201,
  );
  const unitId = activity.units[0].id;
  const siteId = activity.sites[0].id;
  activity = expectStatus(
    await api<ActivityView>(system, 'PUT', `/agent/activities/${activity.id}/capacities`, {
      headers,
      body: { unitId, siteId, capacity },
    }),
    200,
  );
  return { activity, unitId, siteId };
}

/** A new child of `family`'s household with a catering right; resolves once reservation has it. */
export async function aChildWithARight(
  system: TestSystem,
  family: Actor,
  organisation: Organisation,
  firstName = 'Iris',
): Promise<string> {
  const childId = randomUUID();
  await recordEnrolmentEvent(
    system,
    'enrolment.application.accepted',
    accepted(
      anApplication({
        organisationId: organisation.id,
        municipalServiceId: serviceOf(organisation, 'school-catering'),
        householdId: family.accountId,
        child: { id: childId, firstName, lastName: 'Paillette' },
        recipients: [{ accountId: family.accountId, email: family.email, firstName: 'Camille' }],
      }),
    ),
  );
  const db = system.service('reservation').app.get(DataSource);
  const deadline = Date.now() + 20_000;
  for (;;) {
    const [{ n }] = await db.query<Array<{ n: number }>>(
      'SELECT count(*)::int AS n FROM booking_rights WHERE child_id = $1',
      [childId],
    );
    if (n > 0) return childId;
    if (Date.now() > deadline) throw new Error('Timed out waiting for the booking right');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function book(
  system: TestSystem,
  family: Actor,
  childId: string,
  place: BookableActivity,
  day: string,
): Promise<BookingView> {
  return expectStatus(
    await api<BookingView>(system, 'POST', `/children/${childId}/bookings`, {
      headers: family.authorization,
      body: { unitId: place.unitId, siteId: place.siteId, day },
    }),
    201,
  );
}
