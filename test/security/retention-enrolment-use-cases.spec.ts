/**
 * Issue 16, enrolment's purge on rows its own use cases made (through the gateway, with identity):
 * a family's draft and uploaded supporting documents. Judged by enrolment's Clock moved ahead: an
 * untouched draft goes after DRAFT_APPLICATIONS_RETENTION_DAYS, a document whose validity ended
 * goes EXPIRED_DOCUMENTS_RETENTION_DAYS later with its bytes (its download then answers 404), a
 * document without end of validity stays (the family's own space).
 */
import { Clock, RetentionJob } from '@portail/service-kit';
import type { TestSystem } from '@portail/testing';
import { api } from '../identity/directory-support';
import { anAdmin } from '../support/identity-actors';
import { startSystem } from '../support/services';
import {
  aFamilyWithChildren,
  anAgent,
  anOrganisation,
  aPdf,
  aProcedure,
  expectStatus,
  serviceOf,
  startDraft,
  uploadDocument,
  type Family,
} from '../enrolment/enrolment-support';

const DAY_MS = 86_400_000;

/** A day in Paris, `days` from today (YYYY-MM-DD). */
const dayIn = (days: number) =>
  new Date(Date.now() + days * DAY_MS).toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });

describe('retention in enrolment, on rows its use cases made', () => {
  let system: TestSystem;
  let family: Family;
  let draftId: string;
  let expiringId: string;
  let permanentId: string;

  /** Runs enrolment's purge as if it were `days` from now. */
  async function purgeIn(days: number): Promise<void> {
    const app = system.service('enrolment').app;
    const clock = jest
      .spyOn(app.get(Clock, { strict: false }), 'now')
      .mockReturnValue(new Date(Date.now() + days * DAY_MS));
    try {
      expect(await app.get(RetentionJob, { strict: false }).runOnce()).toMatchObject({
        ran: true,
      });
    } finally {
      clock.mockRestore();
    }
  }

  const exists = async (table: string, id: string) =>
    (await system.query('enrolment', `SELECT 1 FROM ${table} WHERE id = $1`, [id])).length === 1;

  const download = (id: string) =>
    fetch(`${system.gatewayUrl}/api/v1/me/documents/${id}/content`, {
      headers: family.actor.authorization,
    });

  beforeAll(async () => {
    system = await startSystem(['identity', 'enrolment'], { RETENTION_JOB_ENABLED: 'false' });
    const admin = await anAdmin(system);
    const vichy = await anOrganisation(system, admin, 'Vichy', ['school-catering']);
    const agent = await anAgent(system, admin, vichy, ['school-catering']);
    family = await aFamilyWithChildren(system, [{ firstName: 'Léa', birthDate: '2018-04-02' }]);
    const procedure = await aProcedure(system, agent, {
      municipalServiceId: serviceOf(vichy, 'school-catering'),
    });
    const draft = await startDraft(system, family, {
      procedureId: procedure.id,
      childId: family.household.children[0].id,
      answers: {},
    });
    draftId = expectStatus(draft, 201).id;
    const upload = (fileName: string, validUntil?: string) =>
      uploadDocument(system, family.actor, aPdf(fileName), {
        documentType: 'justificatif-de-domicile',
        fileName,
        ...(validUntil && { validUntil }),
      });
    expiringId = expectStatus(await upload('facture-edf.pdf', dayIn(10)), 201).id;
    permanentId = expectStatus(await upload('livret-de-famille.pdf'), 201).id;
  }, 120_000);

  afterAll(async () => {
    await system?.close();
  });

  it('keeps everything while nothing is past its time', async () => {
    await purgeIn(30);
    expect(await exists('applications', draftId)).toBe(true);
    expect(await exists('documents', expiringId)).toBe(true);
    expect((await download(expiringId)).status).toBe(200);
  });

  it('deletes the untouched draft after 180 days, and keeps a document valid until 170 days ago', async () => {
    await purgeIn(181);
    expect(await exists('applications', draftId)).toBe(false);
    expect(await exists('documents', expiringId)).toBe(true);
  });

  it('deletes the document a year after its validity ended, bytes included, and keeps the other', async () => {
    const [{ key }] = await system.query<{ key: string }>(
      'enrolment',
      'SELECT storage_key AS key FROM documents WHERE id = $1',
      [expiringId],
    );
    await purgeIn(10 + 366);
    expect(await exists('documents', expiringId)).toBe(false);
    expect(
      await system.query('enrolment', 'SELECT 1 FROM document_blobs WHERE storage_key = $1', [key]),
    ).toEqual([]);
    expect((await download(expiringId)).status).toBe(404);
    expect(await exists('documents', permanentId)).toBe(true);
    expect((await download(permanentId)).status).toBe(200);
    const list = await api<{ items: Array<{ id: string }> }>(system, 'GET', '/me/documents', {
      headers: family.actor.authorization,
    });
    expect(list.body.items.map((item) => item.id)).toEqual([permanentId]);
  });
});
