import type { FormDefinition } from '@portail/contracts';
import { prefillFromChild, stillToConfirm } from './prefill';

const FORM: FormDefinition = {
  fields: [
    {
      key: 'allergies',
      type: 'yes-no',
      label: 'Allergie ?',
      required: true,
      prefillFrom: 'child.allergies',
    },
    {
      key: 'details',
      type: 'text',
      label: 'Précisez',
      required: true,
      max: 20,
      visibleWhen: { field: 'allergies', equals: [true] },
      prefillFrom: 'child.allergies',
    },
    {
      key: 'pai',
      type: 'yes-no',
      label: 'PAI ?',
      required: true,
      visibleWhen: { field: 'allergies', equals: [true] },
      prefillFrom: 'child.pai',
    },
  ],
};

const health = (allergies: string[], pai = false) => ({
  health: { allergies, pai, paiDetails: null, doctorName: null, doctorPhone: null },
});

describe('answers prefilled from the child’s record', () => {
  it('fills the allergies, their list and the PAI of a child with allergies', () => {
    expect(prefillFromChild(FORM, {}, health(['arachide'], true))).toEqual({
      answers: { allergies: true, details: 'arachide', pai: true },
      prefilled: ['allergies', 'details', 'pai'],
    });
  });

  it('answers "no allergy" and leaves the hidden questions empty for a child without', () => {
    expect(prefillFromChild(FORM, {}, health([]))).toEqual({
      answers: { allergies: false },
      prefilled: ['allergies'],
    });
  });

  it('never overwrites what the family gave', () => {
    const result = prefillFromChild(FORM, { allergies: false }, health(['arachide'], true));
    expect(result).toEqual({ answers: { allergies: false }, prefilled: [] });
  });

  it('leaves out a value the field would refuse (a list longer than its bound)', () => {
    const result = prefillFromChild(FORM, {}, health(['arachide', 'fruits à coque', 'kiwi']));
    expect(result.prefilled).toEqual(['allergies', 'pai']);
  });

  it('counts an answer sent again, as it was or changed, as confirmed', () => {
    expect(stillToConfirm(['allergies', 'pai'], { pai: false })).toEqual(['allergies']);
    expect(stillToConfirm(['allergies'], undefined)).toEqual(['allergies']);
  });
});
