import { schoolKindOfAge, schoolMisfit, schoolYearOfDay } from './school-fit';

const elementary = { name: 'École élémentaire Marx Dormoy', kind: 'elementaire' as const };
const nursery = { name: 'École maternelle Jean Zay', kind: 'maternelle' as const };

describe('which school fits a child', () => {
  it('places children by year of birth: 2 to 5 in maternelle, 6 to 10 in élémentaire', () => {
    expect(schoolKindOfAge('2024-12-31', 2026)).toBe('maternelle');
    expect(schoolKindOfAge('2021-01-01', 2026)).toBe('maternelle');
    expect(schoolKindOfAge('2020-12-31', 2026)).toBe('elementaire');
    expect(schoolKindOfAge('2016-01-01', 2026)).toBe('elementaire');
    expect(schoolKindOfAge('2015-06-01', 2026)).toBeNull();
    expect(schoolKindOfAge('2025-02-01', 2026)).toBeNull();
  });

  it('refuses a two-year-old at an elementary school, saying where it belongs', () => {
    expect(
      schoolMisfit(
        elementary,
        { firstName: 'Léo', birthDate: '2024-03-01', schoolLevel: null },
        2026,
      ),
    ).toBe(
      "« École élémentaire Marx Dormoy » accueille les élèves de l'élémentaire (du CP au CM2) : à la rentrée 2026, Léo (année de naissance 2024) relève de la maternelle.",
    );
    expect(
      schoolMisfit(nursery, { firstName: 'Léo', birthDate: '2024-03-01', schoolLevel: null }, 2026),
    ).toBeNull();
  });

  it('trusts the class level over the age when it is known', () => {
    const late = { firstName: 'Iris', birthDate: '2019-11-20', schoolLevel: 'GS' as const };
    expect(schoolMisfit(nursery, late, 2026)).toBeNull();
    expect(schoolMisfit(elementary, late, 2026)).toContain('Iris (en GS) relève de la maternelle');
    expect(schoolMisfit(elementary, { ...late, schoolLevel: '6e' }, 2026)).toContain(
      "ne relève ni de la maternelle ni de l'élémentaire",
    );
  });

  it('for next season, accepts a school that fits the age when the level is last year’s', () => {
    const gs = { firstName: 'Iris', birthDate: '2020-05-01', schoolLevel: 'GS' as const };
    expect(schoolMisfit(elementary, gs, 2026)).not.toBeNull();
    expect(schoolMisfit(elementary, gs, 2026, { levelMayBeStale: true })).toBeNull();
    const toddler = { firstName: 'Léo', birthDate: '2024-03-01', schoolLevel: null };
    expect(schoolMisfit(elementary, toddler, 2026, { levelMayBeStale: true })).not.toBeNull();
  });

  it('reads the school year from a day: from September on, the new one', () => {
    expect(schoolYearOfDay('2026-08-31')).toBe(2025);
    expect(schoolYearOfDay('2026-09-01')).toBe(2026);
  });
});
