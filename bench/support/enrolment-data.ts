/**
 * The data of the enrolment benchmark (bench/enrolment.bench.ts), made the way users make it:
 * the directory, an agent, procedures, families with a household, a child and an uploaded PDF,
 * and one draft per family, all through the gateway; then, with SQL, the same drafts for the
 * other open procedures and the applications of the agents' list in bulk.
 */
import type { Client } from 'pg';
import {
  SCHOOL_LEVELS,
  type ApplicationView,
  type DocumentView,
  type FormDefinition,
  type HouseholdView,
  type ProcedureView,
} from '@portail/contracts';
import { searchable } from './enrolment-sql';
import type { RequestParts } from './load';
import {
  aVerifiedFamily,
  BENCH_PASSWORD,
  inParallel,
  type Actor,
  type GatewayApi,
  type IdentityAccess,
} from './portail-api';

export type TargetName = 'gateway' | 'bare';

/** Sign-ups (argon2) and other set-up calls in flight at once. */
export const SETUP_CONCURRENCY = 4;
export const PDF_BYTES = 100 * 1024;
export const DOCUMENT_TYPE = 'justificatif-de-domicile';
const DOCUMENT_FILE_NAME = 'justificatif-domicile.pdf';
/** Procedures of the list: 4 services × 3 seasons × 2. */
const LIST_PROCEDURES_PER_SERVICE_AND_SEASON = 2;
const SERVICES = [
  { code: 'restauration-scolaire', name: 'Restauration scolaire', category: 'school-catering' },
  { code: 'periscolaire', name: 'Accueil périscolaire', category: 'out-of-school-care' },
  { code: 'accueil-de-loisirs', name: 'Accueil de loisirs', category: 'leisure-centre' },
  { code: 'conservatoire', name: 'Conservatoire de musique', category: 'music-conservatory' },
] as const;

// prettier-ignore
const FIRST_NAMES = [
  'Léa', 'Emma', 'Chloé', 'Inès', 'Jade', 'Louise', 'Manon', 'Camille', 'Zoé', 'Lina',
  'Anaïs', 'Maëlys', 'Clémence', 'Agathe', 'Romane', 'Juliette', 'Éloïse', 'Océane', 'Noémie',
  'Margaux', 'Lucas', 'Hugo', 'Louis', 'Gabriel', 'Jules', 'Arthur', 'Raphaël', 'Noé', 'Théo',
  'Mathéo', 'Léo', 'Nathan', 'Timéo', 'Évan', 'Maël', 'Sacha', 'Baptiste', 'Clément',
  'Aurélien', 'Jérémy',
];
// prettier-ignore
const LAST_NAMES = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy',
  'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux',
  'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Mercier', 'Dupont', 'Lambert', 'Bonnet',
  'François', 'Martinez', 'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin',
  'Muller', 'Henry', 'Roussel', 'Nicolas', 'Perrin',
];
/** The name the list's childName filter looks for (one family name in 40). */
export const SEARCHED_NAME = 'Lefèvre';

/** The school catering form of the specification (a conditional field, a choice, a consent). */
const FORM: FormDefinition = {
  fields: [
    {
      key: 'allergies',
      type: 'yes-no',
      label: 'Votre enfant a-t-il des allergies ?',
      required: true,
    },
    {
      key: 'allergy-details',
      type: 'text',
      label: 'Précisez les allergies',
      required: true,
      visibleWhen: { field: 'allergies', equals: [true] },
    },
    { key: 'image-rights', type: 'yes-no', label: "Droit à l'image", required: true },
    {
      key: 'payer',
      type: 'single-choice',
      label: 'Qui paie les repas ?',
      required: true,
      options: [
        { value: 'mother', label: 'La mère' },
        { value: 'father', label: 'Le père' },
      ],
    },
    { key: 'rules', type: 'consent', label: "J'accepte le règlement intérieur", required: true },
  ],
};
const ANSWERS = {
  allergies: true,
  'allergy-details': 'Arachide',
  'image-rights': false,
  payer: 'mother',
  rules: true,
};

export interface Family {
  index: number;
  actor: Actor;
  householdId: string;
  childId: string;
  documentId: string;
}

export interface Draft {
  id: string;
  family: Family;
}

/** The school year running today in Paris (from 1 September): `2026-2027`. */
export function seasonOf(date: Date): string {
  const [year, month] = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
  })
    .format(date)
    .split('-')
    .map(Number);
  const first = month >= 9 ? year : year - 1;
  return `${first}-${first + 1}`;
}

