import { changedFields } from './household-history';

describe('what the history keeps of an update', () => {
  it('keeps only the fields that changed, before and after', () => {
    expect(
      changedFields(
        { cafNumber: '1234567', familyQuotient: 612, familyQuotientValidUntil: null },
        { cafNumber: '1234567', familyQuotient: 540, familyQuotientValidUntil: '2026-12-31' },
      ),
    ).toEqual({
      before: { familyQuotient: 612, familyQuotientValidUntil: null },
      after: { familyQuotient: 540, familyQuotientValidUntil: '2026-12-31' },
    });
  });

  it('compares nested parts by value', () => {
    const address = { line1: '12 rue de Flandre', line2: null, postalCode: '03200', city: 'Vichy' };
    expect(changedFields({ address }, { address: { ...address } })).toBeUndefined();
    expect(changedFields({ allergies: ['arachide'] }, { allergies: ['arachide', 'kiwi'] })).toEqual(
      {
        before: { allergies: ['arachide'] },
        after: { allergies: ['arachide', 'kiwi'] },
      },
    );
  });

  it('records nothing when nothing changed, and treats absent as null', () => {
    expect(changedFields({ email: null }, {})).toBeUndefined();
  });
});
