import type { DocumentContentType } from '@portail/contracts';

/** PDF readers accept the `%PDF-` header anywhere in the first 1024 bytes (some scanners add junk). */
const PDF_HEADER_WINDOW = 1024;

/**
 * The type of a supporting document from its first bytes (magic numbers), never from its name:
 * PDF, JPEG or PNG; undefined for anything else.
 */
export function sniffDocumentType(bytes: Buffer): DocumentContentType | undefined {
  const startsWith = (signature: number[]) =>
    bytes.length >= signature.length && signature.every((byte, index) => bytes[index] === byte);
  if (startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (bytes.subarray(0, PDF_HEADER_WINDOW).includes('%PDF-', 0, 'latin1')) return 'application/pdf';
  return undefined;
}