export function shiftSeason(season: string, years: number): string {
  const first = Number(season.slice(0, 4)) + years;
  return `${first}-${first + 1}`;
}

/** A deterministic shuffle (mulberry32), so that both targets and every run see one order. */
function shuffled<T>(items: T[], seed = 0x5eed): T[] {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const result = [...items];
  for (let i = result.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j], result[i]];
  }
  return result;
}

export async function createDirectory(
  api: GatewayApi,
  admin: Actor,
): Promise<{ organisationId: string; serviceIds: string[] }> {
  const organisation = await api.call<{ id: string }>('POST', '/organisations', {
    token: admin.accessToken,
    expect: 201,
    body: { slug: 'vichy', name: 'Vichy', kind: 'commune' },
  });
  for (const service of SERVICES) {
    await api.call('POST', `/organisations/${organisation.id}/services`, {
      token: admin.accessToken,
      expect: 201,
      body: { code: service.code, name: service.name, category: service.category },
    });
  }
  const read = await api.call<{ services: Array<{ id: string; code: string }> }>(
    'GET',
    `/organisations/${organisation.id}`,
  );
  const serviceIds = SERVICES.map((service) => {
    const found = read.services.find((candidate) => candidate.code === service.code);
    if (!found) throw new Error(`Service ${service.code} was not created`);
    return found.id;
  });
  return { organisationId: organisation.id, serviceIds };
}

export async function anAgent(
  api: GatewayApi,
  admin: Actor,
  organisationId: string,
  serviceIds: string[],
  runId: string,
): Promise<Actor> {
  const email = `agent.${runId}@vichy.example.fr`;
  await api.call('POST', '/admin/agents', {
    token: admin.accessToken,
    expect: 201,
    body: {
      email,
      password: BENCH_PASSWORD,
      firstName: 'Dominique',
      lastName: 'Moulin',
      organisationId,
      serviceIds,
      roles: ['agent'],
    },
  });
  return api.logIn(email);
}

function procedureBody(
  serviceId: string,
  season: string,
  title: string,
  window: { opensAt: Date; closesAt: Date },
  capacity: number | null,
  requiresDocument: boolean,
): Record<string, unknown> {
  return {
    municipalServiceId: serviceId,
    season,
    title,
    description:
      'Inscriptions pour la saison. Munissez-vous d’un justificatif de domicile de moins de 3 mois.',
    form: FORM,
    requiredDocuments: requiresDocument ? [{ documentType: DOCUMENT_TYPE, required: true }] : [],
    eligibility: {},
    opensAt: window.opensAt.toISOString(),
    closesAt: window.closesAt.toISOString(),
    capacity,
    validationMode: 'manual',
    grant: {
      kind: 'activity-booking',
      activityCode: 'accueil-de-loisirs',
      activityName: 'Accueil de loisirs',
    },
    status: 'published',
  };
}

/** Procedures open now, each requiring the proof of address, for the drafts to submit. */
export async function submitProcedures(
  api: GatewayApi,
  agent: Actor,
  serviceIds: string[],
  season: string,
  count: number,
  capacity: number,
): Promise<string[]> {
  const now = Date.now();
  const window = {
    opensAt: new Date(now - 86_400_000),
    closesAt: new Date(now + 60 * 86_400_000),
  };
  const procedures = await inParallel(count, SETUP_CONCURRENCY, (index) =>
    api.call<ProcedureView>('POST', '/agent/procedures', {
      token: agent.accessToken,
      expect: 201,
      body: procedureBody(
        serviceIds[index % serviceIds.length],
        season,
        `${SERVICES[index % SERVICES.length].name} — session ${Math.floor(index / SERVICES.length) + 1}`,
        window,
        capacity,
        true,
      ),
    }),
  );
  return procedures.map((procedure) => procedure.id);
}

