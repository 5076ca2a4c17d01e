import { startDisposableNats, type DisposableNats, type TestSystem } from '@portail/testing';
import { anOrganisation } from '../support/directory-actors';
import { anAdmin, type Actor } from '../support/identity-actors';
import { startSystem } from '../support/services';

/** Small enough that a list of a few dozen organisations exceeds it, large enough for the rest. */
const MAX_PAYLOAD_BYTES = 8 * 1024;

/**
 * A reply larger than NATS carries used to throw MAX_PAYLOAD_EXCEEDED in the service's reply
 * path and end the process. It must become a clean 413, and the live service keep answering.
 */
describe('a reply too large for NATS', () => {
  let nats: DisposableNats;
  let system: TestSystem;
  let admin: Actor;

  beforeAll(async () => {
    nats = await startDisposableNats({ maxPayloadBytes: MAX_PAYLOAD_BYTES });
    system = await startSystem(['identity'], { NATS_URL: nats.url });
    admin = await anAdmin(system);
  });

  afterAll(async () => {
    await system?.close();
    await nats?.dispose();
  });

  it('answers 413 PAYLOAD_TOO_LARGE, and the service still answers afterwards', async () => {
    const organisations = [];
    for (let index = 0; index < 40; index += 1) {
      organisations.push(await anOrganisation(system, admin, `Commune${index}`, ['cantine']));
    }

    const list = await fetch(`${system.gatewayUrl}/api/v1/organisations`);
    expect(list.status).toBe(413);
    expect(list.headers.get('content-type')).toContain('application/problem+json');
    expect(await list.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });

    const one = await fetch(`${system.gatewayUrl}/api/v1/organisations/${organisations[0].id}`);
    expect(one.status).toBe(200);
    expect(system.service('identity').app).toBeDefined();
  });
});
