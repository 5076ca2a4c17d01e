import { Writable } from 'node:stream';
import { createLogger } from './create-logger';
import { redact, scrubString, type RedactionLimits } from './redact';

const IBAN = 'FR76 3000 6000 0112 3456 7890 189';
const BASE64 = Buffer.from('x'.repeat(300)).toString('base64');

/** A pino logger writing into an array, for what really reaches a line. */
function capturingLogger(): {
  lines: () => Array<Record<string, unknown>>;
  logger: ReturnType<typeof createLogger>;
} {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ service: 'test', level: 'info', destination });
  return {
    logger,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('redact', () => {
  it('takes denied fields out at any depth and in every spelling', () => {
    const result = redact({
      err: { meta: { body: { currentPassword: 'a', new_password: 'b', email: 'c@d.fr' } } },
      headers: { Authorization: 'Bearer x', cookie: 'sid=1', 'idempotency-key': 'k-1' },
      credentials: [{ accessToken: 'at' }, { refreshToken: 'rt' }, { token: 't' }],
      message: { html: '<p>…</p>', text: 'Bonjour', subject: 'Votre compte' },
      document: { contentBase64: 'AAAA', fileName: 'a.pdf' },
      bank: { iban: 'x', bic: 'AGRIFRPP' },
    });
    expect(result).toEqual({
      err: {
        meta: {
          body: { currentPassword: '[redacted]', new_password: '[redacted]', email: 'c@d.fr' },
        },
      },
      headers: { Authorization: '[redacted]', cookie: '[redacted]', 'idempotency-key': 'k-1' },
      credentials: [
        { accessToken: '[redacted]' },
        { refreshToken: '[redacted]' },
        { token: '[redacted]' },
      ],
      message: { html: '[redacted]', text: '[redacted]', subject: 'Votre compte' },
      document: { contentBase64: '[redacted]', fileName: 'a.pdf' },
      bank: { iban: '[redacted]', bic: '[redacted]' },
    });
  });

  it('walks arrays of objects and keeps their order', () => {
    const result = redact({ rows: [{ n: 1, password: 'p' }, [{ n: 2 }, { n: 3, secret: 's' }]] });
    expect(result).toEqual({
      rows: [{ n: 1, password: '[redacted]' }, [{ n: 2 }, { n: 3, secret: '[redacted]' }]],
    });
  });

  it('scrubs values: IBANs, base64 blobs, query strings, bearer tokens and JWTs', () => {
    expect(scrubString(`virement depuis ${IBAN} reçu`)).toBe('virement depuis [iban] reçu');
    expect(scrubString('FR7630006000011234567890189')).toBe('[iban]');
    expect(scrubString(`contenu ${BASE64}`)).toBe('contenu [base64]');
    expect(scrubString('GET /api/v1/accounts/verify?token=abc&x=1 failed')).toBe(
      'GET /api/v1/accounts/verify?[redacted] failed',
    );
    expect(scrubString('see https://portail.fr/reset?token=abc#top')).toBe(
      'see https://portail.fr/reset?[redacted]#top',
    );
    expect(scrubString('header Bearer abc.def-ghi')).toBe('header Bearer [redacted]');
    expect(scrubString('jwt eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl')).toBe('jwt [redacted]');
    expect(scrubString('Pourquoi ? Parce que.')).toBe('Pourquoi ? Parce que.');
    // A calendar feed's URL is its credential: the token in the path is taken out.
    expect(
      redact({ url: '/api/v1/calendar-feeds/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde.ics' }),
    ).toEqual({ url: '/api/v1/calendar-feeds/[redacted]' });
    expect(scrubString('GET https://p.fr/api/v1/Calendar-Feeds/abc.ics?x=1 done')).toBe(
      'GET https://p.fr/api/v1/Calendar-Feeds/[redacted]?[redacted] done',
    );
    expect(redact({ deep: [{ note: `IBAN ${IBAN}` }] })).toEqual({
      deep: [{ note: 'IBAN [iban]' }],
    });
  });

  it('writes an error without the values a driver error carries', () => {
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint'), {
      code: '23505',
      constraint: 'uq_accounts_email',
      table: 'accounts',
      column: 'email',
      detail: 'Key (email)=(camille@example.fr) already exists.',
      where: 'camille@example.fr',
    });
    const queryFailed = Object.assign(new Error('duplicate key value violates unique constraint'), {
      query: "INSERT INTO accounts (email) VALUES ('camille@example.fr')",
      parameters: ['camille@example.fr'],
      driverError,
      code: '23505',
    });
    const wrapped = new Error('sign-up failed', { cause: queryFailed });
    const text = JSON.stringify(redact({ err: wrapped }));
    expect(text).not.toContain('camille@example.fr');
    const result = redact({ err: wrapped }) as {
      err: { type: string; cause: { code: string; driverError: Record<string, unknown> } };
    };
    expect(result.err.type).toBe('Error');
    expect(result.err.cause.code).toBe('23505');
    expect(result.err.cause.driverError).toMatchObject({
      code: '23505',
      constraint: 'uq_accounts_email',
      table: 'accounts',
      column: 'email',
    });
  });

  it('marks cycles without failing, and keeps shared references that are not cycles', () => {
    const shared = { n: 1 };
    const node: Record<string, unknown> = { name: 'a', shared, again: shared };
    node.self = node;
    node.list = [node, { parent: node }];
    expect(redact(node)).toEqual({
      name: 'a',
      shared: { n: 1 },
      again: { n: 1 },
      self: '[circular]',
      list: ['[circular]', { parent: '[circular]' }],
    });
  });

  it('bounds depth without recursion, even far past the call stack', () => {
    let deep: Record<string, unknown> = { password: 'p' };
    for (let level = 0; level < 100_000; level += 1) deep = { next: deep };
    const limits: RedactionLimits = { maxDepth: 3, maxNodes: 100, maxStringLength: 100 };
    expect(redact(deep, limits)).toEqual({ next: { next: { next: '[depth limit]' } } });
  });

  it('bounds the values visited, for wide arrays and objects', () => {
    const limits: RedactionLimits = { maxDepth: 5, maxNodes: 10, maxStringLength: 100 };
    const array = redact(
      Array.from({ length: 1000 }, (_, index) => index),
      limits,
    ) as unknown[];
    expect(array.length).toBeLessThanOrEqual(11);
    expect(array[array.length - 1]).toMatch(/^\[\d+ more items\]$/);
    const wide = Object.fromEntries(
      Array.from({ length: 1000 }, (_, index) => [`k${index}`, index]),
    );
    const object = redact(wide, limits) as Record<string, unknown>;
    expect(Object.keys(object).length).toBeLessThanOrEqual(11);
    expect(object['[truncated]']).toMatch(/more fields$/);
    expect(scrubString('ab '.repeat(500), 99)).toBe(`${'ab '.repeat(33)}…[truncated]`);
  });

  it('writes bytes, dates and bigints as what a log needs', () => {
    expect(
      redact({ file: Buffer.from('secret'), at: new Date('2026-01-02T03:04:05Z'), n: 10n }),
    ).toEqual({ file: '[binary 6 bytes]', at: '2026-01-02T03:04:05.000Z', n: '10' });
  });
});