/** Procedures of this season and the two before, two per service, for the list. */
export async function listProcedures(
  api: GatewayApi,
  agent: Actor,
  serviceIds: string[],
  currentSeason: string,
): Promise<ProcedureView[]> {
  const bodies: Array<Record<string, unknown>> = [];
  for (const years of [-2, -1, 0]) {
    const season = shiftSeason(currentSeason, years);
    const first = Number(season.slice(0, 4));
    const window = {
      opensAt: new Date(Date.UTC(first, 4, 1, 6)),
      closesAt: new Date(Date.UTC(first + 1, 5, 30, 20)),
    };
    serviceIds.forEach((serviceId, service) => {
      for (let n = 0; n < LIST_PROCEDURES_PER_SERVICE_AND_SEASON; n += 1) {
        const kind = n === 0 ? 'inscription annuelle' : 'mercredis et vacances';
        bodies.push(
          procedureBody(
            serviceId,
            season,
            `${SERVICES[service].name} ${season} — ${kind}`,
            window,
            null,
            false,
          ),
        );
      }
    });
  }
  return inParallel(bodies.length, SETUP_CONCURRENCY, (index) =>
    api.call<ProcedureView>('POST', '/agent/procedures', {
      token: agent.accessToken,
      expect: 201,
      body: bodies[index],
    }),
  );
}

/** A verified family with a household, one child and the PDF uploaded, all through the gateway. */
export async function aFamily(
  api: GatewayApi,
  identity: IdentityAccess,
  runId: string,
  index: number,
  pdf: Buffer,
): Promise<Family> {
  const firstName = FIRST_NAMES[(index * 7) % FIRST_NAMES.length];
  const lastName = LAST_NAMES[(index * 11) % LAST_NAMES.length];
  const actor = await aVerifiedFamily(api, identity, {
    email: `famille.${runId}.${index}@example.fr`,
    firstName: 'Camille',
    lastName,
  });
  const household = await api.call<HouseholdView>('POST', '/households', {
    token: actor.accessToken,
    expect: 201,
    body: {
      guardian: {
        civility: 'madame',
        firstName: 'Camille',
        lastName,
        relationship: 'mother',
        phone: '06 12 34 56 78',
        address: { line1: `${index + 1} rue de Paris`, postalCode: '03200', city: 'Vichy' },
        commune: { name: 'Vichy' },
      },
    },
  });
  await api.call('POST', `/households/${household.id}/children`, {
    token: actor.accessToken,
    expect: 201,
    body: { firstName, lastName, birthDate: '2017-03-12', sex: 'female', schoolLevel: 'CE2' },
  });
  const full = await api.call<HouseholdView>('GET', '/me/household', { token: actor.accessToken });
  const child = full.children[0];
  if (!child) throw new Error(`The child of family ${index} was not created`);
  const document = await upload(api.baseUrl, uploadRequest('gateway', actor, household.id, pdf));
  return { index, actor, householdId: household.id, childId: child.id, documentId: document.id };
}

