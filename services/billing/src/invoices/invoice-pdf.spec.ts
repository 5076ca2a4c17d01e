import { euros, frenchMonth } from './invoice-pdf';

describe('invoice formats', () => {
  it('writes amounts the French way', () => {
    expect(euros(320)).toBe('3,20 €');
    expect(euros(2240)).toBe('22,40 €');
    expect(euros(5)).toBe('0,05 €');
    expect(euros(123456789)).toBe('1 234 567,89 €');
  });

  it('names the billed month with a capital', () => {
    expect(frenchMonth('2021-09')).toBe('Septembre 2021');
  });
});
