/**
 * Baseline of the enrolment benchmark: the least a server can do, in one process with `pg`,
 * for the three requests the benchmark measures. No NATS hop, no Nest, no TypeORM, no token,
 * no call to identity for the household; the same database work otherwise:
 *
 * - `POST /api/v1/me/applications/:id/submit`: in one transaction, the application locked
 *   (`FOR UPDATE`, every column, as TypeORM's `findOne` with a pessimistic lock), its
 *   procedure, the attached documents checked against the required ones (enrolment's query),
 *   a place taken by the same conditional `UPDATE procedures`, the application updated, a
 *   history row and an outbox row with its `pg_notify` (into `bare_outbox`, a copy of the
 *   outbox table that no relay reads, on a channel nobody listens to), then the attached
 *   documents and the history read back for the answer;
 * - `POST /api/v1/me/documents?documentType=&fileName=&householdId=&accountId=`: the raw PDF
 *   body, its type sniffed, its SHA-256; the bytes into `document_blobs` and the `documents`
 *   row in one transaction under the household's quota lock (enrolment instead takes the
 *   bytes in parts, through `document_uploads`);
 * - `GET /api/v1/agent/applications`: the agents' list queries (enrolment-sql.ts), the page
 *   and the total side by side as enrolment runs them, for an agent of AGENT_SERVICE_IDS,
 *   mapped to the same items.
 *
 * Child process of the enrolment benchmark. Environment: DATABASE_URL (the enrolment
 * database), HTTP_PORT, DATABASE_POOL_SIZE (default 10), AGENT_SERVICE_IDS (comma-separated).
 */
