import { StreamableFile } from '@nestjs/common';
import type { ApiResponseOptions } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

/**
 * `attachment` with the file name twice (RFC 6266): an ASCII fallback for old clients and the
 * exact UTF-8 name (RFC 8187) for the others. For certificates, invoices and documents alike (a
 * document's name was already sanitised by enrolment).
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

/** A file a service sends whole, its bytes in base64 (a certificate, an invoice). */
export interface Base64File {
  contentBase64: string;
  contentType: string;
  fileName: string;
}

/** The file's bytes, decoded from the service's base64, as a download never cached. */
export function fileDownload(reply: FastifyReply, file: Base64File): StreamableFile {
  const bytes = Buffer.from(file.contentBase64, 'base64');
  void reply
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff');
  return new StreamableFile(bytes, {
    type: file.contentType,
    length: bytes.length,
    disposition: attachmentDisposition(file.fileName),
  });
}

/** The 200 of a PDF download described by `description`; its problems stay application/problem+json. */
export function pdfDownloadResponse(description: string): ApiResponseOptions {
  return {
    status: 200,
    description,
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
    headers: {
      'Content-Disposition': {
        description: 'attachment; filename="…"; filename*=UTF-8\'\'…',
        schema: { type: 'string' },
      },
    },
  };
}
