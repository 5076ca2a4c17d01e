import { StreamableFile } from '@nestjs/common';
import type { ApiResponseOptions } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CertificateView } from '@portail/contracts';

/**
 * `attachment` with the file name twice (RFC 6266): an ASCII fallback for old clients and the
 * exact UTF-8 name (RFC 8187) for the others. For certificates and documents alike (a document's
 * name was already sanitised by enrolment).
 */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** The certificate's bytes, decoded from the service's base64, as a PDF download never cached. */
export function certificateFile(reply: FastifyReply, certificate: CertificateView): StreamableFile {
  const bytes = Buffer.from(certificate.contentBase64, 'base64');
  void reply
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff');
  return new StreamableFile(bytes, {
    type: certificate.contentType,
    length: bytes.length,
    disposition: attachmentDisposition(certificate.fileName),
  });
}

/** The 200 of a certificate route; its problems stay application/problem+json. */
export const CERTIFICATE_PDF: ApiResponseOptions = {
  status: 200,
  description: 'The PDF, as an attachment named certificat-inscription-<reference>.pdf',
  content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  headers: {
    'Content-Disposition': {
      description: 'attachment; filename="…"; filename*=UTF-8\'\'…',
      schema: { type: 'string' },
    },
  },
};
