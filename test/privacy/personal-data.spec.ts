import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import {
  PersonalDataSubjects,
  type ActivityView,
  type ApplicationView,
  type Caller,
  type DocumentView,
  type ProcedureView,
} from '@portail/contracts';
import { Clock, DomainException, ServiceRequester } from '@portail/service-kit';
import type { TestSystem } from '@portail/testing';
import { api } from '../identity/directory-support';
import {
  aFamilyWithChildren,
  anAgent,
  anOrganisation,
  aPdf,
  aProcedure,
  eventually,
  expectStatus,
  serviceOf,
  startDraft,
  submit,
  uploadDocument,
  type Agent,
  type Family,
  type Organisation,
} from '../enrolment/enrolment-support';
import { aFamily, anAdmin, type Actor } from '../support/identity-actors';
import { A_MEAL_UNIT } from '../support/reservation-fixture';
import { startSystem } from '../support/services';

/** Monday 7 December 2026, 9:00 in Paris: reservation's clock. */
const MONDAY = new Date('2026-12-07T08:00:00Z');

const FORM = {
  fields: [
    {
      key: 'allergies',
      type: 'yes-no',
      label: 'Votre enfant a-t-il des allergies ?',
      required: true,
    },
    { key: 'allergy-details', type: 'text', label: 'Précisez les allergies', required: false },
  ],
};

/** A ZIP as the test reads it: its entries' names and their bytes, through the system's unzip. */
class Zip {
  private constructor(
    private readonly dir: string,
    private readonly file: string,
  ) {}

  static of(bytes: Buffer): Zip {
    const dir = mkdtempSync(join(tmpdir(), 'portail-zip-'));
    const file = join(dir, 'archive.zip');
    writeFileSync(file, bytes);
    return new Zip(dir, file);
  }

  names(): string[] {
    return execFileSync('unzip', ['-Z1', this.file], { encoding: 'utf8' }).trim().split('\n');
  }

  bytes(name: string): Buffer {
    return execFileSync('unzip', ['-p', this.file, name], { maxBuffer: 64 * 1024 * 1024 });
  }

  json<T>(name: string): T {
    return JSON.parse(this.bytes(name).toString('utf8')) as T;
  }

