import { Clock } from '@portail/service-kit';
import type { BookingView } from '@portail/contracts';
import type { TestSystem } from '@portail/testing';
import { startSystemWithFakeEnrolment } from '../support/fake-enrolment';
import { anAgent, anOrganisation, expectStatus } from '../support/directory-actors';
import { aFamily, anAdmin } from '../support/identity-actors';
import { api } from '../identity/directory-support';
import { aBookableActivity, aChildWithARight, book } from './reservation-fixture';

const DAY = '2026-10-08';

describe("waiting-list positions on the family's bookings", () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startSystemWithFakeEnrolment(['identity', 'reservation'], {
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    jest
      .spyOn(system.service('reservation').app.get(Clock), 'now')
      .mockReturnValue(new Date('2026-09-20T08:00:00Z'));
  }, 180_000);

  afterAll(async () => {
    jest.restoreAllMocks();
    await system?.close();
  });

  it('says each waiting child its rank in request order, and moves it up when a place frees', async () => {
    const admin = await anAdmin(system);
    const vichy = await anOrganisation(system, admin, 'Vichy', ['school-catering']);
    const agent = await anAgent(system, admin, vichy, ['school-catering']);
    const family = await aFamily(system);
    const neighbour = await aFamily(system);
    const place = await aBookableActivity(
      system,
      agent.actor,
      vichy,
      { kind: 'meal', label: 'Repas', startsAt: '11:30', endsAt: '13:30', weekdays: [1, 2, 4, 5] },
      1,
    );
    const iris = await aChildWithARight(system, family, vichy, 'Iris');
    const jules = await aChildWithARight(system, family, vichy, 'Jules');
    const leo = await aChildWithARight(system, neighbour, vichy, 'Léo');
    const nina = await aChildWithARight(system, family, vichy, 'Nina');
    const booked = await book(system, family, iris, place, DAY);
    expect(booked.status).toBe('booked');
    for (const child of [jules, leo, nina]) {
      const who = child === leo ? neighbour : family;
      expect((await book(system, who, child, place, DAY)).status).toBe('waitlisted');
    }

    const mine = async () =>
      expectStatus(
        await api<BookingView[]>(system, 'GET', `/me/bookings?from=${DAY}`, {
          headers: family.authorization,
        }),
        200,
      ).map(({ childFirstName, status, waitingPosition, waitingPositionText }) => ({
        childFirstName,
        status,
        waitingPosition,
        waitingPositionText,
      }));
    expect(await mine()).toEqual([
      {
        childFirstName: 'Iris',
        status: 'booked',
        waitingPosition: null,
        waitingPositionText: null,
      },
      {
        childFirstName: 'Jules',
        status: 'waitlisted',
        waitingPosition: 1,
        waitingPositionText: "1er sur la liste d'attente",
      },
      {
        childFirstName: 'Nina',
        status: 'waitlisted',
        waitingPosition: 3,
        waitingPositionText: "3e sur la liste d'attente",
      },
    ]);

    expectStatus(
      await api(system, 'DELETE', `/bookings/${booked.id}`, { headers: family.authorization }),
      200,
    );
    const after = await mine();
    expect(after.find((b) => b.childFirstName === 'Jules')?.status).toBe('booked');
    expect(after.find((b) => b.childFirstName === 'Nina')).toEqual({
      childFirstName: 'Nina',
      status: 'waitlisted',
      waitingPosition: 2,
      waitingPositionText: "2e sur la liste d'attente",
    });
  });
});
