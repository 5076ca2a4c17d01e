import type { FormDefinition } from '@portail/contracts';
import { checkAnswers, summaryOf, visibleFields } from './answers';
import { formDefinitionErrors } from './form-definition';

const form: FormDefinition = {
  fields: [
    { key: 'allergies', type: 'yes-no', label: 'Allergies alimentaires', required: true },
    {
      key: 'allergy-details',
      type: 'text',
      label: 'Précisez les allergies',
      required: true,
      max: 200,
      visibleWhen: { field: 'allergies', equals: [true] },
    },
    {
      key: 'diet',
      type: 'single-choice',
      label: 'Régime',
      required: true,
      options: [
        { value: 'standard', label: 'Standard' },
        { value: 'sans-porc', label: 'Sans porc' },
      ],
    },
    {
      key: 'days',
      type: 'multiple-choice',
      label: 'Jours',
      required: false,
      min: 1,
      max: 2,
      options: [
        { value: 'lundi', label: 'Lundi' },
        { value: 'mardi', label: 'Mardi' },
        { value: 'jeudi', label: 'Jeudi' },
      ],
    },
    { key: 'siblings', type: 'number', label: 'Frères et sœurs', required: false, min: 0, max: 12 },
    {
      key: 'start',
      type: 'date',
      label: 'Début',
      required: false,
      minDate: '2026-09-01',
      maxDate: '2027-07-04',
    },
    {
      key: 'caf',
      type: 'text',
      label: 'Numéro CAF',
      required: false,
      pattern: '\\d{7}',
      patternMessage: 'Le numéro CAF compte 7 chiffres.',
    },
    { key: 'brother', type: 'child', label: 'Frère inscrit', required: false },
    { key: 'billing-address', type: 'address', label: 'Adresse de facturation', required: false },
    { key: 'rules', type: 'consent', label: "J'accepte le règlement", required: true },
  ],
};
const context = {
  children: [
    { id: '0190c0de-0000-7000-8000-000000000001', firstName: 'Léa', lastName: 'Martin' },
    { id: '0190c0de-0000-7000-8000-000000000002', firstName: 'Tom', lastName: 'Martin' },
  ],
};

describe('form definitions', () => {
  it('accepts a consistent form', () => {
    expect(formDefinitionErrors(form)).toEqual([]);
  });

  it('names every inconsistency with its field', () => {
    const errors = formDefinitionErrors({
      fields: [
        { key: 'Bad Key', type: 'text', label: 'A', required: true },
        { key: 'choice', type: 'single-choice', label: 'B', required: true },
        { key: 'choice', type: 'text', label: 'C', required: true, pattern: '(' },
        {
          key: 'later',
          type: 'text',
          label: 'D',
          required: false,
          visibleWhen: { field: 'unknown', equals: ['x'] },
        },
        { key: 'kind', type: 'colour', label: 'E', required: 'yes' },
      ],
    });
    expect(errors.map((error) => error.field)).toEqual([
      'form.fields[0].key',
      'form.fields[1].options',
      'form.fields[2].key',
      'form.fields[2].pattern',
      'form.fields[3].visibleWhen.field',
      'form.fields[4].type',
      'form.fields[4].required',
    ]);
  });

  it('refuses a form that is not a list of fields', () => {
    expect(formDefinitionErrors({})).toEqual([
      { field: 'form.fields', message: 'Le formulaire doit contenir une liste de champs.' },
    ]);
  });
});

describe('answers', () => {
  const valid = {
    allergies: true,
    'allergy-details': '  Arachide  ',
    diet: 'sans-porc',
    days: ['lundi', 'jeudi'],
    siblings: 1,
    start: '2026-09-01',
    caf: '1234567',
    brother: context.children[1].id,
    'billing-address': { line1: '1 place de l’Hôtel de Ville', postalCode: '03200', city: 'Vichy' },
    rules: true,
  };

  it('accepts complete answers, trimmed, and writes the summary in French', () => {
    const checked = checkAnswers(form, valid, context, true);
    expect(checked.errors).toEqual([]);
    expect(checked.answers['allergy-details']).toBe('Arachide');
    expect(summaryOf(form, checked.answers, context)).toEqual([
      { label: 'Allergies alimentaires', value: 'Oui' },
      { label: 'Précisez les allergies', value: 'Arachide' },
      { label: 'Régime', value: 'Sans porc' },
      { label: 'Jours', value: 'Lundi, Jeudi' },
      { label: 'Frères et sœurs', value: '1' },
      { label: 'Début', value: '01/09/2026' },
      { label: 'Numéro CAF', value: '1234567' },
      { label: 'Frère inscrit', value: 'Tom Martin' },
      { label: 'Adresse de facturation', value: '1 place de l’Hôtel de Ville, 03200 Vichy' },
      { label: "J'accepte le règlement", value: 'Accord donné' },
    ]);
  });

  it('gives one field-level error per wrong answer', () => {
    const checked = checkAnswers(
      form,
      {
        allergies: 'oui',
        diet: 'vegan',
        days: ['lundi', 'mardi', 'jeudi'],
        siblings: 40,
        start: '2026-02-30',
        caf: '12',
        brother: '0190c0de-0000-7000-8000-0000000000ff',
        'billing-address': { line1: 'x', postalCode: '3200', city: 'Vichy' },
        rules: false,
        unknown: 'x',
      },
      context,
      true,
    );
    expect(Object.fromEntries(checked.errors.map((error) => [error.field, error.message]))).toEqual(
      {
        'answers.unknown': "Cette question n'existe pas dans le formulaire.",
        'answers.allergies': '« Allergies alimentaires » : répondez par oui ou par non.',
        'answers.diet': '« Régime » : choisissez une des options proposées.',
        'answers.days': '« Jours » : choisissez au plus 2 options.',
        'answers.siblings': '« Frères et sœurs » : la valeur maximale est 12.',
        'answers.start': '« Début » : la réponse doit être une date valide (AAAA-MM-JJ).',
        'answers.caf': '« Numéro CAF » : le numéro CAF compte 7 chiffres.',
        'answers.brother': '« Frère inscrit » : choisissez un enfant de votre foyer.',
        'answers.billing-address':
          '« Adresse de facturation » : le code postal doit comporter 5 chiffres.',
        'answers.rules': "« J'accepte le règlement » : votre accord est nécessaire pour continuer.",
      },
    );
  });

  it('requires the required visible fields only, and drops hidden answers', () => {
    const checked = checkAnswers(
      form,
      { allergies: false, 'allergy-details': 'oubliée', diet: 'standard' },
      context,
      true,
    );
    expect(checked.errors).toEqual([
      {
        field: 'answers.rules',
        message: "« J'accepte le règlement » : une réponse est obligatoire.",
      },
    ]);
    expect(checked.answers).toEqual({ allergies: false, diet: 'standard' });
    expect(visibleFields(form, { allergies: true }).map((field) => field.key)).toContain(
      'allergy-details',
    );
  });

  it('lets a draft leave required answers empty but not give malformed ones', () => {
    expect(checkAnswers(form, { allergies: true, rules: false }, context, false).errors).toEqual(
      [],
    );
    expect(checkAnswers(form, { siblings: 'deux' }, context, false).errors).toEqual([
      {
        field: 'answers.siblings',
        message: '« Frères et sœurs » : la réponse doit être un nombre.',
      },
    ]);
  });
});