async function upload(baseUrl: string, parts: RequestParts): Promise<DocumentView> {
  const response = await fetch(`${baseUrl}${parts.path}`, {
    method: 'POST',
    headers: parts.headers,
    body: parts.body,
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`upload: ${response.status} ${text}`);
  return JSON.parse(text) as DocumentView;
}

export function uploadRequest(
  target: TargetName,
  actor: Actor,
  householdId: string,
  pdf: Buffer,
): RequestParts {
  const query = new URLSearchParams({ documentType: DOCUMENT_TYPE, fileName: DOCUMENT_FILE_NAME });
  if (target === 'bare') {
    query.set('householdId', householdId);
    query.set('accountId', actor.accountId);
  }
  return {
    method: 'POST',
    path: `/api/v1/me/documents?${query.toString()}`,
    headers: {
      'content-type': 'application/pdf',
      ...(target === 'gateway' ? { authorization: `Bearer ${actor.accessToken}` } : {}),
    },
    body: pdf,
  };
}

/**
 * The drafts: one per family through the gateway (the child, the answers, the PDF attached),
 * then the same draft for every other submit procedure, copied with SQL (new id and reference,
 * the procedure's service and season, the attached document and the "draft" history row).
 */
export async function prepareDrafts(
  api: GatewayApi,
  enrolmentDb: Client,
  families: Family[],
  procedureIds: string[],
): Promise<Draft[]> {
  const [first, ...others] = procedureIds;
  const templates = await inParallel(families.length, SETUP_CONCURRENCY, (index) => {
    const family = families[index];
    return api.call<ApplicationView>('POST', '/me/applications', {
      token: family.actor.accessToken,
      expect: 201,
      body: {
        procedureId: first,
        childId: family.childId,
        answers: ANSWERS,
        documents: [{ documentType: DOCUMENT_TYPE, documentId: family.documentId }],
      },
    });
  });
  const templateIds = templates.map((template) => template.id);
  if (others.length) {
    await enrolmentDb.query('BEGIN');
    try {
      await enrolmentDb.query(
        `INSERT INTO applications (id, reference, procedure_id, organisation_id,
           municipal_service_id, season, household_id, child_id, child, child_search, status,
           answers, summary, message, school_assignment, holds_place, filed_by_kind,
           filed_by_account_id, submitted_at, decided_at, created_at, updated_at)
         SELECT gen_random_uuid(),
                'D-' || left(p.season, 4) || '-' || lpad(nextval('application_reference_seq')::text, 6, '0'),
                p.id, p.organisation_id, p.municipal_service_id, p.season, t.household_id,
                t.child_id, t.child, t.child_search, 'draft', t.answers, t.summary, NULL, NULL,
                false, t.filed_by_kind, t.filed_by_account_id, NULL, NULL, t.created_at,
                t.updated_at
           FROM applications t CROSS JOIN procedures p
          WHERE t.id = ANY($1::uuid[]) AND p.id = ANY($2::uuid[])`,
        [templateIds, others],
      );
      await enrolmentDb.query(
        `INSERT INTO application_documents
           (application_id, document_id, document_type, file_name, content_type, size)
         SELECT a.id, ad.document_id, ad.document_type, ad.file_name, ad.content_type, ad.size
           FROM applications t
           JOIN application_documents ad ON ad.application_id = t.id
           JOIN applications a ON a.child_id = t.child_id AND a.procedure_id = ANY($2::uuid[])
          WHERE t.id = ANY($1::uuid[])`,
        [templateIds, others],
      );
      await enrolmentDb.query(
        `INSERT INTO application_history (application_id, status, at, actor_kind, actor_account_id)
         SELECT a.id, 'draft', a.created_at, 'family', a.filed_by_account_id
           FROM applications a WHERE a.procedure_id = ANY($1::uuid[])`,
        [others],
      );
      await enrolmentDb.query('COMMIT');
    } catch (error) {
      await enrolmentDb.query('ROLLBACK');
      throw error;
    }
  }
  const { rows } = await enrolmentDb.query<{ id: string; child_id: string }>(
    `SELECT id, child_id FROM applications
      WHERE procedure_id = ANY($1::uuid[]) AND status = 'draft' ORDER BY id`,
    [procedureIds],
  );
  const byChild = new Map(families.map((family) => [family.childId, family]));
  return shuffled(
    rows.map((row) => {
      const family = byChild.get(row.child_id);
      if (!family) throw new Error(`Draft ${row.id} of an unknown child`);
      return { id: row.id, family };
    }),
  );
}

/**
 * The applications of the list, in one INSERT … SELECT over generate_series: 2.5 applications
 * per child on average (catering, after-school care… over three seasons), two children per
 * household, names from the lists above, submissions spread from May to March of each season
 * (up to now for this one), statuses by season (this one: drafts, submitted, information
 * requested, decided; earlier ones: decided or withdrawn), 3 % filed by an agent at the
 * counter. Answers and summary are those of the drafts, so rows are as wide as real ones.
 */
export async function insertListApplications(
  enrolmentDb: Client,
  count: number,
  procedures: ProcedureView[],
  currentSeason: string,
  template: { answers: unknown; summary: unknown },
): Promise<void> {
  const children = Math.ceil(count / 2.5);
  await enrolmentDb.query(
    `WITH params AS (
       SELECT $1::text[] AS firsts, $2::text[] AS firsts_search, $3::text[] AS lasts,
              $4::text[] AS lasts_search, $5::uuid[] AS procedures, $8::text AS current_season,
              $11::text[] AS levels
     ),
     numbered AS (
       SELECT i, i % $7::int AS c, i / $7::int AS k,
              hashint4(i * 8 + 5) & 2147483647 AS h_time,
              hashint4(i * 8 + 6) & 2147483647 AS h_status,
              hashint4(i * 8 + 7) & 2147483647 AS h_filer
         FROM generate_series(0, $6::int - 1) AS i
     ),
     rows AS (
       SELECT n.*, p.id AS procedure_id, p.organisation_id, p.municipal_service_id, p.season,
              md5('child-' || n.c)::uuid AS child_id,
              md5('household-' || (n.c / 2))::uuid AS household_id,
              md5('account-' || (n.c / 2))::uuid AS account_id,
              (hashint4(n.c * 8 + 1) & 2147483647) % cardinality(params.firsts) + 1 AS first_index,
              (hashint4((n.c / 2) * 8 + 2) & 2147483647) % cardinality(params.lasts) + 1 AS last_index,
              date '2011-09-01' + (hashint4(n.c * 8 + 3) & 2147483647) % 4000 AS birth_date,
              make_timestamptz(left(p.season, 4)::int, 5, 1, 8, 0, 0, 'Europe/Paris') AS opened,
              least(make_timestamptz(left(p.season, 4)::int + 1, 3, 31, 18, 0, 0, 'Europe/Paris'),
                    now() - interval '1 hour') AS closed,
              CASE WHEN p.season = params.current_season THEN
                CASE WHEN n.h_status % 100 < 8 THEN 'draft'
                     WHEN n.h_status % 100 < 50 THEN 'submitted'
                     WHEN n.h_status % 100 < 57 THEN 'information-requested'
                     WHEN n.h_status % 100 < 90 THEN 'accepted'
                     WHEN n.h_status % 100 < 95 THEN 'rejected'
                     ELSE 'withdrawn' END
              ELSE
                CASE WHEN n.h_status % 100 < 80 THEN 'accepted'
                     WHEN n.h_status % 100 < 90 THEN 'rejected'
                     ELSE 'withdrawn' END
              END AS status,
              params.firsts, params.firsts_search, params.lasts, params.lasts_search, params.levels
         FROM numbered n CROSS JOIN params
         JOIN procedures p
           ON p.id = params.procedures[1 + ((hashint4(n.c * 8 + 4) & 2147483647) + n.k * 7)
                                           % cardinality(params.procedures)]
     ),
     timed AS (
       SELECT r.*,
              r.opened + (r.h_time / 2147483648.0)::float8 * (r.closed - r.opened) AS at
         FROM rows r
     )
     INSERT INTO applications (id, reference, procedure_id, organisation_id, municipal_service_id,
       season, household_id, child_id, child, child_search, status, answers, summary, message,
       school_assignment, holds_place, filed_by_kind, filed_by_account_id, submitted_at,
       decided_at, created_at, updated_at)
     SELECT gen_random_uuid(),
            'D-' || left(t.season, 4) || '-' || lpad(nextval('application_reference_seq')::text, 6, '0'),
            t.procedure_id, t.organisation_id, t.municipal_service_id, t.season, t.household_id,
            t.child_id,
            jsonb_build_object('id', t.child_id, 'firstName', t.firsts[t.first_index],
              'lastName', t.lasts[t.last_index], 'birthDate', t.birth_date::text,
              'schoolLevel', t.levels[1 + (t.birth_date - date '2011-09-01') / 366]),
            t.firsts_search[t.first_index] || ' ' || t.lasts_search[t.last_index] || ' ' ||
              t.lasts_search[t.last_index] || ' ' || t.firsts_search[t.first_index],
            t.status, $9::jsonb, $10::jsonb,
            CASE WHEN t.status = 'information-requested'
                 THEN 'Merci de joindre l''attestation CAF de moins de 3 mois.' END,
            NULL,
            t.status IN ('submitted', 'information-requested', 'accepted'),
            CASE WHEN t.h_filer % 100 < 3 THEN 'agent' ELSE 'family' END,
            CASE WHEN t.h_filer % 100 < 3 THEN md5('agent-' || t.h_filer % 5)::uuid
                 ELSE t.account_id END,
            CASE WHEN t.status = 'draft' THEN NULL ELSE t.at END,
            CASE WHEN t.status IN ('accepted', 'rejected')
                 THEN least(t.at + ((t.h_filer % 20) + 1) * interval '1 day', now()) END,
            t.at - (t.h_status % 5) * interval '1 day',
            CASE WHEN t.status IN ('accepted', 'rejected')
                 THEN least(t.at + ((t.h_filer % 20) + 1) * interval '1 day', now())
                 ELSE t.at END
       FROM timed t`,
    [
      FIRST_NAMES,
      FIRST_NAMES.map(searchable),
      LAST_NAMES,
      LAST_NAMES.map(searchable),
      procedures.map((procedure) => procedure.id),
      count,
      children,
      currentSeason,
      JSON.stringify(template.answers),
      JSON.stringify(template.summary),
      SCHOOL_LEVELS.slice(1, 12).reverse(),
    ],
  );
  await enrolmentDb.query('ANALYZE applications, procedures, application_documents, documents');
}