describe('createLogger', () => {
  it('never writes a nested secret, an IBAN, a query string or a driver detail', () => {
    const { logger, lines } = capturingLogger();
    const child = logger.child({ request: { authorization: 'Bearer child-secret' } });
    child.info(
      { payments: [{ holder: 'Camille', accounts: [{ iban: IBAN }, { note: `IBAN ${IBAN}` }] }] },
      'payment for /api/v1/pay?token=query-secret',
    );
    logger.error(
      {
        err: Object.assign(new Error('duplicate key'), {
          code: '23505',
          detail: 'Key (email)=(dup@example.fr) already exists.',
          meta: { body: { currentPassword: 'pw-secret' } },
        }),
      },
      'failed',
    );
    logger.warn(new Error(`GET https://x.fr/a?token=err-secret`));
    const text = lines()
      .map((line) => JSON.stringify(line))
      .join('\n');
    for (const secret of [
      'child-secret',
      'query-secret',
      'dup@example.fr',
      'pw-secret',
      'err-secret',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toContain('3000 6000');
    expect(lines()[1]).toMatchObject({ err: { code: '23505', type: 'Error' }, msg: 'failed' });
  });
});

describe('redact: card shops', () => {
  it('takes out the shop keys of the card provider', () => {
    expect(
      redact({
        shop: { siteId: '12345678', testKey: 'k1', production_key: 'k2' },
        CARD_SHOPS: '{}',
      }),
    ).toEqual({
      shop: { siteId: '12345678', testKey: '[redacted]', production_key: '[redacted]' },
      CARD_SHOPS: '[redacted]',
    });
  });
});
