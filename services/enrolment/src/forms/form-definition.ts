import {
  FIELD_SEMANTICS,
  FIELD_SEMANTICS_TYPES,
  FORM_FIELD_TYPES,
  PREFILL_SOURCES,
  PREFILL_SOURCE_TYPES,
  MAX_FIELD_OPTIONS,
  MAX_FORM_FIELDS,
  isCalendarDate,
  type FieldError,
  type FormDefinition,
  type FormField,
} from '@portail/contracts';

const KEY_PATTERN = /^[a-z][a-zA-Z0-9-]{0,47}$/;
const CHOICE_TYPES = new Set(['single-choice', 'multiple-choice']);

/**
 * Checks a procedure's form before it is stored: a definition that cannot be answered (a
 * condition on an unknown field, a choice without options, a pattern that does not compile)
 * would otherwise only show when families are stuck. Returns one error per problem.
 */
export function formDefinitionErrors(form: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const fields = (form as FormDefinition | null)?.fields;
  if (!Array.isArray(fields)) {
    return [{ field: 'form.fields', message: 'Le formulaire doit contenir une liste de champs.' }];
  }
  if (fields.length > MAX_FORM_FIELDS) {
    errors.push({
      field: 'form.fields',
      message: `Le formulaire ne peut pas dépasser ${MAX_FORM_FIELDS} champs.`,
    });
  }
  const seen = new Map<string, FormField>();
  fields.forEach((candidate: unknown, index) => {
    const path = `form.fields[${index}]`;
    const problem = (suffix: string, message: string) =>
      errors.push({ field: `${path}${suffix}`, message });
    if (typeof candidate !== 'object' || candidate === null) {
      problem('', 'Chaque champ doit être un objet.');
      return;
    }
    const field = candidate as FormField;
    if (typeof field.key !== 'string' || !KEY_PATTERN.test(field.key)) {
      problem(
        '.key',
        'La clé doit commencer par une lettre minuscule et ne contenir que des lettres, chiffres ou tirets (48 caractères au plus).',
      );
    } else if (seen.has(field.key)) {
      problem('.key', `La clé « ${field.key} » est déjà utilisée par un autre champ.`);
    }
    if (!(FORM_FIELD_TYPES as readonly string[]).includes(field.type)) {
      problem('.type', `Le type doit être l'un de : ${FORM_FIELD_TYPES.join(', ')}.`);
    }
    if (typeof field.label !== 'string' || !field.label.trim() || field.label.length > 300) {
      problem('.label', 'Le libellé est obligatoire (300 caractères au plus).');
    }
    if (field.help != null && (typeof field.help !== 'string' || field.help.length > 2000)) {
      problem('.help', "L'aide doit être un texte de 2000 caractères au plus.");
    }
    if (typeof field.required !== 'boolean') {
      problem('.required', 'required doit valoir true ou false.');
    }
    if (CHOICE_TYPES.has(field.type)) {
      const options = field.options;
      if (!Array.isArray(options) || options.length === 0 || options.length > MAX_FIELD_OPTIONS) {
        problem(
          '.options',
          `Un champ à choix doit proposer entre 1 et ${MAX_FIELD_OPTIONS} options.`,
        );
      } else {
        const values = new Set<string>();
        options.forEach((option, optionIndex) => {
          if (
            typeof option?.value !== 'string' ||
            !option.value.trim() ||
            typeof option.label !== 'string' ||
            !option.label.trim()
          ) {
            problem(`.options[${optionIndex}]`, 'Chaque option a une valeur et un libellé.');
          } else if (values.has(option.value)) {
            problem(`.options[${optionIndex}]`, `L'option « ${option.value} » est en double.`);
          } else {
            values.add(option.value);
          }
        });
      }
    } else if (field.options != null) {
      problem('.options', 'Seuls les champs à choix ont des options.');
    }
    for (const bound of ['min', 'max'] as const) {
      const value = field[bound];
      if (value != null && (typeof value !== 'number' || !Number.isFinite(value))) {
        problem(`.${bound}`, `${bound} doit être un nombre.`);
      }
    }
    if (field.min != null && field.max != null && field.min > field.max) {
      problem('.min', 'min ne peut pas dépasser max.');
    }
    for (const bound of ['minDate', 'maxDate'] as const) {
      const value = field[bound];
      if (value != null && !isCalendarDate(value)) {
        problem(`.${bound}`, `${bound} doit être une date AAAA-MM-JJ.`);
      }
    }
    if (field.pattern != null) {
      if (field.type !== 'text') {
        problem('.pattern', 'Seuls les champs texte ont un motif.');
      } else if (typeof field.pattern !== 'string' || field.pattern.length > 500) {
        problem(
          '.pattern',
          'Le motif doit être une expression régulière de 500 caractères au plus.',
        );
      } else {
        try {
          new RegExp(field.pattern, 'u');
        } catch {
          problem('.pattern', "Le motif n'est pas une expression régulière valide.");
        }
      }
    }
    const condition = field.visibleWhen;
    if (condition != null) {
      const target = typeof condition.field === 'string' ? seen.get(condition.field) : undefined;
      if (!target) {
        problem(
          '.visibleWhen.field',
          'La condition doit porter sur un champ placé avant celui-ci dans le formulaire.',
        );
      } else if (
        !Array.isArray(condition.equals) ||
        condition.equals.length === 0 ||
        !condition.equals.every((value) => ['string', 'number', 'boolean'].includes(typeof value))
      ) {
        problem('.visibleWhen.equals', 'La condition liste les valeurs qui affichent le champ.');
      }
    }
    meaningProblems(field).forEach(([suffix, message]) => problem(suffix, message));
    if (typeof field.key === 'string' && !seen.has(field.key)) seen.set(field.key, field);
  });
  return errors;
}

/** A field's declared meaning (residence) and prefill source must suit its type. */
function meaningProblems(field: FormField): Array<[string, string]> {
  const problems: Array<[string, string]> = [];
  const semantics = field.semantics;
  if (semantics != null) {
    if (!(FIELD_SEMANTICS as readonly string[]).includes(semantics)) {
      problems.push([
        '.semantics',
        `Le sens du champ doit être l'un de : ${FIELD_SEMANTICS.join(', ')}.`,
      ]);
    } else if (!FIELD_SEMANTICS_TYPES[semantics].includes(field.type)) {
      problems.push([
        '.semantics',
        `Le sens ${semantics} s'applique aux champs ${FIELD_SEMANTICS_TYPES[semantics].join(' ou ')}.`,
      ]);
    }
  }
  const commune = field.commune;
  if (semantics === 'resides-in-commune') {
    if (!commune || !(commune.name?.trim() || commune.inseeCode || commune.organisationId)) {
      problems.push([
        '.commune',
        'Indiquez la commune sur laquelle porte la question (nom ou code INSEE).',
      ]);
    }
  } else if (commune != null) {
    problems.push(['.commune', 'Seule une question resides-in-commune porte une commune.']);
  }
  const source = field.prefillFrom;
  if (source != null) {
    if (!(PREFILL_SOURCES as readonly string[]).includes(source)) {
      problems.push([
        '.prefillFrom',
        `La source du préremplissage doit être l'une de : ${PREFILL_SOURCES.join(', ')}.`,
      ]);
    } else if (!PREFILL_SOURCE_TYPES[source].includes(field.type)) {
      problems.push([
        '.prefillFrom',
        `${source} ne peut préremplir qu'un champ ${PREFILL_SOURCE_TYPES[source].join(' ou ')}.`,
      ]);
    }
  }
  return problems;
}
