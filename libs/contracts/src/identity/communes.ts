import { INSEE_CODE_PATTERN } from './households';

/*
 * Communes given by name or INSEE code, resolved against the directory (the organisations of
 * kind `commune`). Identity links a household's commune of residence with it; enrolment links
 * the communes of procedures' forms and of families' answers, and compares them with the
 * household's. One rule for both: an organisation id, else the INSEE code, else the name with
 * accents, case, hyphens, apostrophes and spaces ignored ("bellerive sur allier" is
 * "Bellerive-sur-Allier"). A name shared by two communes of the directory links to neither.
 */

/** A commune of the directory, as the resolution needs it. */
export interface DirectoryCommune {
  id: string;
  name: string;
  inseeCode: string | null;
}

/** A commune as someone wrote it: any of the three, the first given winning. */
export interface CommuneQuery {
  organisationId?: string | null;
  inseeCode?: string | null;
  name?: string | null;
}

/** A commune of residence, linked (organisationId) or kept as typed (organisationId null). */
export interface CommuneLike {
  organisationId: string | null;
  inseeCode: string | null;
  name: string;
}

/** The form of a commune's name that comparisons use: no accents, case or punctuation. */
export function communeNameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The INSEE code a text holds when it is one (`03310`, `2a004`), else undefined. */
export function inseeCodeOf(text: string | null | undefined): string | undefined {
  const code = text?.trim().toUpperCase();
  return code && INSEE_CODE_PATTERN.test(code) ? code : undefined;
}

/** The directory's commune the query names, or undefined (unknown, or ambiguous by name). */
export function findDirectoryCommune<T extends DirectoryCommune>(
  directory: readonly T[],
  query: CommuneQuery,
): T | undefined {
  if (query.organisationId) return directory.find((commune) => commune.id === query.organisationId);
  const code = inseeCodeOf(query.inseeCode) ?? inseeCodeOf(query.name);
  if (code) {
    const byCode = directory.find((commune) => commune.inseeCode === code);
    if (byCode || !query.name || inseeCodeOf(query.name)) return byCode;
  }
  if (!query.name?.trim()) return undefined;
  const key = communeNameKey(query.name);
  const byName = directory.filter((commune) => communeNameKey(commune.name) === key);
  return byName.length === 1 ? byName[0] : undefined;
}

/** Whether two communes are the same place (by directory id, else INSEE code, else name). */
export function sameCommune(a: CommuneLike, b: CommuneLike): boolean {
  if (a.organisationId && b.organisationId) return a.organisationId === b.organisationId;
  if (a.inseeCode && b.inseeCode) return a.inseeCode === b.inseeCode;
  return communeNameKey(a.name) === communeNameKey(b.name);
}
