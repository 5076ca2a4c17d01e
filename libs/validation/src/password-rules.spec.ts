import { passwordWeakness } from './password-rules';

describe('passwordWeakness', () => {
  it.each([
    ['accepts 12 characters with letters and digits', 'vichy2025abc', undefined],
    ['accepts a passphrase of 16 characters', 'une longue phrase', undefined],
    ['refuses 11 characters', 'vichy2025ab', expect.stringMatching(/au moins 12/)],
    ['refuses 12 letters without digits', 'abcdefghijkl', expect.stringMatching(/au moins 12/)],
    ['refuses 12 digits without letters', '123456789012', expect.stringMatching(/au moins 12/)],
  ])('%s', (_, password, expected) => {
    expect(passwordWeakness(password)).toEqual(expected);
  });

  it('refuses the e-mail address, whatever its case', () => {
    expect(passwordWeakness(' Camille.Martin@Example.fr', 'camille.martin@example.fr')).toMatch(
      /adresse e-mail/,
    );
  });
});
