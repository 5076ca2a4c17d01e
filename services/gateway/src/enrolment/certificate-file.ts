import { pdfDownloadResponse } from '../files/pdf-download';

export { attachmentDisposition } from '../files/pdf-download';

/** The 200 of a certificate route. */
export const CERTIFICATE_PDF = pdfDownloadResponse(
  'The PDF, as an attachment named certificat-inscription-<reference>.pdf',
);
