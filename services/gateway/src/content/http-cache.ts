import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Public content is revalidated on every use (`max-age=0, must-revalidate`): the ETag is a
 * hash of the response itself, so an edit, a publication or a scheduled start changes it at
 * once, and a cache or browser that still holds the same bytes gets 304 without a body.
 * Responses that depend on a signed-in caller (audience rules) are private.
 */
export function cacheable<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  body: T,
  signedIn: boolean,
): T | undefined {
  const etag = `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;
  void reply
    .header('etag', etag)
    .header('cache-control', `${signedIn ? 'private' : 'public'}, max-age=0, must-revalidate`)
    .header('vary', 'Authorization');
  if (matches(request.headers['if-none-match'], etag)) {
    void reply.status(304);
    return undefined;
  }
  return body;
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((candidate) => candidate.trim().replace(/^W\//, ''))
    .some((candidate) => candidate === etag || candidate === '*');
}
