import { afterColon, counted, frenchNumericDate } from '@portail/contracts';
import {
  isCalendarDate,
  type AddressAnswer,
  type Answers,
  type AnswerValue,
  type FieldError,
  type FormDefinition,
  type FormField,
  type SummaryLine,
} from '@portail/contracts';

const MAX_TEXT_LENGTH = 2000;
const POSTAL_CODE = /^\d{5}$/;

export interface AnswerContext {
  /** Children of the household: a `child` field must name one of them. */
  children: Array<{ id: string; firstName: string; lastName: string }>;
}

export interface CheckedAnswers {
  errors: FieldError[];
  /** The answers of visible fields only: hidden fields' answers are dropped, not stored. */
  answers: Answers;
}

/** Whether a field is shown, given the answers so far (a condition on a hidden field is false). */
export function visibleFields(form: FormDefinition, answers: Answers): FormField[] {
  const visible = new Map<string, FormField>();
  for (const field of form.fields) {
    const condition = field.visibleWhen;
    if (condition) {
      if (!visible.has(condition.field)) continue;
      const answer = answers[condition.field];
      const given = Array.isArray(answer) ? answer : [answer];
      if (!given.some((value) => condition.equals.includes(value as string | number | boolean))) {
        continue;
      }
    }
    visible.set(field.key, field);
  }
  return [...visible.values()];
}

function isEmpty(value: AnswerValue | null | undefined): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** The problem with one non-empty answer, or undefined when it is acceptable. */
function answerProblem(
  field: FormField,
  value: AnswerValue,
  context: AnswerContext,
): string | undefined {
  switch (field.type) {
    case 'text': {
      if (typeof value !== 'string') return 'La réponse doit être un texte.';
      const length = value.trim().length;
      const max = field.max ?? MAX_TEXT_LENGTH;
      if (length > Math.min(max, MAX_TEXT_LENGTH)) {
        return `La réponse ne doit pas dépasser ${Math.min(max, MAX_TEXT_LENGTH)} caractères.`;
      }
      if (field.min != null && length < field.min) {
        return `La réponse doit compter au moins ${field.min} caractères.`;
      }
      if (field.pattern && !new RegExp(`^(?:${field.pattern})$`, 'u').test(value.trim())) {
        return field.patternMessage ?? "La réponse n'a pas le format attendu.";
      }
      return undefined;
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value))
        return 'La réponse doit être un nombre.';
      if (field.min != null && value < field.min) return `La valeur minimale est ${field.min}.`;
      if (field.max != null && value > field.max) return `La valeur maximale est ${field.max}.`;
      return undefined;
    }
    case 'date': {
      if (!isCalendarDate(value)) return 'La réponse doit être une date valide (AAAA-MM-JJ).';
      if (field.minDate && value < field.minDate) {
        return `La date doit être au plus tôt le ${frenchNumericDate(field.minDate)}.`;
      }
      if (field.maxDate && value > field.maxDate) {
        return `La date doit être au plus tard le ${frenchNumericDate(field.maxDate)}.`;
      }
      return undefined;
    }
    case 'single-choice': {
      if (typeof value !== 'string' || !field.options?.some((option) => option.value === value)) {
        return 'Choisissez une des options proposées.';
      }
      return undefined;
    }
    case 'multiple-choice': {
      if (
        !Array.isArray(value) ||
        !value.every((item) => field.options?.some((option) => option.value === item))
      ) {
        return 'Choisissez parmi les options proposées.';
      }
      if (new Set(value).size !== value.length) return 'Une option est choisie deux fois.';
      if (field.min != null && value.length < field.min) {
        return `Choisissez au moins ${counted(field.min, 'option')}.`;
      }
      if (field.max != null && value.length > field.max) {
        return `Choisissez au plus ${counted(field.max, 'option')}.`;
      }
      return undefined;
    }
    case 'yes-no':
      return typeof value === 'boolean' ? undefined : 'Répondez par oui ou par non.';
    case 'consent':
      if (typeof value !== 'boolean') return 'Cochez la case pour donner votre accord.';
      return field.required && !value ? 'Votre accord est nécessaire pour continuer.' : undefined;
    case 'child':
      return typeof value === 'string' && context.children.some((child) => child.id === value)
        ? undefined
        : 'Choisissez un enfant de votre foyer.';
    case 'address':
      return addressProblem(value);
  }
}

