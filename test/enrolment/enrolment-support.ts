/**
 * Actors and data for enrolment's end-to-end tests, all made through the gateway: an
 * organisation with its services and schools, agents of some of its services, families with
 * a household and children, published procedures and uploaded documents.
 */
import type {
  ApplicationView,
  CreateProcedureCommand,
  DocumentView,
  FormDefinition,
  HouseholdView,
  ProcedureView,
} from '@portail/contracts';
import type { TestSystem } from '@portail/testing';
import { expectStatus, type Agent } from '../support/directory-actors';
import { aFamily, type Actor } from '../support/identity-actors';
import { api, type JsonResponse } from '../identity/directory-support';

export {
  anAgent,
  anOrganisation,
  aSchool,
  expectStatus,
  serviceOf,
  type Agent,
  type Organisation,
} from '../support/directory-actors';
export { eventually } from '../support/eventually';

export interface Family {
  actor: Actor;
  household: HouseholdView;
}

export interface ChildInput {
  firstName: string;
  lastName?: string;
  birthDate: string;
  schoolLevel?: string;
}

/** A verified family with a household living in `commune`, and the given children. */
export async function aFamilyWithChildren(
  system: TestSystem,
  children: ChildInput[],
  commune: { organisationId?: string; name?: string; inseeCode?: string } = { name: 'Vichy' },
  lastName = 'Durand',
): Promise<Family> {
  const actor = await aFamily(system, { lastName });
  const household = expectStatus(
    await api<HouseholdView>(system, 'POST', '/households', {
      headers: actor.authorization,
      body: {
        guardian: {
          civility: 'madame',
          firstName: 'Camille',
          lastName,
          relationship: 'mother',
          phone: '06 12 34 56 78',
          address: { line1: '12 rue de Paris', postalCode: '03200', city: 'Vichy' },
          commune,
        },
      },
    }),
    201,
  );
  for (const child of children) {
    expectStatus(
      await api(system, 'POST', `/households/${household.id}/children`, {
        headers: actor.authorization,
        body: {
          firstName: child.firstName,
          lastName: child.lastName ?? lastName,
          birthDate: child.birthDate,
          sex: 'female',
          ...(child.schoolLevel && { schoolLevel: child.schoolLevel }),
        },
      }),
      201,
    );
  }
  const full = expectStatus(
    await api<HouseholdView>(system, 'GET', '/me/household', { headers: actor.authorization }),
    200,
  );
  return { actor, household: full };
}

/** A procedure written by an agent of its service, published unless said otherwise. */
export async function aProcedure(
  system: TestSystem,
  agent: Agent,
  command: Partial<CreateProcedureCommand> & { municipalServiceId: string; form?: FormDefinition },
): Promise<ProcedureView> {
  const now = Date.now();
  return expectStatus(
    await api<ProcedureView>(system, 'POST', '/agent/procedures', {
      headers: agent.actor.authorization,
      body: {
        season: '2026-2027',
        title: 'Démarche de test',
        description: 'Texte explicatif de la démarche.',
        form: { fields: [] },
        requiredDocuments: [],
        eligibility: {},
        opensAt: new Date(now - 86_400_000).toISOString(),
        closesAt: new Date(now + 30 * 86_400_000).toISOString(),
        validationMode: 'manual',
        grant: { kind: 'none' },
        status: 'published',
        ...command,
      },
    }),
    201,
  );
}

export async function uploadDocument(
  system: TestSystem,
  actor: Actor,
  bytes: Buffer,
  query: { documentType: string; fileName: string; validUntil?: string; householdId?: string },
  contentType = 'application/pdf',
): Promise<JsonResponse<DocumentView>> {
  const search = new URLSearchParams(query as Record<string, string>);
  const response = await fetch(`${system.gatewayUrl}/api/v1/me/documents?${search.toString()}`, {
    method: 'POST',
    headers: { ...actor.authorization, 'content-type': contentType },
    body: bytes,
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: (text ? JSON.parse(text) : {}) as DocumentView,
  };
}

/** A small but real PDF (what the type sniffing looks at is the `%PDF-` header). */
export function aPdf(text = 'Justificatif'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );
}

export async function startDraft(
  system: TestSystem,
  family: Family,
  body: Record<string, unknown>,
): Promise<JsonResponse<ApplicationView>> {
  return api<ApplicationView>(system, 'POST', '/me/applications', {
    headers: family.actor.authorization,
    body,
  });
}

export async function submit(
  system: TestSystem,
  actor: Actor,
  applicationId: string,
): Promise<JsonResponse<ApplicationView>> {
  return api<ApplicationView>(system, 'POST', `/me/applications/${applicationId}/submit`, {
    headers: actor.authorization,
  });
}
