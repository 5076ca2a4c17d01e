/**
 * The directory as tests need it, made through the gateway by an administrator: an
 * organisation with some municipal services and schools, and agents of some of its services.
 */
import type { TestSystem } from '@portail/testing';
import { api, uniqueSlug, type JsonResponse } from '../identity/directory-support';
import { A_PASSWORD, logIn, uniqueEmail, type Actor } from './identity-actors';

export interface Organisation {
  id: string;
  name: string;
  services: Array<{ id: string; code: string }>;
}

export interface Agent {
  id: string;
  actor: Actor;
}

/** Fails with the response body when the status is not the expected one. */
export function expectStatus<T>(response: JsonResponse<T>, status: number): T {
  if (response.status !== status) {
    throw new Error(
      `Expected ${status}, got ${response.status}: ${JSON.stringify(response.body, null, 2)}`,
    );
  }
  return response.body;
}

export function serviceOf(organisation: Organisation, code: string): string {
  const service = organisation.services.find((candidate) => candidate.code === code);
  if (!service) throw new Error(`No service ${code} in ${organisation.name}`);
  return service.id;
}

export async function anOrganisation(
  system: TestSystem,
  admin: Actor,
  name: string,
  codes: string[],
): Promise<Organisation> {
  const created = expectStatus(
    await api<Organisation>(system, 'POST', '/organisations', {
      headers: admin.authorization,
      body: { slug: uniqueSlug(name.toLowerCase()), name, kind: 'commune' },
    }),
    201,
  );
  for (const code of codes) {
    expectStatus(
      await api(system, 'POST', `/organisations/${created.id}/services`, {
        headers: admin.authorization,
        body: { code, name: `Service ${code}`, category: 'other' },
      }),
      201,
    );
  }
  return expectStatus(await api<Organisation>(system, 'GET', `/organisations/${created.id}`), 200);
}

export async function aSchool(
  system: TestSystem,
  admin: Actor,
  organisation: Organisation,
  name: string,
  address: { addressLine1: string; postalCode: string; city: string },
  kind: 'maternelle' | 'elementaire' = 'elementaire',
): Promise<{ id: string; name: string }> {
  return expectStatus(
    await api<{ id: string; name: string }>(
      system,
      'POST',
      `/organisations/${organisation.id}/schools`,
      { headers: admin.authorization, body: { name, kind, address } },
    ),
    201,
  );
}

export async function anAgent(
  system: TestSystem,
  admin: Actor,
  organisation: Organisation,
  codes: string[],
  firstName = 'Dominique',
  { lastName = 'AGENT', roles = ['agent'] }: { lastName?: string; roles?: string[] } = {},
): Promise<Agent> {
  const email = uniqueEmail(lastName === 'AGENT' ? 'agent' : lastName.toLowerCase());
  const created = expectStatus(
    await api<{ id: string }>(system, 'POST', '/admin/agents', {
      headers: admin.authorization,
      body: {
        email,
        password: A_PASSWORD,
        firstName,
        lastName,
        organisationId: organisation.id,
        serviceIds: codes.map((code) => serviceOf(organisation, code)),
        roles,
      },
    }),
    201,
  );
  const pair = await logIn(system, email, A_PASSWORD);
  return {
    id: created.id,
    actor: {
      accountId: created.id,
      email,
      password: A_PASSWORD,
      accessToken: pair.accessToken,
      refreshToken: pair.refreshToken,
      authorization: { authorization: `Bearer ${pair.accessToken}` },
    },
  };
}
