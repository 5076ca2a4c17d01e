import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  CALLER_HEADER,
  EnrolmentSubjects,
  type DocumentDeletionView,
  type DocumentsPage,
  type DocumentView,
} from '@portail/contracts';
import type { TestSystem } from '@portail/testing';
import { ExpiredUploadsCleaner } from '../../services/enrolment/src/documents/expired-uploads-cleaner';
import { api, uniqueSlug, type Problem } from '../identity/directory-support';
import {
  A_PASSWORD,
  aFamily,
  anAdmin,
  logIn,
  uniqueEmail,
  type Actor,
} from '../support/identity-actors';
import { aHouseholdOf } from '../support/households';
import { startSystem } from '../support/services';

const KIB = 1024;
const MIB = 1024 * KIB;

// Small limits, so that the tests need only a few mebibytes.
const MAX_BYTES = 1.5 * MIB;
const QUOTA_BYTES = 3 * MIB;
const GATEWAY_MAX_BYTES = 2 * MIB;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]),
  randomBytes(2000),
  Buffer.from([0xff, 0xd9]),
]);

/** A PDF of `size` bytes (a header, then noise): several upload parts once over 512 KiB. */
function aPdfOf(size: number): Buffer {
  const header = Buffer.from('%PDF-1.7\n');
  return Buffer.concat([header, randomBytes(size - header.length)]);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

interface Organisation {
  id: string;
  services: Array<{ id: string; code: string }>;
}

interface Family {
  actor: Actor;
  householdId: string;
}

interface UploadOptions {
  documentType?: string;
  fileName?: string;
  label?: string;
  validUntil?: string;
  householdId?: string;
  contentType?: string;
}

describe('enrolment: supporting documents and their storage', () => {
  let system: TestSystem;
  let admin: Actor;
  let vichy: Organisation;

  async function upload(
    actor: Actor,
    bytes: Buffer,
    options: UploadOptions = {},
  ): Promise<{ status: number; body: DocumentView & Problem }> {
    const { contentType = 'application/pdf', ...metadata } = options;
    const query = new URLSearchParams({
      documentType: 'justificatif-de-domicile',
      fileName: 'justificatif.pdf',
      ...metadata,
    });
    const response = await fetch(`${system.gatewayUrl}/api/v1/me/documents?${query.toString()}`, {
      method: 'POST',
      headers: { ...actor.authorization, 'content-type': contentType },
      body: bytes,
    });
    return { status: response.status, body: (await response.json()) as DocumentView & Problem };
  }

  async function uploaded(actor: Actor, bytes: Buffer, options?: UploadOptions) {
    const response = await upload(actor, bytes, options);
    if (response.status !== 201) {
      throw new Error(`upload: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body;
  }

  const download = (actor: Actor, path: string) =>
    fetch(`${system.gatewayUrl}/api/v1${path}`, { headers: actor.authorization });

  async function aFamilyWithHousehold(): Promise<Family> {
    const actor = await aFamily(system);
    return { actor, householdId: await aHouseholdOf(system, actor) };
  }

  async function anAgentOf(serviceCodes: string[]): Promise<Actor> {
    const email = uniqueEmail('agent');
    const created = await api<{ id: string }>(system, 'POST', '/admin/agents', {
      headers: admin.authorization,
      body: {
        email,
        password: A_PASSWORD,
        firstName: 'Dominique',
        lastName: 'AGENT',
        organisationId: vichy.id,
        serviceIds: serviceCodes.map(
          (code) => vichy.services.find((service) => service.code === code)!.id,
        ),
        roles: ['agent'],
      },
    });
    expect(created.status).toBe(201);
    const pair = await logIn(system, email, A_PASSWORD);
    return {
      accountId: created.body.id,
      email,
      password: A_PASSWORD,
      accessToken: pair.accessToken,
      refreshToken: pair.refreshToken,
      authorization: { authorization: `Bearer ${pair.accessToken}` },
    };
  }

  /**
   * An application of a Vichy service attaching the document, written straight into enrolment's
   * database: enough for the access rule, which reads only applications and
   * application_documents (the applications' own flows are covered by their spec).
   */
  async function anApplicationAttaching(
    family: Family,
    document: DocumentView,
    serviceCode: string,
    status: string,
  ): Promise<string> {
    const serviceId = vichy.services.find((service) => service.code === serviceCode)!.id;
    const procedureId = randomUUID();
    await system.query(
      'enrolment',
      `INSERT INTO procedures (id, organisation_id, organisation_name, municipal_service_id,
         municipal_service_name, season, title, description, form, opens_at, closes_at,
         validation_mode, "grant", status, created_by)
       VALUES ($1, $2, 'Vichy', $3, $4, '2026-2027', 'Restauration scolaire', 'Inscription.',
         '{"fields": []}', now() - interval '1 day', now() + interval '30 days', 'manual',
         '{"kind": "none"}', 'published', $5)`,
      [procedureId, vichy.id, serviceId, serviceCode, admin.accountId],
    );
    const applicationId = randomUUID();
    await system.query(
      'enrolment',
      `INSERT INTO applications (id, reference, procedure_id, organisation_id, municipal_service_id,
         season, household_id, child_id, child, child_search, status, filed_by_kind,
         filed_by_account_id, submitted_at)
       VALUES ($1, $2, $3, $4, $5, '2026-2027', $6, $7,
         '{"firstName": "Iris", "lastName": "Dumas"}', 'iris dumas', $8, 'family', $9, now())`,
      [
        applicationId,
        `D-TEST-${applicationId.slice(0, 8)}`,
        procedureId,
        vichy.id,
        serviceId,
        family.householdId,
        randomUUID(),
        status,
        family.actor.accountId,
      ],
    );
    await system.query(
      'enrolment',
      `INSERT INTO application_documents
         (application_id, document_id, document_type, file_name, content_type, size)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        applicationId,
        document.id,
        document.documentType,
        document.fileName,
        document.contentType,
        document.size,
      ],
    );
    return applicationId;
  }

  beforeAll(async () => {
    system = await startSystem(['identity', 'enrolment'], {
      DOCUMENT_MAX_BYTES: String(MAX_BYTES),
      DOCUMENT_QUOTA_BYTES: String(QUOTA_BYTES),
      DOCUMENT_UPLOAD_MAX_BYTES: String(GATEWAY_MAX_BYTES),
    });
    admin = await anAdmin(system);
    const created = await api<Organisation>(system, 'POST', '/organisations', {
      headers: admin.authorization,
      body: { slug: uniqueSlug('vichy'), name: 'Vichy', kind: 'commune' },
    });
    for (const code of ['school-catering', 'leisure-centre']) {
      await api(system, 'POST', `/organisations/${created.body.id}/services`, {
        headers: admin.authorization,
        body: { code, name: code, category: 'other' },
      });
    }
    vichy = (await api<Organisation>(system, 'GET', `/organisations/${created.body.id}`)).body;
  });

  afterAll(async () => {
    await system?.close();
  });

  it('documents its routes in OpenAPI', async () => {
    const document = (await (await fetch(`${system.gatewayUrl}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    const routes = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /api/v1/me/documents',
        'GET /api/v1/me/documents',
        'GET /api/v1/me/documents/{id}',
        'GET /api/v1/me/documents/{id}/content',
        'PATCH /api/v1/me/documents/{id}',
        'DELETE /api/v1/me/documents/{id}',
        'GET /api/v1/agent/documents/{id}',
        'GET /api/v1/agent/documents/{id}/content',
      ]),
    );
    expect(document.paths['/api/v1/me/documents'].post.tags).toEqual(['enrolment']);
  });

  describe('a family keeps its documents', () => {
    let family: Family;

    beforeAll(async () => {
      family = await aFamilyWithHousehold();
    });

    it('uploads a PDF, a JPEG and a PNG, typed from their bytes', async () => {
      const pdf = await uploaded(family.actor, PDF, {
        documentType: 'attestation-caf',
        fileName: 'attestation CAF.pdf',
        validUntil: '2099-12-31',
      });
      expect(pdf).toMatchObject({
        householdId: family.householdId,
        documentType: 'attestation-caf',
        documentTypeLabel: 'Attestation CAF (quotient familial)',
        label: 'Attestation CAF (quotient familial)',
        fileName: 'attestation CAF.pdf',
        contentType: 'application/pdf',
        size: PDF.length,
        sha256: sha256(PDF),
        validUntil: '2099-12-31',
        expired: false,
        usedBy: [],
      });
      // Whatever the browser claims, the bytes decide.
      const jpeg = await uploaded(family.actor, JPEG, {
        documentType: 'livret-de-famille',
        fileName: 'livret',
        label: 'Livret de famille, pages 1 à 4',
        contentType: 'application/octet-stream',
      });
      expect(jpeg).toMatchObject({
        contentType: 'image/jpeg',
        fileName: 'livret.jpg',
        label: 'Livret de famille, pages 1 à 4',
      });
      const png = await uploaded(family.actor, PNG, {
        fileName: '../../scan domicile.pdf',
        contentType: 'image/jpeg',
      });
      expect(png).toMatchObject({ contentType: 'image/png', fileName: 'scan domicile.png' });
    });

    it('lists them, newest first, with the space used and the quota', async () => {
      const response = await api<DocumentsPage>(system, 'GET', '/me/documents', {
        headers: family.actor.authorization,
      });
      expect(response.status).toBe(200);
      expect(response.body.items.map((item) => item.contentType)).toEqual([
        'image/png',
        'image/jpeg',
        'application/pdf',
      ]);
      expect(response.body.usedBytes).toBe(PDF.length + JPEG.length + PNG.length);
      expect(response.body.quotaBytes).toBe(QUOTA_BYTES);
    });

    it('downloads a document as an attachment, with its type and a safe name', async () => {
      const document = await uploaded(family.actor, PDF, { fileName: 'Quittance « mars ».pdf' });
      const response = await download(family.actor, `/me/documents/${document.id}/content`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="Quittance _ mars _.pdf"; filename*=UTF-8''Quittance%20%C2%AB%20mars%20%C2%BB.pdf`,
      );
      expect(Buffer.from(await response.arrayBuffer()).equals(PDF)).toBe(true);
    });

    it('round-trips a file of several parts byte for byte', async () => {
      const bytes = aPdfOf(1.2 * MIB);
      const document = await uploaded(family.actor, bytes, { fileName: 'carnet.pdf' });
      expect(document).toMatchObject({ size: bytes.length, sha256: sha256(bytes) });
      const response = await download(family.actor, `/me/documents/${document.id}/content`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-length')).toBe(String(bytes.length));
      const received = Buffer.from(await response.arrayBuffer());
      expect(received.length).toBe(bytes.length);
      expect(sha256(received)).toBe(sha256(bytes));
      const stored = await system.query<{ parts: string }>(
        'enrolment',
        'SELECT count(*)::text AS parts FROM document_upload_parts',
      );
      expect(stored[0].parts).toBe('0');
    });

    it('changes the type, label and validity of a document', async () => {
      const document = await uploaded(family.actor, PDF);
      const updated = await api<DocumentView>(system, 'PATCH', `/me/documents/${document.id}`, {
        headers: family.actor.authorization,
        body: { documentType: 'avis-d-imposition', label: 'Avis 2025', validUntil: '2020-01-31' },
      });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({
        documentType: 'avis-d-imposition',
        documentTypeLabel: "Avis d'imposition",
        label: 'Avis 2025',
        validUntil: '2020-01-31',
        expired: true,
      });
      const cleared = await api<DocumentView>(system, 'PATCH', `/me/documents/${document.id}`, {
        headers: family.actor.authorization,
        body: { validUntil: null },
      });
      expect(cleared.body).toMatchObject({ label: 'Avis 2025', validUntil: null, expired: false });
      const invalid = await api<Problem>(system, 'PATCH', `/me/documents/${document.id}`, {
        headers: family.actor.authorization,
        body: { documentType: 'passeport', label: '', validUntil: '2026-02-30' },
      });
      expect(invalid.status).toBe(400);
      expect(invalid.body.details?.fields?.map((field) => field.field).sort()).toEqual([
        'documentType',
        'label',
        'validUntil',
      ]);
    });

    it('deletes a document and its bytes', async () => {
      const document = await uploaded(family.actor, PNG);
      const deleted = await api(system, 'DELETE', `/me/documents/${document.id}`, {
        headers: family.actor.authorization,
      });
      expect(deleted.status).toBe(204);
      const again = await api<Problem>(system, 'GET', `/me/documents/${document.id}`, {
        headers: family.actor.authorization,
      });
      expect(again.status).toBe(404);
      expect(again.body.code).toBe('DOCUMENT_NOT_FOUND');
      const blobs = await system.query(
        'enrolment',
        'SELECT 1 FROM document_blobs WHERE storage_key LIKE $1',
        [`%${document.id}`],
      );
      expect(blobs).toHaveLength(0);
    });

    it('has no documents and no applications before declaring a household: empty lists, not 404', async () => {
      const newcomer = await aFamily(system);
      const response = await api<DocumentsPage>(system, 'GET', '/me/documents', {
        headers: newcomer.authorization,
      });
      expect(response.body).toEqual({ items: [], usedBytes: 0, quotaBytes: QUOTA_BYTES });
      const dashboard = await api(system, 'GET', '/me/applications', {
        headers: newcomer.authorization,
      });
      expect(dashboard.status).toBe(200);
      expect(dashboard.body).toMatchObject({ items: [], total: 0 });
      const refused = await upload(newcomer, PDF);
      expect(refused.status).toBe(404);
      expect(refused.body.code).toBe('HOUSEHOLD_NOT_FOUND');
    });
  });

  describe('what is refused', () => {
    let family: Family;

    beforeAll(async () => {
      family = await aFamilyWithHousehold();
    });

    it('refuses a file named .pdf that is not a PDF (415)', async () => {
      const response = await upload(family.actor, Buffer.from('Ceci n’est pas un PDF.'), {
        fileName: 'facture.pdf',
      });
      expect(response.status).toBe(415);
      expect(response.body.code).toBe('DOCUMENT_TYPE_NOT_ALLOWED');
      expect(response.body.detail).toContain("« facture.pdf » n'est ni un PDF");
      const pending = await system.query(
        'enrolment',
        'SELECT 1 FROM document_uploads WHERE uploaded_by = $1',
        [family.actor.accountId],
      );
      expect(pending).toHaveLength(0);
    });

    it('refuses a document over the size limit (413), in Mo', async () => {
      const response = await upload(family.actor, aPdfOf(1.6 * MIB));
      expect(response.status).toBe(413);
      expect(response.body.code).toBe('DOCUMENT_TOO_LARGE');
      expect(response.body.detail).toContain('la taille maximale d’un document est de 1,5 Mo');
    });

    it('refuses a body over the gateway limit before reading it (413)', async () => {
      const response = await upload(family.actor, aPdfOf(2.5 * MIB));
      expect(response.status).toBe(413);
      expect(response.body.code).toBe('DOCUMENT_TOO_LARGE');
      expect(response.body.detail).toContain('2 Mo');
    });

    it('refuses a document over the household quota (413), in Mo', async () => {
      const first = aPdfOf(1.2 * MIB);
      await uploaded(family.actor, first);
      await uploaded(family.actor, aPdfOf(1.2 * MIB));
      const response = await upload(family.actor, aPdfOf(1.2 * MIB));
      expect(response.status).toBe(413);
      expect(response.body.code).toBe('DOCUMENT_QUOTA_EXCEEDED');
      expect(response.body.detail).toContain('2,4 Mo utilisés sur 3 Mo');
    });

    it('refuses an empty body, a JSON body and missing metadata (400)', async () => {
      const empty = await upload(family.actor, Buffer.alloc(0));
      expect(empty.status).toBe(400);
      const json = await api<Problem>(
        system,
        'POST',
        '/me/documents?documentType=autre&fileName=a.pdf',
        { headers: family.actor.authorization, body: { contentBase64: PDF.toString('base64') } },
      );
      expect(json.status).toBe(400);
      expect(json.body.details?.fields?.[0].field).toBe('body');
      const response = await fetch(`${system.gatewayUrl}/api/v1/me/documents?documentType=x`, {
        method: 'POST',
        headers: { ...family.actor.authorization, 'content-type': 'application/pdf' },
        body: PDF,
      });
      expect(response.status).toBe(400);
      const problem = (await response.json()) as Problem;
      expect([...new Set(problem.details?.fields?.map((field) => field.field))].sort()).toEqual([
        'documentType',
        'fileName',
      ]);
    });

    it('does not take raw files on other routes, nor without a token', async () => {
      const elsewhere = await fetch(`${system.gatewayUrl}/api/v1/households`, {
        method: 'POST',
        headers: { ...family.actor.authorization, 'content-type': 'application/pdf' },
        body: PDF,
      });
      expect(elsewhere.status).toBe(415);
      const anonymous = await fetch(
        `${system.gatewayUrl}/api/v1/me/documents?documentType=autre&fileName=a.pdf`,
        { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: PDF },
      );
      expect(anonymous.status).toBe(401);
      expect(((await anonymous.json()) as Problem).code).toBe('UNAUTHENTICATED');
    });

    it('forgets an upload left unfinished once it expires', async () => {
      const caller = {
        [CALLER_HEADER]: JSON.stringify({ kind: 'family', accountId: family.actor.accountId }),
      };
      const begun = await system.request(
        EnrolmentSubjects.documentsUploadBegin,
        { documentType: 'autre', fileName: 'a.pdf', size: PDF.length },
        caller,
      );
      const { uploadId } = begun.response as { uploadId: string };
      await system.query(
        'enrolment',
        "UPDATE document_uploads SET expires_at = now() - interval '1 second' WHERE id = $1",
        [uploadId],
      );
      const part = await system.request(
        EnrolmentSubjects.documentsUploadPart,
        { uploadId, index: 0, contentBase64: PDF.toString('base64') },
        caller,
      );
      expect(part.err).toMatchObject({ code: 'UPLOAD_NOT_FOUND' });
      const cleaner = system.service('enrolment').app.get(ExpiredUploadsCleaner);
      expect(await cleaner.clean()).toBeGreaterThanOrEqual(1);
      const left = await system.query('enrolment', 'SELECT 1 FROM document_uploads WHERE id = $1', [
        uploadId,
      ]);
      expect(left).toHaveLength(0);
    });
  });

  describe('another household', () => {
    it('can neither see, download, change nor delete a document (404)', async () => {
      const owner = await aFamilyWithHousehold();
      const stranger = await aFamilyWithHousehold();
      const document = await uploaded(owner.actor, PDF);
      const attempts = [
        ['GET', `/me/documents/${document.id}`, undefined],
        ['GET', `/me/documents/${document.id}/content`, undefined],
        ['PATCH', `/me/documents/${document.id}`, { label: 'À moi' }],
        ['DELETE', `/me/documents/${document.id}`, undefined],
      ] as const;
      for (const [method, path, body] of attempts) {
        const response = await api<Problem>(system, method, path, {
          headers: stranger.actor.authorization,
          body,
        });
        expect([method, path, response.status, response.body.code]).toEqual([
          method,
          path,
          404,
          'DOCUMENT_NOT_FOUND',
        ]);
      }
      const list = await api<DocumentsPage>(system, 'GET', '/me/documents', {
        headers: stranger.actor.authorization,
      });
      expect(list.body.items).toEqual([]);
      // Naming the other household on upload reveals nothing either.
      const foreign = await upload(stranger.actor, PDF, { householdId: owner.householdId });
      expect(foreign.status).toBe(404);
      const still = await api<DocumentView>(system, 'GET', `/me/documents/${document.id}`, {
        headers: owner.actor.authorization,
      });
      expect(still.body.label).toBe('Justificatif de domicile de moins de 3 mois');
    });
  });

  describe('agents', () => {
    let family: Family;
    let cateringAgent: Actor;
    let leisureAgent: Actor;

    beforeAll(async () => {
      family = await aFamilyWithHousehold();
      cateringAgent = await anAgentOf(['school-catering']);
      leisureAgent = await anAgentOf(['leisure-centre']);
    });

    it('cannot read a document that no application of their services references (404)', async () => {
      const document = await uploaded(family.actor, PDF);
      for (const path of [
        `/agent/documents/${document.id}`,
        `/agent/documents/${document.id}/content`,
      ]) {
        const response = await api<Problem>(system, 'GET', path, {
          headers: cateringAgent.authorization,
        });
        expect(response.status).toBe(404);
        expect(response.body.code).toBe('DOCUMENT_NOT_FOUND');
      }
      // A draft is not yet given to the service.
      await anApplicationAttaching(family, document, 'school-catering', 'draft');
      const draft = await api(system, 'GET', `/agent/documents/${document.id}`, {
        headers: cateringAgent.authorization,
      });
      expect(draft.status).toBe(404);
      // Nor may families use the agents' routes, or agents the families' ones.
      const familyRoute = await api(system, 'GET', `/agent/documents/${document.id}`, {
        headers: family.actor.authorization,
      });
      expect(familyRoute.status).toBe(403);
      const agentList = await api(system, 'GET', '/me/documents', {
        headers: cateringAgent.authorization,
      });
      expect(agentList.status).toBe(403);
    });

    it('reads and downloads a document attached to a submitted application of their service (SQL-made application), and it is logged', async () => {
      const bytes = aPdfOf(700 * KIB);
      const document = await uploaded(family.actor, bytes, { fileName: 'pai.pdf' });
      const applicationId = await anApplicationAttaching(
        family,
        document,
        'school-catering',
        'submitted',
      );

      const metadata = await api<DocumentView>(system, 'GET', `/agent/documents/${document.id}`, {
        headers: cateringAgent.authorization,
      });
      expect(metadata.status).toBe(200);
      expect(metadata.body).toMatchObject({ id: document.id, usedBy: [applicationId] });
      const response = await download(cateringAgent, `/agent/documents/${document.id}/content`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toContain('attachment');
      expect(sha256(Buffer.from(await response.arrayBuffer()))).toBe(sha256(bytes));

      // An administrator may read what was filed with any application.
      const byAdmin = await download(admin, `/agent/documents/${document.id}/content`);
      expect(byAdmin.status).toBe(200);
      await byAdmin.arrayBuffer();

      // Another service of the same organisation sees nothing.
      const other = await api(system, 'GET', `/agent/documents/${document.id}/content`, {
        headers: leisureAgent.authorization,
      });
      expect(other.status).toBe(404);

      const log = await system.query<{
        application_ids: string[];
        action: string;
        actor_kind: string;
        actor_account_id: string;
        organisation_id: string;
      }>(
        'enrolment',
        `SELECT application_ids::text[] AS application_ids, action, actor_kind, actor_account_id,
                organisation_id
           FROM document_access_log WHERE document_id = $1 ORDER BY id`,
        [document.id],
      );
      expect(log).toEqual([
        {
          application_ids: [applicationId],
          action: 'metadata',
          actor_kind: 'agent',
          actor_account_id: cateringAgent.accountId,
          organisation_id: vichy.id,
        },
        {
          application_ids: [applicationId],
          action: 'download',
          actor_kind: 'agent',
          actor_account_id: cateringAgent.accountId,
          organisation_id: vichy.id,
        },
        {
          application_ids: [applicationId],
          action: 'download',
          actor_kind: 'admin',
          actor_account_id: admin.accountId,
          organisation_id: null,
        },
      ]);
      const lines = system.logs.lines.filter(
        (line) => line.msg === 'Supporting document accessed by staff',
      );
      expect(lines.length).toBeGreaterThanOrEqual(3);
      expect(JSON.stringify(lines)).not.toContain('pai.pdf');
    });

    it('keeps the evidence of an application sent to a service: deleting only hides it, and says so', async () => {
      const draftOnly = await uploaded(family.actor, PNG, { fileName: 'brouillon.png' });
      const draftId = await anApplicationAttaching(family, draftOnly, 'school-catering', 'draft');
      const refused = await api<Problem>(system, 'DELETE', `/me/documents/${draftOnly.id}`, {
        headers: family.actor.authorization,
      });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('DOCUMENT_IN_USE');
      expect(refused.body.details).toMatchObject({ applicationIds: [draftId] });

      for (const status of ['information-requested', 'accepted', 'rejected']) {
        const document = await uploaded(family.actor, PNG, { fileName: `domicile-${status}.png` });
        const applicationId = await anApplicationAttaching(
          family,
          document,
          'school-catering',
          status,
        );
        const deleted = await api<DocumentDeletionView>(
          system,
          'DELETE',
          `/me/documents/${document.id}`,
          { headers: family.actor.authorization },
        );
        expect(deleted.status).toBe(200);
        expect(deleted.body).toEqual({
          id: document.id,
          outcome: 'hidden',
          message:
            'Ce document est une pièce justificative d’une demande envoyée : il est conservé avec ' +
            'la demande et retiré de votre liste.',
          keptFor: [applicationId],
        });
        // Out of the family's list, still the application's: reference, metadata and bytes.
        const list = await api<DocumentsPage>(system, 'GET', '/me/documents', {
          headers: family.actor.authorization,
        });
        expect(list.body.items.map((item) => item.id)).not.toContain(document.id);
        const attached = await system.query<{ document_id: string | null }>(
          'enrolment',
          'SELECT document_id FROM application_documents WHERE application_id = $1',
          [applicationId],
        );
        expect(attached).toEqual([{ document_id: document.id }]);
        const metadata = await api(system, 'GET', `/agent/documents/${document.id}`, {
          headers: cateringAgent.authorization,
        });
        expect(metadata.status).toBe(200);
        const bytes = await download(cateringAgent, `/agent/documents/${document.id}/content`);
        expect(bytes.status).toBe(200);
      }
    });

    it('uploads at the counter on behalf of a household, which then finds it in its list', async () => {
      const missing = await upload(cateringAgent, PDF);
      expect(missing.status).toBe(400);
      expect(missing.body.details?.fields?.[0].field).toBe('householdId');
      const unknown = await upload(cateringAgent, PDF, { householdId: randomUUID() });
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('HOUSEHOLD_NOT_FOUND');

      // Only for a household with an application in the agent's services.
      const outOfScope = await upload(leisureAgent, PDF, { householdId: family.householdId });
      // Exactly the answer for a household that does not exist: existence is not revealed.
      expect(outOfScope.status).toBe(404);
      expect(outOfScope.body.code).toBe('HOUSEHOLD_NOT_FOUND');
      const unknownOne = await upload(leisureAgent, PDF, { householdId: randomUUID() });
      expect(outOfScope.body.detail).toBe(unknownOne.body.detail);
      await anApplicationAttaching(
        family,
        await uploaded(family.actor, PDF),
        'school-catering',
        'draft',
      );
      const document = await uploaded(cateringAgent, PDF, {
        householdId: family.householdId,
        documentType: 'certificat-medical',
        fileName: 'certificat.pdf',
      });
      expect(document.householdId).toBe(family.householdId);
      const list = await api<DocumentsPage>(system, 'GET', '/me/documents', {
        headers: family.actor.authorization,
      });
      expect(list.body.items.map((item) => item.id)).toContain(document.id);
      const recorded = await system.query<{ uploaded_by: string; uploaded_by_kind: string }>(
        'enrolment',
        'SELECT uploaded_by, uploaded_by_kind FROM documents WHERE id = $1',
        [document.id],
      );
      expect(recorded).toEqual([
        { uploaded_by: cateringAgent.accountId, uploaded_by_kind: 'agent' },
      ]);
    });
  });
});
