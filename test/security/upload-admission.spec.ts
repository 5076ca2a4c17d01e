import { connect, type Socket } from 'node:net';
import type { TestSystem } from '@portail/testing';
import { aFamily, type Actor } from '../support/identity-actors';
import { startSystem } from '../support/services';

const UPLOAD_PATH = '/api/v1/me/documents?documentType=justificatif-de-domicile&fileName=a.pdf';
const GATEWAY_MAX_BYTES = 64 * 1024;
const REQUEST_TIMEOUT_MS = 1500;
const RATE_LIMIT = 15;

interface RawAnswer {
  /** HTTP status, or undefined when the server closed without answering. */
  status?: number;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds from sending the head to the answer or the close. */
  elapsedMs: number;
  /** Whether the server closed the connection. */
  closed: boolean;
}

/**
 * Sends a request head and `sentBody` over a raw socket, then nothing more (as a stalled client
 * would), and resolves with the first complete answer, or when the server closes the socket.
 */
function rawUpload(
  gatewayUrl: string,
  headers: Record<string, string>,
  sentBody: Buffer = Buffer.alloc(0),
  path = UPLOAD_PATH,
): { answer: Promise<RawAnswer>; socket: Socket } {
  const { hostname, port } = new URL(gatewayUrl);
  const socket = connect(Number(port), hostname);
  const started = Date.now();
  const answer = new Promise<RawAnswer>((resolve, reject) => {
    let received = Buffer.alloc(0);
    let settled = false;
    const settle = (closed: boolean) => {
      const text = received.toString('latin1');
      const headEnd = text.indexOf('\r\n\r\n');
      if (headEnd < 0 && !closed) return;
      const head = headEnd < 0 ? '' : text.slice(0, headEnd);
      const [statusLine = '', ...lines] = head.split('\r\n');
      const parsed: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        parsed[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const body = headEnd < 0 ? '' : text.slice(headEnd + 4);
      const length = Number(parsed['content-length'] ?? NaN);
      if (!closed && Number.isFinite(length) && Buffer.byteLength(body, 'latin1') < length) return;
      if (settled) return;
      settled = true;
      const status = /^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1];
      resolve({
        status: status ? Number(status) : undefined,
        headers: parsed,
        body,
        elapsedMs: Date.now() - started,
        closed,
      });
    };
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      settle(false);
    });
    socket.on('close', () => settle(true));
    socket.on('error', (error) => {
      if (!settled) reject(error);
    });
  });
  const head =
    `POST ${path} HTTP/1.1\r\nhost: ${hostname}:${port}\r\n` +
    Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('') +
    '\r\n';
  socket.write(Buffer.concat([Buffer.from(head, 'latin1'), sentBody]));
  return { answer, socket };
}

describe('security: document uploads are admitted before their body is read', () => {
  let system: TestSystem;
  let family: Actor;
  const sockets: Socket[] = [];

  function upload(headers: Record<string, string>, sentBody?: Buffer, path?: string) {
    const request = rawUpload(system.gatewayUrl, headers, sentBody, path);
    sockets.push(request.socket);
    return request;
  }

  beforeAll(async () => {
    system = await startSystem(['identity', 'enrolment'], {
      DOCUMENT_UPLOAD_MAX_BYTES: String(GATEWAY_MAX_BYTES),
      MAX_CONCURRENT_UPLOADS: '1',
      HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
      // Per route and IP: the few uploads of the tests above pass, the burst of the last not.
      RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
    });
    family = await aFamily(system);
  }, 120_000);

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.destroy();
  });

  afterAll(async () => {
    await system?.close();
  });

  it('refuses a request without a token or with an invalid one at once, body unread', async () => {
    const headers = { 'content-type': 'application/pdf', 'content-length': '50000' };
    const anonymous = await upload(headers).answer;
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(anonymous.body)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(anonymous.elapsedMs).toBeLessThan(REQUEST_TIMEOUT_MS);

    const forged = await upload({ ...headers, authorization: 'Bearer eyJhbGciOi.forged.token' })
      .answer;
    expect(forged.status).toBe(401);
    expect(JSON.parse(forged.body)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(forged.elapsedMs).toBeLessThan(REQUEST_TIMEOUT_MS);
  });

  it('refuses an unauthenticated content file upload (JSON) before reading its body too', async () => {
    const answer = await upload(
      { 'content-type': 'application/json', 'content-length': '500000' },
      Buffer.from('{"fileName":'),
      '/api/v1/content/files',
    ).answer;
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(answer.elapsedMs).toBeLessThan(REQUEST_TIMEOUT_MS);
  });

  it('refuses a declared Content-Length over the limit at once with 413', async () => {
    const answer = await upload({
      ...family.authorization,
      'content-type': 'application/pdf',
      'content-length': String(GATEWAY_MAX_BYTES + 1),
    }).answer;
    expect(answer.status).toBe(413);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(answer.body)).toMatchObject({
      code: 'DOCUMENT_TOO_LARGE',
      details: { maxBytes: GATEWAY_MAX_BYTES },
    });
    expect(answer.elapsedMs).toBeLessThan(REQUEST_TIMEOUT_MS);
  });

  it('answers 503 SERVICE_BUSY with Retry-After past MAX_CONCURRENT_UPLOADS, then frees the slot', async () => {
    const headers = {
      ...family.authorization,
      'content-type': 'application/pdf',
      'content-length': '10000',
    };
    const stalled = upload(headers, Buffer.from('%PDF-1.4\n'));
    // Let the first upload take the only slot.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const busy = await upload(headers).answer;
    expect(busy.status).toBe(503);
    expect(busy.headers['retry-after']).toMatch(/^\d+$/);
    expect(JSON.parse(busy.body)).toMatchObject({ code: 'SERVICE_BUSY' });
    expect(busy.elapsedMs).toBeLessThan(REQUEST_TIMEOUT_MS);

    stalled.socket.destroy();
    await stalled.answer;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
    const response = await fetch(`${system.gatewayUrl}${UPLOAD_PATH}`, {
      method: 'POST',
      headers: { ...family.authorization, 'content-type': 'application/pdf' },
      body: pdf,
    });
    // Admitted: the enrolment service answers (this family has no household yet).
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'HOUSEHOLD_NOT_FOUND' });
  });

  it('closes, or answers 408 to, a client that sends part of a body then stalls', async () => {
    const answer = await upload(
      { ...family.authorization, 'content-type': 'application/pdf', 'content-length': '10000' },
      Buffer.from('%PDF-1.4\n'),
    ).answer;
    if (answer.status !== undefined) expect(answer.status).toBe(408);
    else expect(answer.closed).toBe(true);
    expect(answer.elapsedMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
    expect(answer.elapsedMs).toBeLessThan(REQUEST_TIMEOUT_MS * 3);
  }, 20_000);

  it('refuses an upload over the rate limit with 429 before checking its token or body', async () => {
    const headers = { 'content-type': 'application/pdf', 'content-length': '50000' };
    const statuses: number[] = [];
    let limited: RawAnswer | undefined;
    for (let attempt = 0; attempt <= RATE_LIMIT && !limited; attempt += 1) {
      const answer = await upload(headers).answer;
      statuses.push(answer.status ?? 0);
      if (answer.status === 429) limited = answer;
    }
    expect(statuses.slice(0, -1).every((status) => status === 401)).toBe(true);
    expect(limited?.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited?.headers['retry-after']).toMatch(/^\d+$/);
    expect(JSON.parse(limited?.body ?? '{}')).toMatchObject({ code: 'RATE_LIMITED' });
  });
});
