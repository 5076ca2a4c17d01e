import { StreamableFile } from '@nestjs/common';
import type { ApiResponseOptions } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { InvoicePdfView } from '@portail/contracts';
import { attachmentDisposition } from '../enrolment/certificate-file';

/** The invoice's bytes, decoded from the service's base64, as a PDF download never cached. */
export function invoiceFile(reply: FastifyReply, pdf: InvoicePdfView): StreamableFile {
  const bytes = Buffer.from(pdf.contentBase64, 'base64');
  void reply
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff');
  return new StreamableFile(bytes, {
    type: pdf.contentType,
    length: bytes.length,
    disposition: attachmentDisposition(pdf.fileName),
  });
}

/** The 200 of an invoice download; its problems stay application/problem+json. */
export const INVOICE_PDF: ApiResponseOptions = {
  status: 200,
  description: 'The PDF, as an attachment named facture-<year>-<number>.pdf',
  content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  headers: {
    'Content-Disposition': {
      description: 'attachment; filename="…"; filename*=UTF-8\'\'…',
      schema: { type: 'string' },
    },
  },
};
