import type {
  AnswerValue,
  Answers,
  ChildView,
  FormDefinition,
  FormField,
  PrefillSource,
} from '@portail/contracts';
import { checkAnswers } from './answers';

/** What of the child's record (identity) the prefill reads: its health. */
export type ChildRecord = Pick<ChildView, 'health'>;

/** The answer a field prefilled from `source` takes, or undefined when the record says nothing. */
function valueFrom(
  source: PrefillSource,
  field: FormField,
  child: ChildRecord,
): AnswerValue | undefined {
  const { allergies, pai, paiDetails } = child.health;
  switch (source) {
    case 'child.allergies':
      if (field.type === 'yes-no') return allergies.length > 0;
      return allergies.length ? allergies.join(', ') : undefined;
    case 'child.pai':
      return pai;
    case 'child.pai-details':
      return paiDetails?.trim() || undefined;
  }
}

export interface Prefill {
  /** The answers to store: those given, plus the prefilled ones. */
  answers: Answers;
  /** Keys of the prefilled answers, for the family to confirm. */
  prefilled: string[];
}

/**
 * Fills, from the child's record, the answers of the fields that declare `prefillFrom` and
 * that the family has not given yet. Fields are taken in form order, so that a field shown only
 * when an earlier prefilled answer calls for it (the PAI once allergies are known) is filled
 * too; a value the field would refuse (too long a list for the field's bound) is left out.
 */
export function prefillFromChild(
  form: FormDefinition,
  given: Answers,
  child: ChildRecord,
): Prefill {
  const answers: Answers = { ...given };
  const prefilled: string[] = [];
  for (const field of form.fields) {
    if (!field.prefillFrom || (answers[field.key] !== undefined && answers[field.key] !== null)) {
      continue;
    }
    const value = valueFrom(field.prefillFrom, field, child);
    if (value === undefined) continue;
    const candidate = { ...answers, [field.key]: value };
    const checked = checkAnswers(form, candidate, { children: [] }, false);
    if (checked.errors.some((error) => error.field === `answers.${field.key}`)) continue;
    if (!(field.key in checked.answers)) continue; // hidden by a condition
    answers[field.key] = value;
    prefilled.push(field.key);
  }
  return { answers, prefilled };
}

/** The prefilled answers still to confirm once the family sent `sent` (any answer confirms). */
export function stillToConfirm(prefilled: string[], sent: Answers | undefined): string[] {
  if (!sent) return prefilled;
  return prefilled.filter((key) => !(key in sent));
}
