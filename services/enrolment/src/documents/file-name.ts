import type { DocumentContentType } from '@portail/contracts';

const MAX_LENGTH = 150;
const FALLBACK = 'document';

const EXTENSIONS: Record<DocumentContentType, string[]> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
};
const KNOWN = new Set(Object.values(EXTENSIONS).flat());

/**
 * Control characters, those Windows forbids or that shells and headers misread, and the
 * invisible bidirectional marks that can disguise an extension ("facture\u202Efdp.exe").
 */
function isUnsafe(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff ||
    '<>:"|?*;'.includes(character)
  );
}

/**
 * A file name safe to store and to send back in Content-Disposition: the last path segment
 * only, no control or reserved characters, bounded length. With the sniffed type, the
 * extension is made to match it ("scan.pdf" holding a PNG becomes "scan.png"), so that a
 * downloaded file opens with the right application.
 */
export function sanitiseFileName(raw: string, contentType?: DocumentContentType): string {
  const lastSegment = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  let name = [...lastSegment]
    .map((character) => (isUnsafe(character) ? '_' : character))
    .join('')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (!name) name = FALLBACK;
  if (contentType) {
    const dot = name.lastIndexOf('.');
    const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
    if (!EXTENSIONS[contentType].includes(extension)) {
      const base = KNOWN.has(extension) ? name.slice(0, dot) : name;
      name = `${base}.${EXTENSIONS[contentType][0]}`;
    }
  }
  if (name.length > MAX_LENGTH) {
    const dot = name.lastIndexOf('.');
    const extension = dot > 0 && name.length - dot <= 6 ? name.slice(dot) : '';
    name = name.slice(0, MAX_LENGTH - extension.length).trimEnd() + extension;
  }
  return name;
}
