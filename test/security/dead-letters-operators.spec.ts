/**
 * Issue 16, item 2: dead letters (whole events, personal data, and a replay that acts again)
 * answer operators only: the operator's tool in the service's container (no person's caller)
 * and administrators; an agent or a family is refused with 403 whatever carried the request.
 */
import { randomUUID } from 'node:crypto';
import { CALLER_HEADER, CommonErrorCode, type Caller } from '@portail/contracts';
import type { TestSystem } from '@portail/testing';
import { httpStatusOf } from '../../services/gateway/src/problems/http-status.mapping';
import { startSystem } from '../support/services';

const AGENT: Caller = {
  kind: 'agent',
  accountId: randomUUID(),
  organisationId: randomUUID(),
  serviceIds: [randomUUID()],
  roles: ['agent', 'supervisor'],
};
const FAMILY: Caller = { kind: 'family', accountId: randomUUID() };
const ADMIN: Caller = { kind: 'admin', accountId: randomUUID() };

describe('dead letters answer operators only', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startSystem(['identity']);
  });

  afterAll(async () => {
    await system?.close();
  });

  const as = (caller?: Caller): Record<string, string> =>
    caller ? { [CALLER_HEADER]: JSON.stringify(caller) } : {};

  it.each([
    ['an agent', AGENT],
    ['a family', FAMILY],
  ])('refuses %s the list and the replay with 403 FORBIDDEN', async (_, caller) => {
    const list = await system.request('identity.dead-letters.list', {}, as(caller));
    const replay = await system.request(
      'identity.dead-letters.replay',
      { id: randomUUID() },
      as(caller),
    );
    for (const reply of [list, replay]) {
      expect(reply.response).toBeUndefined();
      expect(reply.err).toMatchObject({ code: CommonErrorCode.FORBIDDEN });
    }
    expect(httpStatusOf(CommonErrorCode.FORBIDDEN)).toBe(403);
  });

  it.each([
    ['an administrator', ADMIN],
    ["the operator's tool (no person's caller)", undefined],
  ])('answers %s', async (_, caller) => {
    const list = await system.request('identity.dead-letters.list', {}, as(caller));
    expect(list).toMatchObject({ response: [] });
    const replay = await system.request(
      'identity.dead-letters.replay',
      { id: randomUUID() },
      as(caller),
    );
    expect(replay.err).toMatchObject({ code: CommonErrorCode.NOT_FOUND });
  });
});