import Fastify, { type FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import { Pool, type PoolClient } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import {
  APPLICATION_STATUS_LABELS,
  DOCUMENT_TYPE_LABELS,
  DOCUMENT_TYPES,
  type ApplicationListItem,
  type ApplicationStatus,
  type DocumentType,
  type ProcedureGrant,
  type RequiredDocument,
} from '@portail/contracts';
import {
  agentListQuery,
  BARE_OUTBOX_CHANNEL,
  BARE_OUTBOX_TABLE,
  type AgentListFilters,
} from './enrolment-sql';
import { nextActionOf } from '../../services/enrolment/src/applications/application-view';

const DOCUMENT_QUOTA_BYTES = 50 * 1024 * 1024;
const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

interface ApplicationRow {
  id: string;
  reference: string;
  procedure_id: string;
  organisation_id: string;
  municipal_service_id: string;
  season: string;
  household_id: string;
  child_id: string;
  child: { id: string; firstName: string; lastName: string };
  child_search: string;
  status: ApplicationStatus;
  answers: unknown;
  summary: unknown;
  message: string | null;
  school_assignment: unknown;
  holds_place: boolean;
  filed_by_kind: 'family' | 'agent';
  filed_by_account_id: string;
  submitted_at: Date | null;
  decided_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

interface ProcedureRow {
  id: string;
  organisation_id: string;
  organisation_name: string;
  municipal_service_id: string;
  municipal_service_name: string;
  season: string;
  title: string;
  required_documents: RequiredDocument[];
  opens_at: Date;
  closes_at: Date;
  capacity: number | null;
  validation_mode: string;
}

interface ListRow {
  id: string;
  reference: string;
  procedure_id: string;
  organisation_id: string;
  municipal_service_id: string;
  season: string;
  household_id: string;
  child_id: string;
  child: ApplicationListItem['child'];
  status: ApplicationStatus;
  message: string | null;
  school_assignment: ApplicationListItem['schoolAssignment'];
  residence_discrepancies: ApplicationListItem['residenceDiscrepancies'];
  filed_by_kind: 'family' | 'agent';
  filed_by_account_id: string;
  submitted_at: Date | null;
  decided_at: Date | null;
  created_at: Date;
  updated_at: Date;
  procedure_title: string;
  organisation_name: string;
  municipal_service_name: string;
  grant: ProcedureGrant;
}

const APPLICATION_FOR_UPDATE = `
  SELECT id, reference, procedure_id, organisation_id, municipal_service_id, season,
         household_id, child_id, child, child_search, status, answers, summary, message,
         school_assignment, holds_place, filed_by_kind, filed_by_account_id, submitted_at,
         decided_at, created_at, updated_at
    FROM applications WHERE id = $1 LIMIT 1 FOR UPDATE`;
const PROCEDURE = `
  SELECT id, organisation_id, organisation_name, municipal_service_id, municipal_service_name,
         season, title, required_documents, opens_at, closes_at, capacity, validation_mode
    FROM procedures WHERE id = $1 LIMIT 1`;
const ATTACHED_FOR_CHECK = `
  SELECT ad.document_type, d.id AS document_id, to_char(d.valid_until, 'YYYY-MM-DD') AS valid_until
    FROM application_documents ad LEFT JOIN documents d ON d.id = ad.document_id
   WHERE ad.application_id = $1`;
const TAKE_PLACE = `
  WITH taken AS (
    UPDATE procedures SET places_taken = places_taken + 1
     WHERE id = $1 AND (capacity IS NULL OR places_taken < capacity)
     RETURNING places_taken)
  SELECT places_taken FROM taken`;
const SUBMIT = `
  UPDATE applications
     SET status = 'submitted', submitted_at = COALESCE(submitted_at, $2), holds_place = true,
         message = NULL, updated_at = $2
   WHERE id = $1`;
const INSERT_HISTORY = `
  INSERT INTO application_history (application_id, status, at, actor_kind, actor_account_id, message)
  VALUES ($1, 'submitted', $2, $3, $4, NULL)`;
const INSERT_OUTBOX = `INSERT INTO ${BARE_OUTBOX_TABLE} (id, type, aggregate_id, envelope) VALUES ($1, $2, $3, $4)`;
const ATTACHED = `
  SELECT document_id, document_type, file_name, content_type, size
    FROM application_documents WHERE application_id = $1
   ORDER BY document_type, file_name`;
const HISTORY = `
  SELECT status, at, actor_kind, actor_account_id, message
    FROM application_history WHERE application_id = $1 ORDER BY id ASC`;

function problem(reply: FastifyReply, status: number, code: string): FastifyReply {
  return reply.code(status).type('application/problem+json').send({ status, code, title: code });
}

function todayInParis(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
}

function listItemOf(row: ListRow): ApplicationListItem {
  return {
    id: row.id,
    reference: row.reference,
    procedureId: row.procedure_id,
    procedureTitle: row.procedure_title,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    municipalServiceId: row.municipal_service_id,
    municipalServiceName: row.municipal_service_name,
    season: row.season,
    householdId: row.household_id,
    child: row.child,
    status: row.status,
    statusLabel: APPLICATION_STATUS_LABELS[row.status],
    ...nextActionOf(
      { id: row.id, status: row.status, season: row.season, child: row.child },
      row.grant,
    ),
    message: row.message,
    schoolAssignment: row.school_assignment,
    filedBy: { kind: row.filed_by_kind, accountId: row.filed_by_account_id },
    residenceDiscrepancies: row.residence_discrepancies,
    submittedAt: row.submitted_at?.toISOString() ?? null,
    decidedAt: row.decided_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function positiveInteger(value: unknown): number | undefined {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : undefined;
}

async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** A refusal decided inside a transaction (rolled back), answered as a problem. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required');
  const port = Number(process.env.HTTP_PORT ?? 0);
  const agentServiceIds = (process.env.AGENT_SERVICE_IDS ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const pool = new Pool({
    connectionString: databaseUrl,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    application_name: 'portail-bench-bare-enrolment',
  });
  const app = Fastify({ logger: false });
  app.addContentTypeParser(
    ['application/pdf', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: DOCUMENT_MAX_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/me/applications/:id/submit',
    async (request, reply) => {
      try {
        return await inTransaction(pool, async (client) => {
          const application = (
            await client.query<ApplicationRow>(APPLICATION_FOR_UPDATE, [request.params.id])
          ).rows[0];
          if (!application) throw new Refusal(404, 'APPLICATION_NOT_FOUND');
          if (application.status !== 'draft' && application.status !== 'information-requested') {
            throw new Refusal(409, 'APPLICATION_STATUS_CONFLICT');
          }
          const procedure = (
            await client.query<ProcedureRow>(PROCEDURE, [application.procedure_id])
          ).rows[0];
          if (!procedure) throw new Refusal(404, 'PROCEDURE_NOT_FOUND');
          const now = new Date();
          if (now < procedure.opens_at || now >= procedure.closes_at) {
            throw new Refusal(422, 'PROCEDURE_NOT_OPEN');
          }
          const attached = (
            await client.query<{
              document_type: string;
              document_id: string | null;
              valid_until: string | null;
            }>(ATTACHED_FOR_CHECK, [application.id])
          ).rows;
          const today = todayInParis();
          for (const required of procedure.required_documents) {
            const rows = attached.filter((row) => row.document_type === required.documentType);
            if (required.required && !rows.some((row) => row.document_id)) {
              throw new Refusal(422, 'APPLICATION_INCOMPLETE');
            }
            if (rows.some((row) => row.valid_until && row.valid_until < today)) {
              throw new Refusal(422, 'APPLICATION_INCOMPLETE');
            }
          }
          if (!application.holds_place) {
            const taken = await client.query(TAKE_PLACE, [procedure.id]);
            if (!taken.rowCount) throw new Refusal(409, 'PROCEDURE_FULL');
          }
          await client.query(SUBMIT, [application.id, now]);
          await client.query(INSERT_HISTORY, [
            application.id,
            now,
            application.filed_by_kind,
            application.filed_by_account_id,
          ]);
          const envelope = {
            id: uuidv7(),
            type: 'enrolment.application.submitted',
            occurredAt: now.toISOString(),
            producer: 'enrolment',
            aggregateId: application.id,
            correlationId: request.headers['x-request-id'] ?? null,
            schemaVersion: 1,
            payload: {
              applicationId: application.id,
              reference: application.reference,
              procedureId: procedure.id,
              procedureTitle: procedure.title,
              organisationId: procedure.organisation_id,
              organisationName: procedure.organisation_name,
              municipalServiceId: procedure.municipal_service_id,
              municipalServiceName: procedure.municipal_service_name,
              season: procedure.season,
              householdId: application.household_id,
              child: application.child,
              recipients: [],
              validationMode: procedure.validation_mode,
              resubmission: application.status === 'information-requested',
              filedBy: {
                kind: application.filed_by_kind,
                accountId: application.filed_by_account_id,
              },
            },
          };
          await client.query(INSERT_OUTBOX, [
            envelope.id,
            envelope.type,
            application.id,
            JSON.stringify(envelope),
          ]);
          await client.query('SELECT pg_notify($1, $2)', [BARE_OUTBOX_CHANNEL, '']);
          const documents = (
            await client.query<{
              document_id: string | null;
              document_type: DocumentType;
              file_name: string;
              content_type: string;
              size: number;
            }>(ATTACHED, [application.id])
          ).rows;
          const history = (
            await client.query<{
              status: ApplicationStatus;
              at: Date;
              actor_kind: string;
              actor_account_id: string | null;
              message: string | null;
            }>(HISTORY, [application.id])
          ).rows;
          return {
            id: application.id,
            reference: application.reference,
            procedureId: procedure.id,
            procedureTitle: procedure.title,
            householdId: application.household_id,
            child: application.child,
            status: 'submitted',
            statusLabel: APPLICATION_STATUS_LABELS.submitted,
            answers: application.answers,
            documents: documents.map((row) => ({
              documentType: row.document_type,
              documentId: row.document_id ?? '',
              fileName: row.file_name,
              contentType: row.content_type,
              size: Number(row.size),
            })),
            summary: application.summary,
            submittedAt: (application.submitted_at ?? now).toISOString(),
            updatedAt: now.toISOString(),
            history: history.map((row) => ({
              status: row.status,
              at: row.at.toISOString(),
              actor: { kind: row.actor_kind, accountId: row.actor_account_id },
              message: row.message,
            })),
          };
        });
      } catch (error) {
        if (error instanceof Refusal) return problem(reply, error.status, error.code);
        throw error;
      }
    },
  );

  app.post<{
    Querystring: {
      documentType?: string;
      fileName?: string;
      householdId?: string;
      accountId?: string;
    };
  }>('/api/v1/me/documents', async (request, reply) => {
    const { documentType, fileName, householdId, accountId } = request.query;
    const body = request.body;
    if (
      !Buffer.isBuffer(body) ||
      body.length === 0 ||
      !fileName ||
      !householdId ||
      !accountId ||
      !DOCUMENT_TYPES.includes(documentType as DocumentType)
    ) {
      return problem(reply, 400, 'VALIDATION_FAILED');
    }
    if (!body.subarray(0, 1024).includes('%PDF-', 0, 'latin1')) {
      return problem(reply, 415, 'DOCUMENT_TYPE_NOT_ALLOWED');
    }
    const id = uuidv7();
    const storageKey = `households/${householdId}/${id}`;
    const sha256 = createHash('sha256').update(body).digest('hex');
    try {
      await inTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
          `documents-quota:${householdId}`,
        ]);
        const used = await client.query<{ used: string }>(
          'SELECT COALESCE(sum(size), 0)::text AS used FROM documents WHERE household_id = $1',
          [householdId],
        );
        if (Number(used.rows[0]?.used ?? 0) + body.length > DOCUMENT_QUOTA_BYTES) {
          throw new Refusal(413, 'DOCUMENT_QUOTA_EXCEEDED');
        }
        await client.query('INSERT INTO document_blobs (storage_key, data) VALUES ($1, $2)', [
          storageKey,
          body,
        ]);
        await client.query(
          `INSERT INTO documents
             (id, household_id, document_type, label, file_name, content_type, size, sha256,
              valid_until, storage_key, uploaded_by, uploaded_by_kind)
           VALUES ($1, $2, $3, $4, $5, 'application/pdf', $6, $7, NULL, $8, $9, 'family')`,
          [
            id,
            householdId,
            documentType,
            DOCUMENT_TYPE_LABELS[documentType as DocumentType],
            fileName,
            body.length,
            sha256,
            storageKey,
            accountId,
          ],
        );
      });
    } catch (error) {
      if (error instanceof Refusal) return problem(reply, error.status, error.code);
      throw error;
    }
    return reply.code(201).send({
      id,
      householdId,
      documentType,
      documentTypeLabel: DOCUMENT_TYPE_LABELS[documentType as DocumentType],
      label: DOCUMENT_TYPE_LABELS[documentType as DocumentType],
      fileName,
      contentType: 'application/pdf',
      size: body.length,
      sha256,
      validUntil: null,
      expired: false,
      usedBy: [],
      uploadedAt: new Date().toISOString(),
    });
  });

  app.get<{ Querystring: Record<string, string | undefined> }>(
    '/api/v1/agent/applications',
    async (request) => {
      const raw = request.query;
      const filters: AgentListFilters = {
        status: raw.status,
        procedureId: raw.procedureId,
        municipalServiceId: raw.municipalServiceId,
        season: raw.season,
        childId: raw.childId,
        householdId: raw.householdId,
        childName: raw.childName,
        submittedFrom: raw.submittedFrom,
        submittedTo: raw.submittedTo,
        page: positiveInteger(raw.page),
        pageSize: positiveInteger(raw.pageSize),
      };
      const query = agentListQuery(agentServiceIds, filters);
      const { page, pageSize } = query;
      if (query.empty) return { items: [], page, pageSize, total: 0 };
      const [{ rows }, count] = await Promise.all([
        pool.query<ListRow>(query.pageText, query.values),
        pool.query<{ total: string }>(query.countText, query.values),
      ]);
      return { items: rows.map(listItemOf), page, pageSize, total: Number(count.rows[0].total) };
    },
  );

  app.get('/health/ready', async () => {
    await pool.query('SELECT 1');
    return { status: 'ok' };
  });

  await app.listen({ port, host: '127.0.0.1' });

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    app
      .close()
      .then(() => pool.end())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        process.stderr.write(`bare enrolment server: shutdown failed: ${String(error)}\n`);
        process.exit(1);
      });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bare enrolment server: start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
