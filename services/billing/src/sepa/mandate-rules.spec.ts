import { isSepaIban } from '@portail/contracts';
import {
  bankOf,
  formatRum,
  hasLapsed,
  maskIban,
  SEPA_ID_PATTERN,
  sequenceAfterAmendment,
} from './mandate-rules';

const IBAN = 'FR7630006000011234567890189';
/** Another account at the same bank (30006), and one at another bank (20041, La Banque Postale). */
const SAME_BANK = 'FR7630006000019876543210173';
const OTHER_BANK = 'FR1420041010050500013M02606';

describe('SEPA mandate rules', () => {
  it('numbers the RUM per creditor within the SEPA identifier rules', () => {
    expect(formatRum('000070', 1)).toBe('R000070-0000001');
    expect(formatRum('000070', 1234567)).toBe('R000070-1234567');
    expect(formatRum('000070', 9_999_999)).toMatch(SEPA_ID_PATTERN);
    expect(formatRum('000070', 42).length).toBeLessThanOrEqual(35);
    expect(() => formatRum('000070&', 1)).toThrow();
  });

  it('masks an IBAN: country and check digits and the last three characters only', () => {
    expect(maskIban(IBAN)).toBe('FR76 **** **** **** **** **** 189');
    expect(maskIban('fr76 3000 6000 0112 3456 7890 189')).toBe(maskIban(IBAN));
    expect(maskIban('DE89370400440532013000')).toBe('DE89 **** **** **** ***0 00');
    expect(maskIban(IBAN)).not.toContain('30006');
  });

  it('tells a change of bank from a change of account at the same bank', () => {
    expect(bankOf(IBAN)).toBe(bankOf(SAME_BANK));
    expect(bankOf(IBAN)).not.toBe(bankOf(OTHER_BANK));
    expect(sequenceAfterAmendment('RCUR', IBAN, SAME_BANK)).toEqual({
      sequence: 'RCUR',
      otherBank: false,
    });
    expect(sequenceAfterAmendment('RCUR', IBAN, OTHER_BANK)).toEqual({
      sequence: 'FRST',
      otherBank: true,
    });
    expect(sequenceAfterAmendment('FRST', IBAN, SAME_BANK).sequence).toBe('FRST');
  });

  it('lapses a mandate 36 months after its last use', () => {
    expect(hasLapsed('2023-11-20', '2026-11-19')).toBe(false);
    expect(hasLapsed('2023-11-20', '2026-11-20')).toBe(true);
  });

  it('accepts SEPA-zone IBANs only, with their check digits', () => {
    expect(isSepaIban(IBAN)).toBe(true);
    expect(isSepaIban(OTHER_BANK)).toBe(true);
    expect(isSepaIban('FR7630006000011234567890188')).toBe(false);
    expect(isSepaIban('BR1800360305000010009795493C1')).toBe(false);
    expect(isSepaIban(42)).toBe(false);
  });
});