  /** Every entry's bytes, as text, for what must never appear. */
  everything(): string {
    return this.names()
      .map((name) => this.bytes(name).toString('latin1'))
      .join('\n');
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

interface EnrolmentFile {
  exportedAt: string;
  applications: ApplicationView[];
  documents: Array<DocumentView & { hiddenFromList: boolean }>;
  'document-accesses': Array<{ documentId: string; action: string; actorKind: string }>;
}

interface ReservationFile {
  'booking-rights': Array<{ childId: string; childFirstName: string; activityCode: string }>;
  bookings: Array<{ childId: string; day: string; status: string; activityName: string }>;
  'calendar-feeds': Array<{ childId: string }>;
}

/**
 * Issue 17, item 2: the personal-data export holds every service's part (one ZIP, with the
 * supporting documents' files), and an account's closure reaches every service. Real identity,
 * enrolment, reservation, billing and notification behind the gateway.
 */
describe('personal data: one export across every service, and the closure reaching them all', () => {
  let system: TestSystem;
  let admin: Actor;
  let vichy: Organisation;
  let agent: Agent;
  let catering: ActivityView;
  let procedure: ProcedureView;
  let family: Family;
  let neighbour: Family;
  let proofBytes: Buffer;
  let proof: DocumentView;
  let application: ApplicationView;
  const invoiceId = randomUUID();

  const db = (service: string) => system.service(service).app.get(DataSource);

  async function download(actor: Actor): Promise<Response> {
    return fetch(`${system.gatewayUrl}/api/v1/me/personal-data.zip`, {
      headers: actor.authorization,
    });
  }

  async function archiveOf(actor: Actor): Promise<Zip> {
    const response = await download(actor);
    const body = Buffer.from(await response.arrayBuffer());
    if (response.status !== 200) throw new Error(`${response.status}: ${body.toString()}`);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="donnees-personnelles-\d{4}-\d{2}-\d{2}\.zip"/,
    );
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    return Zip.of(body);
  }

  /** An accepted catering application for the family's first child, with a document and answers. */
  async function anAcceptedApplication(
    who: Family,
    bytes: Buffer,
    details: string,
  ): Promise<{ application: ApplicationView; document: DocumentView }> {
    const child = who.household.children[0];
    const document = expectStatus(
      await uploadDocument(system, who.actor, bytes, {
        documentType: 'justificatif-de-domicile',
        fileName: 'facture-edf.pdf',
      }),
      201,
    );
    const draft = expectStatus(
      await startDraft(system, who, {
        procedureId: procedure.id,
        childId: child.id,
        answers: { allergies: true, 'allergy-details': details },
      }),
      201,
    );
    expectStatus(
      await api(system, 'PATCH', `/me/applications/${draft.id}`, {
        headers: who.actor.authorization,
        body: {
          documents: [{ documentType: 'justificatif-de-domicile', documentId: document.id }],
        },
      }),
      200,
    );
    expectStatus(await submit(system, who.actor, draft.id), 200);
    const accepted = expectStatus(
      await api<ApplicationView>(system, 'POST', `/agent/applications/${draft.id}/decision`, {
        headers: agent.actor.authorization,
        body: { decision: 'accept', message: 'Bienvenue au restaurant scolaire.' },
      }),
      200,
    );
    // The agent reads the document: a staff access the family sees in its export.
    expectStatus(
      await api(system, 'GET', `/agent/documents/${document.id}`, {
        headers: agent.actor.authorization,
      }),
      200,
    );
    await eventually(
      async () =>
        (
          await api(system, 'GET', `/children/${child.id}/slots?month=2026-12`, {
            headers: who.actor.authorization,
          })
        ).status === 200 || undefined,
      'the booking right',
    );
    expectStatus(
      await api(system, 'POST', `/children/${child.id}/bookings`, {
        headers: who.actor.authorization,
        body: { unitId: catering.units[0].id, siteId: catering.sites[0].id, day: '2026-12-10' },
      }),
      201,
    );
    return { application: accepted, document };
  }

  beforeAll(async () => {
    system = await startSystem(
      ['identity', 'enrolment', 'reservation', 'billing', 'notification'],
      {
        RATE_LIMIT_PER_MINUTE: '100000',
      },
    );
    jest.spyOn(system.service('reservation').app.get(Clock), 'now').mockReturnValue(MONDAY);
    admin = await anAdmin(system);
    vichy = await anOrganisation(system, admin, 'Vichy', ['school-catering']);
    agent = await anAgent(system, admin, vichy, ['school-catering']);
    catering = expectStatus(
      await api<ActivityView>(system, 'POST', '/agent/activities', {
        headers: agent.actor.authorization,
        body: {
          municipalServiceId: serviceOf(vichy, 'school-catering'),
          code: 'restauration-scolaire',
          name: 'Restauration scolaire',
        },
      }),
      201,
    );
    catering = expectStatus(
      await api<ActivityView>(system, 'POST', `/agent/activities/${catering.id}/units`, {
        headers: agent.actor.authorization,
        body: A_MEAL_UNIT,
      }),
      201,
    );
    catering = expectStatus(
      await api<ActivityView>(system, 'POST', `/agent/activities/${catering.id}/sites`, {
        headers: agent.actor.authorization,
        body: { name: 'École Jules Ferry' },
      }),
      201,
    );
    expectStatus(
      await api(system, 'PUT', `/agent/activities/${catering.id}/capacities`, {
        headers: agent.actor.authorization,
        body: { unitId: catering.units[0].id, siteId: catering.sites[0].id, capacity: 30 },
      }),
      200,
    );
    procedure = await aProcedure(system, agent, {
      municipalServiceId: serviceOf(vichy, 'school-catering'),
      title: 'Inscription à la restauration scolaire',
      form: FORM as ProcedureView['form'],
      requiredDocuments: [{ documentType: 'justificatif-de-domicile', required: true }],
      grant: {
        kind: 'activity-booking',
        activityCode: 'restauration-scolaire',
        activityName: 'Restauration scolaire',
      },
    });
    family = await aFamilyWithChildren(
      system,
      [{ firstName: 'Léa', birthDate: '2018-03-12', schoolLevel: 'CE2' }],
      { organisationId: vichy.id },
      'Durand',
    );
    neighbour = await aFamilyWithChildren(
      system,
      [{ firstName: 'Zoéline', birthDate: '2017-06-02', schoolLevel: 'CM1' }],
      { organisationId: vichy.id },
      'Voisinard',
    );
    // Larger than one part (512 KiB): the file comes back through several parts.
    proofBytes = Buffer.concat([aPdf('EDF Durand'), Buffer.alloc(700 * 1024, 0x41)]);
    ({ application, document: proof } = await anAcceptedApplication(
      family,
      proofBytes,
      'Arachide, PAI en cours',
    ));
    await anAcceptedApplication(neighbour, aPdf('VOISIN-SECRET'), 'Gluten chez les Voisinard');
    expectStatus(
      await api(system, 'POST', `/children/${family.household.children[0].id}/calendar-feed`, {
        headers: family.actor.authorization,
      }),
      201,
    );
    // Notices of the submission and acceptance, and billing's copy of the household.
    await eventually(async () => {
      const [{ n }] = await db('notification').query<Array<{ n: number }>>(
        'SELECT count(*)::int AS n FROM notifications WHERE account_id = $1',
        [family.actor.accountId],
      );
      return n >= 2 || undefined;
    }, 'the family notices');
    await eventually(async () => {
      const rows = await db('billing').query<unknown[]>('SELECT 1 FROM households WHERE id = $1', [
        family.household.id,
      ]);
      return rows.length > 0 || undefined;
    }, "billing's copy of the household");
    // An invoice of the household, as a billing run issues it (runs are billing's own spec).
    const billing = db('billing');
    const regieId = randomUUID();
    await billing.query(
      `INSERT INTO regies (id, organisation_id, name, municipal_service_ids,
         resident_organisation_ids, treasury_address, payfip_collectivity_number,
         debt_reference_format, due_date_rule, payment_methods)
       VALUES ($1, $2, 'Affaires Scolaires de Vichy', $3, $4, '{}', '000070', '{year}-{number}',
         '{"kind":"days-after-issue","days":30}', '{}')`,
      [regieId, vichy.id, [serviceOf(vichy, 'school-catering')], [vichy.id]],
    );
    await billing.query(
      `INSERT INTO invoices (id, regie_id, year, number, household_id, month, kind, issued_on,
         due_on, total_cents, family_file_number, debt_reference, addressee, issued_by, issued_at)
       VALUES ($1, $2, 2026, 1, $3, '2026-11', 'post-billing', '2026-12-01', '2026-12-31', 640, 1,
         '2026-000001', '{"name":"DURAND Camille","addressLines":["12 rue de Paris"]}', $4, now())`,
      [invoiceId, regieId, family.household.id, agent.actor.accountId],
    );
    await billing.query(
      `INSERT INTO invoice_lines (invoice_id, position, child_id, child_name, kind, label,
         quantity, unit_price_cents, amount_cents)
       VALUES ($1, 1, $2, 'DURAND Léa', 'present', 'Repas', 2, 320, 640)`,
      [invoiceId, family.household.children[0].id],
    );
  }, 240_000);

  afterAll(async () => {
    jest.restoreAllMocks();
    await system?.close();
  });

  it('downloads one ZIP with every service part, the README and the documents bytes', async () => {
    const zip = await archiveOf(family.actor);
    try {
      const documentEntry = `documents/${proof.id}-facture-edf.pdf`;
      expect(zip.names().sort()).toEqual(
        [
          'README.txt',
          'compte-et-foyer.json',
          'demarches.json',
          'facturation.json',
          'notifications.json',
          'reservations.json',
          documentEntry,
        ].sort(),
      );
      expect(zip.bytes('README.txt').toString('utf8')).toContain(
        'Vos données personnelles sur le Portail Famille',
      );
      expect(zip.bytes(documentEntry).equals(proofBytes)).toBe(true);

      const identity = zip.json<{ account: { id: string }; household: { id: string } }>(
        'compte-et-foyer.json',
      );
      expect(identity.account.id).toBe(family.actor.accountId);
      expect(identity.household.id).toBe(family.household.id);

      const enrolment = zip.json<EnrolmentFile>('demarches.json');
      expect(enrolment.applications).toHaveLength(1);
      expect(enrolment.applications[0]).toMatchObject({
        id: application.id,
        status: 'accepted',
        answers: { allergies: true, 'allergy-details': 'Arachide, PAI en cours' },
      });
      expect(enrolment.applications[0].history.map((entry) => entry.status)).toEqual([
        'draft',
        'submitted',
        'accepted',
      ]);
      expect(enrolment.documents).toEqual([
        expect.objectContaining({ id: proof.id, size: proofBytes.length, hiddenFromList: false }),
      ]);
      expect(enrolment['document-accesses']).toEqual([
        expect.objectContaining({ documentId: proof.id, action: 'metadata', actorKind: 'agent' }),
      ]);

      const reservation = zip.json<ReservationFile>('reservations.json');
      const childId = family.household.children[0].id;
      expect(reservation['booking-rights']).toEqual([
        expect.objectContaining({ childId, childFirstName: 'Léa' }),
      ]);
      expect(reservation.bookings).toEqual([
        expect.objectContaining({
          childId,
          day: '2026-12-10',
          status: 'booked',
          activityName: 'Restauration scolaire',
        }),
      ]);
      expect(reservation['calendar-feeds']).toEqual([expect.objectContaining({ childId })]);
      expect(JSON.stringify(reservation)).not.toMatch(/token/i);

      const billing = zip.json<{
        household: Array<{ id: string }>;
        invoices: Array<{ id: string; totalCents: number; lines: Array<{ label: string }> }>;
      }>('facturation.json');
      expect(billing.household).toEqual([expect.objectContaining({ id: family.household.id })]);
      expect(billing.invoices).toEqual([
        expect.objectContaining({
          id: invoiceId,
          totalCents: 640,
          lines: [expect.objectContaining({ label: 'Repas', amountCents: 640 })],
          addressee: { name: 'DURAND Camille', addressLines: ['12 rue de Paris'] },
        }),
      ]);

      const notification = zip.json<{
        notices: Array<{ title: string }>;
        emails: Array<{ recipient: string; html?: string }>;
      }>('notifications.json');
      expect(notification.notices.length).toBeGreaterThanOrEqual(2);
      expect(notification.emails.length).toBeGreaterThanOrEqual(1);
      expect(notification.emails.every((email) => email.recipient === family.actor.email)).toBe(
        true,
      );
      expect(notification.emails[0].html).toBeUndefined();

      // Nothing of the other family.
      const everything = zip.everything();
      expect(everything).not.toContain(neighbour.household.id);
      expect(everything).not.toContain('Voisinard');
      expect(everything).not.toContain('Zoéline');
      expect(everything).not.toContain('VOISIN-SECRET');
      expect(everything).not.toContain(neighbour.actor.email);
    } finally {
      zip.remove();
    }
  });

  it("gives a service another household's id nothing: ownership is checked in each service", async () => {
    const caller: Caller = { kind: 'family', accountId: family.actor.accountId };
    const requester = system.service('billing').app.get(ServiceRequester);
    const other = { householdId: neighbour.household.id };
    await expect(
      requester.request(PersonalDataSubjects.enrolment, other, { caller }),
    ).rejects.toBeInstanceOf(DomainException);
    for (const subject of [PersonalDataSubjects.reservation, PersonalDataSubjects.billing]) {
      let cursor: { section?: string; offset?: number } = {};
      for (;;) {
        const part = await requester.request(subject, { ...other, ...cursor }, { caller });
        // The caller's own calendar feeds go by its account, whatever the household named.
        if (part.section !== 'calendar-feeds') expect(part.items).toEqual([]);
        if (!part.next) break;
        cursor = part.next;
      }
    }
  });

  it('gives a new account without a household its account and empty parts', async () => {
    const zip = await archiveOf(await aFamily(system));
    try {
      expect(zip.names()).toHaveLength(6);
      expect(zip.json<{ household: unknown }>('compte-et-foyer.json').household).toBeNull();
      expect(zip.json<EnrolmentFile>('demarches.json')).toMatchObject({
        applications: [],
      });
      expect(zip.json<ReservationFile>('reservations.json')).toMatchObject({ bookings: [] });
    } finally {
      zip.remove();
    }
  });

  it('is for families, signed in', async () => {
    expect((await fetch(`${system.gatewayUrl}/api/v1/me/personal-data.zip`)).status).toBe(401);
    expect((await download(agent.actor)).status).toBe(403);
  });

  it('closure reaches every service: anonymised, future bookings cancelled, feeds revoked', async () => {
    const childId = family.household.children[0].id;
    expectStatus(
      await api(system, 'POST', '/me/close', {
        headers: family.actor.authorization,
        body: { confirm: true, password: family.actor.password },
      }),
      200,
    );
    await eventually(async () => {
      const [row] = await db('enrolment').query<
        Array<{ child: { firstName: string; birthDate: string }; answers: object; status: string }>
      >('SELECT child, answers, status FROM applications WHERE id = $1', [application.id]);
      return row.child.firstName === 'Anonyme' ? row : undefined;
    }, "enrolment's anonymisation").then((row) => {
      expect(row).toMatchObject({
        answers: {},
        status: 'withdrawn',
        child: { firstName: 'Anonyme', birthDate: '2018-01-01' },
      });
    });
    const enrolment = db('enrolment');
    // The service learns the place is free, without a name and with nobody to notify.
    const [withdrawal] = await enrolment.query<
      Array<{ envelope: { payload: { child: { firstName: string }; recipients: unknown[] } } }>
    >(
      "SELECT envelope FROM outbox WHERE type = 'enrolment.application.withdrawn' AND aggregate_id = $1",
      [application.id],
    );
    expect(withdrawal.envelope.payload).toMatchObject({
      child: { firstName: 'Anonyme' },
      recipients: [],
      previousStatus: 'accepted',
    });
    expect(
      await enrolment.query('SELECT id FROM documents WHERE household_id = $1', [
        family.household.id,
      ]),
    ).toEqual([]);
    expect(await enrolment.query('SELECT 1 FROM document_blobs')).toHaveLength(1); // the neighbour's
    const [neighbourApplication] = await enrolment.query<Array<{ answers: object }>>(
      'SELECT answers FROM applications WHERE household_id = $1',
      [neighbour.household.id],
    );
    expect(neighbourApplication.answers).toEqual({
      allergies: true,
      'allergy-details': 'Gluten chez les Voisinard',
    });

    const reservation = db('reservation');
    const rights = await eventually(async () => {
      const rows = await reservation.query<
        Array<{ child_first_name: string; account_ids: string[]; ended_on: string | null }>
      >(
        'SELECT child_first_name, account_ids, ended_on::text AS ended_on FROM booking_rights WHERE child_id = $1',
        [childId],
      );
      return rows[0]?.child_first_name === 'Anonyme' ? rows : undefined;
    }, "reservation's anonymisation");
    expect(rights).toEqual([
      { child_first_name: 'Anonyme', account_ids: [], ended_on: '2026-12-07' },
    ]);
    expect(
      await reservation.query('SELECT status FROM bookings WHERE child_id = $1', [childId]),
    ).toEqual([{ status: 'cancelled' }]);
    expect(
      await reservation.query('SELECT 1 FROM calendar_feeds WHERE child_id = $1', [childId]),
    ).toEqual([]);
    const [{ places }] = await reservation.query<Array<{ places: number }>>(
      "SELECT booked AS places FROM slot_counters WHERE day = '2026-12-10'",
    );
    expect(places).toBe(1); // the neighbour's child only

    const billing = db('billing');
    const guardians = await eventually(async () => {
      const [row] = await billing.query<Array<{ guardians: Array<{ accountId: string | null }> }>>(
        'SELECT guardians FROM households WHERE id = $1',
        [family.household.id],
      );
      return row.guardians.every((guardian) => guardian.accountId === null)
        ? row.guardians
        : undefined;
    }, "billing's account ids dropped");
    expect(guardians.length).toBeGreaterThan(0);
    // Invoices are accounting documents: kept as issued.
    expect(
      await billing.query('SELECT addressee FROM invoices WHERE id = $1', [invoiceId]),
    ).toEqual([{ addressee: { name: 'DURAND Camille', addressLines: ['12 rue de Paris'] } }]);

    await eventually(async () => {
      const rows = await db('notification').query<unknown[]>(
        'SELECT 1 FROM notifications WHERE account_id = $1',
        [family.actor.accountId],
      );
      return rows.length === 0 || undefined;
    }, "notification's notices deleted");
  });

  it('aborts the transfer when a file cannot be read on the way: never a ZIP that looks whole', async () => {
    // The neighbour's document bytes vanish from the storage after the listing.
    await db('enrolment').query(
      'DELETE FROM document_blobs WHERE storage_key IN (SELECT storage_key FROM documents WHERE household_id = $1)',
      [neighbour.household.id],
    );
    const transfer = (async () => {
      const response = await download(neighbour.actor);
      await response.arrayBuffer();
      return response.status;
    })();
    await expect(transfer).rejects.toThrow();
  });

  it('answers 503 problem+json, never a partial archive, while a service is down', async () => {
    // Last: billing stays down. The neighbour's account is still open.
    await system.stopService('billing');
    const response = await download(neighbour.actor);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(((await response.json()) as { code: string }).code).toBe('SERVICE_UNAVAILABLE');
  });
});
