import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { TestSystem } from '@portail/testing';
import { DataSource } from 'typeorm';
import { aFamily, aSignUp, postJson, type Actor } from '../support/identity-actors';
import { aHouseholdOf } from '../support/households';
import { startSystem } from '../support/services';

const IBAN = 'FR76 3000 6000 0112 3456 7890 189';

/**
 * Every log line of a run through the gateway, with the real services, is scanned for the
 * secrets and personal values the run used: passwords, tokens, a document's contents, an IBAN,
 * and the e-mail address a PostgreSQL unique violation names in its `detail`.
 */
describe('security: what logs never hold', () => {
  let system: TestSystem;
  const secrets = new Set<string>();

  beforeAll(async () => {
    // Debug lines too: redaction must hold whatever the level.
    system = await startSystem(['identity', 'enrolment'], { LOG_LEVEL: 'debug' });
  });

  afterAll(async () => {
    await system?.close();
  });

  const remember = (actor: Actor): Actor => {
    secrets.add(actor.password).add(actor.accessToken).add(actor.refreshToken);
    return actor;
  };

  async function aHousehold(actor: Actor): Promise<void> {
    await aHouseholdOf(system, actor);
  }

  it('keeps a supporting document’s contents out', async () => {
    const family = remember(await aFamily(system));
    await aHousehold(family);
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(6000)]);
    const base64 = bytes.toString('base64');
    // Any 64-character run of the contents would be a leak, not only the whole of it.
    for (let start = 0; start + 64 <= base64.length; start += 512) {
      secrets.add(base64.slice(start, start + 64));
    }
    const query = new URLSearchParams({
      documentType: 'justificatif-de-domicile',
      fileName: 'justificatif.pdf',
    });
    const response = await fetch(`${system.gatewayUrl}/api/v1/me/documents?${query.toString()}`, {
      method: 'POST',
      headers: { ...family.authorization, 'content-type': 'application/pdf' },
      body: bytes,
    });
    expect(response.status).toBe(201);
  });

  it('keeps passwords out of a refused password change', async () => {
    const family = remember(await aFamily(system));
    const wrongPassword = `Pas-le-bon-${randomBytes(6).toString('hex')}`;
    const newPassword = `Nouveau-${randomBytes(6).toString('hex')}`;
    secrets.add(wrongPassword).add(newPassword);
    const response = await postJson(
      system,
      '/me/password',
      { currentPassword: wrongPassword, newPassword },
      family.authorization,
      'PUT',
    );
    expect(response.status).toBe(403);
  });

  it('keeps the values of a unique violation out', async () => {
    const first = remember(await aFamily(system));
    // A second sign-up with a taken address (answered like the first, by design).
    const again = aSignUp({ email: first.email });
    secrets.add(again.password);
    expect((await postJson(system, '/accounts', again)).status).toBe(202);

    // A real driver error, with the address in its detail and parameters, logged by a service.
    const other = remember(await aFamily(system));
    const dataSource = system.service('identity').app.get(DataSource);
    const error = await dataSource
      .query('UPDATE accounts SET email_normalized = $1 WHERE id = $2', [
        first.email.toLowerCase(),
        other.accountId,
      ])
      .then(
        () => undefined,
        (failure: unknown) => failure,
      );
    const naming: unknown = expect.stringContaining(first.email);
    expect(error).toMatchObject({ code: '23505', detail: naming });
    system.service('identity').logger.error({ err: error, attempt: { error } }, 'update failed');
    new Logger('LogRedactionSpec').error(error);
    secrets.add(first.email);
  });

  it('keeps an IBAN out, nested in an array of objects', () => {
    system.service('enrolment').logger.info(
      {
        refunds: [
          { household: 'Dumas', accounts: [{ iban: IBAN, bic: 'AGRIFRPP837' }] },
          { note: `virement vers ${IBAN}` },
        ],
      },
      `refund to ${IBAN.replace(/ /g, '')}`,
    );
    secrets.add(IBAN).add(IBAN.replace(/ /g, '')).add('AGRIFRPP837');
  });

  it('finds none of them in any log line of the run', async () => {
    // pino writes asynchronously: let the last lines arrive.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(system.logs.lines.length).toBeGreaterThan(0);
    const hashes = await system.query<{ password_hash: string }>(
      'identity',
      'SELECT password_hash FROM accounts',
    );
    for (const { password_hash } of hashes) secrets.add(password_hash);
    const leaks: string[] = [];
    for (const line of system.logs.lines) {
      const text = JSON.stringify(line);
      for (const secret of secrets) if (text.includes(secret)) leaks.push(`${secret} in ${text}`);
    }
    expect(leaks).toEqual([]);
    // What failed is still said: the code and constraint, without the values.
    const failed = system.logs.lines.find(
      (line) => line.msg === 'update failed' && line.service === 'identity',
    );
    const anyString: unknown = expect.any(String);
    expect(failed?.err).toMatchObject({ code: '23505', constraint: anyString });
  });
});
