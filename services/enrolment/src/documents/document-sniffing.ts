import type { DocumentContentType } from '@portail/contracts';

/**
 * The type of a supporting document from its first bytes (magic numbers), never from its name:
 * PDF, JPEG or PNG; undefined for anything else. Each magic must be at offset 0: a PDF starts
 * with `%PDF-` (PDF readers tolerate junk before it, which lets a polyglot file, e.g. HTML with a
 * PDF header further on, pass as a PDF, so it is refused).
 */
export function sniffDocumentType(bytes: Buffer): DocumentContentType | undefined {
  const startsWith = (signature: number[]) =>
    bytes.length >= signature.length && signature.every((byte, index) => bytes[index] === byte);
  if (startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  return undefined;
}
