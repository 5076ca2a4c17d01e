import { daysByMonth } from '../reservation-events/booking-mails';
import { activityPhrase, atSchool, ofName } from './french-words';

describe('French words of the e-mails', () => {
  it('elides "de" before a vowel or a mute h', () => {
    expect(ofName('Iris')).toBe("d'Iris");
    expect(ofName('Hugo')).toBe("d'Hugo");
    expect(ofName('Élise')).toBe("d'Élise");
    expect(ofName('Léa')).toBe('de Léa');
  });

  it('never writes "l\'école École …"', () => {
    expect(atSchool('École élémentaire Jacques Laurent')).toBe(
      "à l'école élémentaire Jacques Laurent",
    );
    expect(atSchool('Ecole maternelle Les Tilleuls')).toBe("à l'école maternelle Les Tilleuls");
    expect(atSchool('Groupe scolaire Jules Ferry')).toBe('au groupe scolaire Jules Ferry');
    expect(atSchool('Les Garets')).toBe("à l'école Les Garets");
  });

  it('keeps an activity name that has its article, quotes one that has none', () => {
    expect(activityPhrase('La restauration scolaire')).toBe('la restauration scolaire');
    expect(activityPhrase("L'accueil du matin")).toBe("l'accueil du matin");
    expect(activityPhrase('Conservatoire de musique')).toBe(
      "l'activité « Conservatoire de musique »",
    );
  });

  it('writes days by month, runs of three days or more shortened, the 1st as "1er"', () => {
    expect(
      daysByMonth([
        '2026-09-03',
        '2026-09-01',
        '2026-09-02',
        '2026-09-07',
        '2026-10-01',
        '2026-09-01',
      ]),
    ).toEqual(['septembre 2026 : du mardi 1er au jeudi 3, lundi 7', 'octobre 2026 : jeudi 1er']);
    // Two days in a row stay two days; the weekend breaks a run.
    expect(daysByMonth(['2027-03-04', '2027-03-05', '2027-03-08'])).toEqual([
      'mars 2027 : jeudi 4, vendredi 5, lundi 8',
    ]);
  });
});