function addressProblem(value: AnswerValue): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return "L'adresse doit comporter une voie, un code postal et une commune.";
  }
  const address = value;
  const text = (item: unknown, max: number) =>
    typeof item === 'string' && item.trim().length > 0 && item.length <= max;
  if (!text(address.line1, 200))
    return "La voie de l'adresse est obligatoire (200 caractères au plus).";
  if (address.line2 != null && (typeof address.line2 !== 'string' || address.line2.length > 200)) {
    return "Le complément d'adresse ne doit pas dépasser 200 caractères.";
  }
  if (typeof address.postalCode !== 'string' || !POSTAL_CODE.test(address.postalCode)) {
    return 'Le code postal doit comporter 5 chiffres.';
  }
  if (!text(address.city, 100)) return 'La commune est obligatoire (100 caractères au plus).';
  const keys = Object.keys(address).filter(
    (key) => !['line1', 'line2', 'postalCode', 'city'].includes(key),
  );
  return keys.length ? `Champ d'adresse inconnu : ${keys.join(', ')}.` : undefined;
}

function normalised(field: FormField, value: AnswerValue): AnswerValue {
  if (typeof value === 'string') return value.trim();
  if (field.type === 'address') {
    const address = value as AddressAnswer;
    return {
      line1: address.line1.trim(),
      line2: address.line2?.trim() || null,
      postalCode: address.postalCode,
      city: address.city.trim(),
    };
  }
  return value;
}

/**
 * Checks answers against the form. A draft (`complete: false`) may leave required fields
 * empty, but what it gives must already be of the right kind, so nothing unusable is stored.
 */
export function checkAnswers(
  form: FormDefinition,
  given: Answers,
  context: AnswerContext,
  complete: boolean,
): CheckedAnswers {
  const errors: FieldError[] = [];
  const known = new Set(form.fields.map((field) => field.key));
  for (const key of Object.keys(given)) {
    if (!known.has(key)) {
      errors.push({
        field: `answers.${key}`,
        message: "Cette question n'existe pas dans le formulaire.",
      });
    }
  }
  const answers: Answers = {};
  for (const field of visibleFields(form, given)) {
    const value = given[field.key];
    if (isEmpty(value)) {
      if (complete && field.required) {
        errors.push({
          field: `answers.${field.key}`,
          message: `« ${field.label} » : une réponse est obligatoire.`,
        });
      }
      continue;
    }
    const problem = answerProblem(field, value as AnswerValue, context);
    if (problem && (complete || field.type !== 'consent' || typeof value !== 'boolean')) {
      errors.push({
        field: `answers.${field.key}`,
        message: `« ${field.label} » : ${afterColon(problem)}`,
      });
      continue;
    }
    answers[field.key] = normalised(field, value as AnswerValue);
  }
  return { errors, answers };
}

/** Step 3, the "récapitulatif": every visible answered question as the family reads it. */
export function summaryOf(
  form: FormDefinition,
  answers: Answers,
  context: AnswerContext,
): SummaryLine[] {
  const lines: SummaryLine[] = [];
  for (const field of visibleFields(form, answers)) {
    const value = answers[field.key];
    if (isEmpty(value)) continue;
    lines.push({ label: field.label, value: displayed(field, value as AnswerValue, context) });
  }
  return lines;
}

function displayed(field: FormField, value: AnswerValue, context: AnswerContext): string {
  const optionLabel = (item: string) =>
    field.options?.find((option) => option.value === item)?.label ?? item;
  switch (field.type) {
    case 'date':
      return frenchNumericDate(value as string);
    case 'single-choice':
      return optionLabel(value as string);
    case 'multiple-choice':
      return (value as string[]).map(optionLabel).join(', ');
    case 'yes-no':
      return value ? 'Oui' : 'Non';
    case 'consent':
      return value ? 'Accord donné' : 'Accord non donné';
    case 'child': {
      const child = context.children.find((candidate) => candidate.id === value);
      return child ? `${child.firstName} ${child.lastName}` : 'Enfant du foyer';
    }
    case 'address': {
      const address = value as AddressAnswer;
      return [address.line1, address.line2, `${address.postalCode} ${address.city}`]
        .filter(Boolean)
        .join(', ');
    }
    case 'number':
      return (value as number).toLocaleString('fr-FR');
    case 'text':
      return value as string;
  }
}
