import {
  findDirectoryCommune,
  inseeCodeOf,
  sameCommune,
  type AddressAnswer,
  type Answers,
  type CommuneOfResidence,
  type CommuneQuery,
  type DirectoryCommune,
  type FieldCommune,
  type FormDefinition,
  type FormField,
  type ResidenceDiscrepancy,
  type ResolvedCommune,
} from '@portail/contracts';
import { visibleFields } from './answers';

/*
 * Residence in forms: the communes that questions ask about and that answers give are linked to
 * the directory (an unknown commune is kept as typed, `inDirectory: false`), and the answers
 * whose field declares a residence meaning are compared with the household's communes. A
 * contradiction is a discrepancy kept on the application for the agent, not a refusal.
 */

/** A commune given by name, INSEE code or id, linked to the directory when it is one of its own. */
export function resolveCommune(
  directory: readonly DirectoryCommune[],
  query: CommuneQuery,
): ResolvedCommune | undefined {
  const known = findDirectoryCommune(directory, query);
  if (known) {
    return {
      organisationId: known.id,
      inseeCode: known.inseeCode ?? inseeCodeOf(query.inseeCode) ?? null,
      name: known.name,
      inDirectory: true,
    };
  }
  const name = query.name?.trim();
  const code = inseeCodeOf(query.inseeCode) ?? inseeCodeOf(name) ?? null;
  if (!name && !code) return undefined;
  return { organisationId: null, inseeCode: code, name: name || code!, inDirectory: false };
}

/**
 * The form as it is stored: the commune of each `resides-in-commune` question linked to the
 * directory (the directory's name and id), or kept as typed and flagged.
 */
export function withLinkedCommunes(
  form: FormDefinition,
  directory: readonly DirectoryCommune[],
): FormDefinition {
  return {
    fields: form.fields.map((field) => {
      if (!field.commune) return field;
      const resolved = resolveCommune(directory, {
        name: field.commune.name,
        inseeCode: field.commune.inseeCode,
        // An id the directory does not know is dropped: the name or code then decides.
        organisationId: directory.some((commune) => commune.id === field.commune?.organisationId)
          ? field.commune.organisationId
          : null,
      });
      return resolved ? { ...field, commune: resolved satisfies FieldCommune } : field;
    }),
  };
}

/** Whether any field of the form names a commune to link. */
export function formNamesCommunes(form: FormDefinition): boolean {
  return Array.isArray(form?.fields) && form.fields.some((field) => field?.commune != null);
}

/** The commune an answer gives: an address's city, or a commune-of-residence text. */
function communeQueryOf(field: FormField, value: unknown): CommuneQuery | undefined {
  if (field.type === 'address' && typeof value === 'object' && value !== null) {
    return { name: (value as AddressAnswer).city };
  }
  if (field.type === 'text' && field.semantics === 'commune-of-residence') {
    return typeof value === 'string' ? { name: value } : undefined;
  }
  return undefined;
}

/** By field key, the commune of each address answer and commune-of-residence answer. */
export function answerCommunes(
  form: FormDefinition,
  answers: Answers,
  directory: readonly DirectoryCommune[],
): Record<string, ResolvedCommune> {
  const communes: Record<string, ResolvedCommune> = {};
  for (const field of visibleFields(form, answers)) {
    const query = communeQueryOf(field, answers[field.key]);
    const resolved = query && resolveCommune(directory, query);
    if (resolved) communes[field.key] = resolved;
  }
  return communes;
}

function livesIn(household: CommuneOfResidence[], commune: ResolvedCommune): boolean {
  return household.some((candidate) => sameCommune(candidate, commune));
}

function listed(names: string[]): string {
  if (names.length < 2) return names.join('');
  return `${names.slice(0, -1).join(', ')} et ${names[names.length - 1]}`;
}

/**
 * The answers that contradict where the household lives. A household without a commune of
 * residence contradicts nothing (there is nothing to compare with).
 */
export function residenceDiscrepancies(
  form: FormDefinition,
  answers: Answers,
  communes: Record<string, ResolvedCommune>,
  household: CommuneOfResidence[],
): ResidenceDiscrepancy[] {
  if (!household.length) return [];
  const householdNames = [...new Set(household.map((commune) => commune.name))];
  const where = listed(householdNames);
  const discrepancies: ResidenceDiscrepancy[] = [];
  for (const field of visibleFields(form, answers)) {
    const answer = answers[field.key];
    if (field.semantics === 'resides-in-commune' && field.commune && typeof answer === 'boolean') {
      const commune: ResolvedCommune = {
        organisationId: field.commune.organisationId ?? null,
        inseeCode: field.commune.inseeCode ?? null,
        name: field.commune.name ?? field.commune.inseeCode ?? '',
        inDirectory: field.commune.inDirectory ?? false,
      };
      if (livesIn(household, commune) === answer) continue;
      const said = answer ? 'Oui' : 'Non';
      discrepancies.push({
        field: field.key,
        question: field.label,
        answer: said,
        commune,
        householdCommunes: householdNames,
        message: `Réponse « ${said} » à « ${field.label} » alors que le foyer réside à ${where}.`,
      });
    } else if (field.semantics === 'commune-of-residence' && communes[field.key]) {
      const commune = communes[field.key];
      if (livesIn(household, commune)) continue;
      discrepancies.push({
        field: field.key,
        question: field.label,
        answer: commune.name,
        commune,
        householdCommunes: householdNames,
        message: `La commune indiquée à « ${field.label} » (${commune.name}) n’est pas celle où réside le foyer (${where}).`,
      });
    }
  }
  return discrepancies;
}

/** Whether linking the answers needs the directory's communes (an address or commune answer). */
export function formNeedsDirectory(form: FormDefinition): boolean {
  return form.fields.some(
    (field) => field.type === 'address' || field.semantics === 'commune-of-residence',
  );
}

/** What an application keeps of its answers' residence: linked communes and discrepancies. */
export function residenceOf(
  form: FormDefinition,
  answers: Answers,
  directory: readonly DirectoryCommune[],
  household: CommuneOfResidence[],
): {
  answerCommunes: Record<string, ResolvedCommune>;
  residenceDiscrepancies: ResidenceDiscrepancy[];
} {
  const communes = answerCommunes(form, answers, directory);
  return {
    answerCommunes: communes,
    residenceDiscrepancies: residenceDiscrepancies(form, answers, communes, household),
  };
}
