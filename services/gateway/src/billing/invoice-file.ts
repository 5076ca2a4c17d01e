import { pdfDownloadResponse } from '../files/pdf-download';

/** The 200 of an invoice download. */
export const INVOICE_PDF = pdfDownloadResponse(
  'The PDF, as an attachment named facture-<year>-<number>.pdf',
);
