import type { TestSystem } from '@portail/testing';
import { api } from '../identity/directory-support';
import type { Actor } from './identity-actors';

/** The household every fixture family declares: Camille Dumas, 3 rue de Paris, Vichy. Returns its id. */
export async function aHouseholdOf(system: TestSystem, actor: Actor): Promise<string> {
  const household = await api<{ id: string }>(system, 'POST', '/households', {
    headers: actor.authorization,
    body: {
      guardian: {
        civility: 'madame',
        firstName: 'Camille',
        lastName: 'Dumas',
        relationship: 'mother',
        phone: '06 12 34 56 78',
        email: actor.email,
        address: { line1: '3 rue de Paris', postalCode: '03200', city: 'Vichy' },
        commune: { name: 'Vichy', inseeCode: '03310' },
      },
    },
  });
  expect(household.status).toBe(201);
  return household.body.id;
}
