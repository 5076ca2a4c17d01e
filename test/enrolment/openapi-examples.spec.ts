import { DECORATORS } from '@nestjs/swagger';
import {
  ApplicationView,
  CreateProcedureCommand,
  FieldCommune,
  FieldCondition,
  FormField,
  FormFieldOption,
  ProcedureGrant,
  ResidenceDiscrepancy,
  UpdateApplicationBody,
  type Answers,
} from '@portail/contracts';
import { DEMO_PROCEDURES } from '../../scripts/seed-enrolment';
import { checkAnswers } from '../../services/enrolment/src/forms/answers';

/**
 * The examples of /openapi.json speak of the demo's procedures (scripts/seed-enrolment.ts): an
 * integrator trying them against a seeded portal gets answers the service accepts, not fields
 * that no procedure has.
 */

function exampleOf<T>(type: new () => object, property: string): T {
  const prototype: object = type.prototype as object;
  const metadata = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, prototype, property) as
    { example?: T } | undefined;
  if (metadata?.example === undefined) throw new Error(`${type.name}.${property}: no example`);
  return metadata.example;
}

const catering = DEMO_PROCEDURES.find(
  (procedure) => procedure.title === 'Inscription à la restauration scolaire',
)!;
const cateringField = (key: string) => catering.form.fields.find((field) => field.key === key);

describe('the OpenAPI examples of enrolment', () => {
  it('answer the demo school catering form of Vichy, as the service accepts them', () => {
    for (const type of [UpdateApplicationBody, ApplicationView]) {
      const answers = exampleOf<Answers>(type, 'answers');
      const checked = checkAnswers(catering.form, answers, { children: [] }, true);
      expect([type.name, checked.errors]).toEqual([type.name, []]);
      expect([type.name, checked.answers]).toEqual([type.name, answers]);
    }
  });

  it('name a field, an option, a condition and a grant of that procedure', () => {
    const key = exampleOf<string>(FormField, 'key');
    expect(cateringField(key)).toMatchObject({
      key,
      type: exampleOf(FormField, 'type'),
      label: exampleOf(FormField, 'label'),
    });
    expect(cateringField('diet')?.options).toContainEqual({
      value: exampleOf(FormFieldOption, 'value'),
      label: exampleOf(FormFieldOption, 'label'),
    });
    expect(cateringField(exampleOf<string>(FieldCondition, 'field'))).toBeDefined();
    expect(catering.grant).toMatchObject({
      activityCode: exampleOf(ProcedureGrant, 'activityCode'),
      activityName: exampleOf(ProcedureGrant, 'activityName'),
    });
    expect(catering).toMatchObject({
      title: exampleOf(CreateProcedureCommand, 'title'),
      opensAt: exampleOf(CreateProcedureCommand, 'opensAt'),
      closesAt: exampleOf(CreateProcedureCommand, 'closesAt'),
    });
  });

  it("name the demo forms' prefilled health answers and residence question", () => {
    for (const key of exampleOf<string[]>(ApplicationView, 'prefilled')) {
      expect([key, cateringField(key)?.prefillFrom]).toEqual([key, expect.any(String)]);
    }
    expect(cateringField(exampleOf<string>(FormField, 'key'))?.prefillFrom).toBe(
      exampleOf(FormField, 'prefillFrom'),
    );
    const preRegistration = DEMO_PROCEDURES.find(
      (procedure) => procedure.title === 'Préinscription scolaire',
    )!;
    const resident = preRegistration.form.fields.find(
      (field) => field.key === exampleOf<string>(ResidenceDiscrepancy, 'field'),
    );
    expect(resident).toMatchObject({
      semantics: 'resides-in-commune',
      label: exampleOf(ResidenceDiscrepancy, 'question'),
      commune: {
        name: exampleOf(FieldCommune, 'name'),
        inseeCode: exampleOf(FieldCommune, 'inseeCode'),
      },
    });
  });
});
