import { DateTime } from 'luxon';
import { MAX_RETURNS_LINES, sepaReturnLabel } from '@portail/contracts';

/**
 * The returns report as the régie's agent downloads it from the bank and imports it: a CSV
 * (`;` or `,`), its header `reference;montant;motif;date`, then one line per returned or
 * rejected debit: the EndToEndId billing gave the debit, the amount in euros (`12,40`), the ISO
 * reason code (`AM04`) and the day (`2026-11-23` or `23/11/2026`). The whole file is checked
 * before anything is applied: one bad line refuses the file, saying which and why.
 */

export interface ReturnRow {
  /** The line in the file (1: the header). */
  line: number;
  reference: string;
  amountCents: number;
  reasonCode: string;
  reasonLabel: string;
  returnedOn: string;
}

export interface ReturnsProblem {
  line: number;
  message: string;
}

const HEADER = ['reference', 'montant', 'motif', 'date'];
const REFERENCE = /^[A-Za-z0-9+?/:().,' -]{1,35}$/;
const AMOUNT = /^(\d{1,6})(?:[.,](\d{1,2}))?$/;
const REASON = /^[A-Z]{2}\d{2}$|^[A-Z]{4}$/;

function dayOf(value: string): string | null {
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? DateTime.fromISO(value)
    : DateTime.fromFormat(value, 'dd/MM/yyyy');
  return iso.isValid ? iso.toISODate() : null;
}

function centsOf(value: string): number | null {
  const match = AMOUNT.exec(value);
  if (!match) return null;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
  return cents > 0 ? cents : null;
}

/** The rows of a returns CSV, or the problems of its lines (never both). */
export function parseReturnsCsv(
  csv: string,
): { rows: ReturnRow[]; problems: [] } | { rows: []; problems: ReturnsProblem[] } {
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines.length > MAX_RETURNS_LINES) {
    return {
      rows: [],
      problems: [
        {
          line: MAX_RETURNS_LINES + 1,
          message: `Le fichier compte plus de ${MAX_RETURNS_LINES.toLocaleString('fr-FR')} lignes : importez-le en plusieurs fois.`,
        },
      ],
    };
  }
  const separator = lines[0]?.includes(';') ? ';' : ',';
  const header = (lines[0] ?? '').split(separator).map((cell) => cell.trim().toLowerCase());
  if (HEADER.some((name, index) => header[index] !== name)) {
    return {
      rows: [],
      problems: [{ line: 1, message: `L'en-tête doit être ${HEADER.join(separator)}.` }],
    };
  }
  const rows: ReturnRow[] = [];
  const problems: ReturnsProblem[] = [];
  lines.slice(1).forEach((text, index) => {
    const line = index + 2;
    if (!text.trim()) return;
    const cells = text.split(separator).map((cell) => cell.trim());
    if (cells.length !== HEADER.length) {
      problems.push({ line, message: `${HEADER.length} colonnes attendues.` });
      return;
    }
    const [reference, amount, reason, date] = cells;
    const amountCents = centsOf(amount);
    const returnedOn = dayOf(date);
    if (!REFERENCE.test(reference)) problems.push({ line, message: 'Référence invalide.' });
    else if (amountCents === null) problems.push({ line, message: 'Montant invalide.' });
    else if (!REASON.test(reason)) problems.push({ line, message: 'Code motif invalide.' });
    else if (!returnedOn) problems.push({ line, message: 'Date invalide.' });
    else {
      rows.push({
        line,
        reference,
        amountCents,
        reasonCode: reason,
        reasonLabel: sepaReturnLabel(reason),
        returnedOn,
      });
    }
  });
  return problems.length ? { rows: [], problems } : { rows, problems: [] };
}
