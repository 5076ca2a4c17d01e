import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The demo's SEPA creditor of "Affaires Scolaires de Vichy" (PayFIP number 000070): an invented
 * creditor identifier and the Banque de France's published example IBAN (no real account), so
 * that `npm start` shows direct debits end to end. Never used in production.
 */
export const DEMO_SEPA_CREDITORS = {
  '000070': {
    creditorId: 'FR72ZZZ123456',
    name: 'Regie Affaires Scolaires de Vichy',
    iban: 'FR7630001007941234567890185',
    bic: 'BDFEFRPPCCT',
  },
};

/**
 * Direct debit for `npm start` without configuration: the demo creditor, and an IBAN key
 * generated once into `.portail-dev/sepa-iban-key` (kept out of git) so that the mandates'
 * encrypted IBANs stay readable from one start to the next. Given settings are left as they
 * are; production (`NODE_ENV=production`) never gets demo ones. Answers what it set, to say so.
 */
export function demoPaymentSettings(env: NodeJS.ProcessEnv, root: string): string[] {
  if (env.NODE_ENV?.trim() === 'production') return [];
  const set: string[] = [];
  if (!env.SEPA_CREDITORS && !env.SEPA_CREDITORS_FILE) {
    env.SEPA_CREDITORS = JSON.stringify(DEMO_SEPA_CREDITORS);
    set.push('SEPA_CREDITORS');
  }
  if (!env.SEPA_IBAN_KEY && !env.SEPA_IBAN_KEY_FILE) {
    const directory = join(root, '.portail-dev');
    const file = join(directory, 'sepa-iban-key');
    if (!existsSync(file)) {
      mkdirSync(directory, { recursive: true });
      writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
      chmodSync(file, 0o600);
    }
    env.SEPA_IBAN_KEY = readFileSync(file, 'utf8').trim();
    set.push('SEPA_IBAN_KEY');
  }
  return set;
}
