import { frenchNumericDate } from '@portail/contracts';
import PDFDocument from 'pdfkit';
import { isSeason, type OrganisationKind } from '@portail/contracts';

/**
 * The school registration certificate of the specification ("certificat d'inscription avec la
 * mention de l'école d'affectation"): what the family brings to the school, with the child's
 * health record and the family record book, for the final admission.
 */
export interface RegistrationCertificateInput {
  /** The issuing organisation, e.g. `Bellerive-sur-Allier`. */
  organisationName: string;
  /** `commune` (default): "La commune de …"; an intercommunality certifies under its name. */
  organisationKind?: OrganisationKind;
  municipalServiceName: string;
  /** The application's reference, e.g. `D-2026-000123`. */
  reference: string;
  child: { firstName: string; lastName: string; birthDate: string };
  /** The assigned school; `address` on one line (street, postal code and city). */
  school: { name: string; address: string };
  /** `2026-2027`. */
  season: string;
  issuedAt: Date;
  /** Under the service's name in the header: address, phone, e-mail, opening hours. */
  contactLines?: string[];
  /** "Fait à …": the organisation's name when absent. */
  issuedIn?: string;
}

const MARGIN = 64;
const INK = '#1a1a1a';
const MUTED = '#5a5a5a';
const ACCENT = '#1f4e79';
const BOX = '#f2f4f7';

/** Renders the certificate: one A4 page, French, standard fonts (nothing to install). */
export async function renderRegistrationCertificate(
  input: RegistrationCertificateInput,
): Promise<Buffer> {
  if (!isSeason(input.season)) throw new Error(`Invalid season ${JSON.stringify(input.season)}`);
  const birthDate = frenchNumericDate(input.child.birthDate);
  const childName = `${input.child.firstName.trim()} ${input.child.lastName.trim().toLocaleUpperCase('fr-FR')}`;
  const schoolYear = `année scolaire ${input.season}`;
  const issuedOn = frenchLongDate(input.issuedAt);
  const issuer =
    input.organisationKind === 'intercommunality'
      ? input.organisationName
      : `La commune ${elidedDe(input.organisationName)}`;

  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    lang: 'fr-FR',
    displayTitle: true,
    // The issue date, not the rendering time: the same certificate gives the same bytes.
    info: {
      Title: text(`Certificat d’inscription scolaire – ${childName} – ${input.season}`),
      Author: text(input.organisationName),
      Subject: text(`${input.municipalServiceName} – référence ${input.reference}`),
      Creator: 'Portail Famille',
      Producer: 'Portail Famille',
      CreationDate: input.issuedAt,
      ModDate: input.issuedAt,
    },
  });
  const done = collect(doc);
  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;

  // Header: the issuing service on the left, the reference on the right.
  const headerWidth = width * 0.62;
  doc.fillColor(ACCENT).font('Helvetica-Bold').fontSize(15);
  doc.text(text(input.organisationName), left, MARGIN, { width: headerWidth });
  doc.fillColor(INK).font('Helvetica').fontSize(11);
  doc.text(text(input.municipalServiceName), { width: headerWidth });
  doc.fillColor(MUTED).fontSize(9);
  for (const line of input.contactLines ?? []) {
    if (line.trim()) doc.text(text(line), { width: headerWidth });
  }
  const headerBottom = doc.y;
  doc.fillColor(MUTED).font('Helvetica').fontSize(9);
  doc.text('Référence', left + headerWidth, MARGIN + 2, {
    width: width - headerWidth,
    align: 'right',
  });
  doc.fillColor(INK).font('Helvetica-Bold').fontSize(11);
  doc.text(text(input.reference), { width: width - headerWidth, align: 'right' });

  const ruleY = Math.max(headerBottom, doc.y) + 14;
  doc
    .moveTo(left, ruleY)
    .lineTo(left + width, ruleY)
    .lineWidth(1)
    .strokeColor(ACCENT)
    .stroke();

  // Title.
  doc.fillColor(ACCENT).font('Helvetica-Bold').fontSize(21);
  doc.text('Certificat d’inscription scolaire', left, ruleY + 42, { width, align: 'center' });
  doc.fillColor(INK).font('Helvetica').fontSize(12);
  doc.moveDown(0.3);
  doc.text(text(capitalised(schoolYear)), { width, align: 'center' });

  // The certification itself.
  doc.moveDown(2.2);
  doc.font('Helvetica').fontSize(11.5).fillColor(INK);
  doc.text(
    text(
      `${issuer} certifie que l’enfant ${childName}, né(e) le ${birthDate}, est inscrit(e) ${atSchool(input.school.name)} (${input.school.address}) pour l’${schoolYear}.`,
    ),
    left,
    doc.y,
    { width, lineGap: 4 },
  );

  // The same facts, one per line, as the school's secretariat reads them.
  doc.moveDown(1.4);
  const rows: Array<[string, string]> = [
    ['Enfant', childName],
    ['Date de naissance', birthDate],
    ['École d’affectation', input.school.name],
    ['Adresse de l’école', input.school.address],
    ['Année scolaire', input.season],
    ['Référence de la demande', input.reference],
  ];
  const padding = 14;
  const labelWidth = 150;
  const valueWidth = width - 2 * padding - labelWidth;
  doc.fontSize(10.5);
  const heights = rows.map(([, value]) =>
    Math.max(14, doc.font('Helvetica-Bold').heightOfString(text(value), { width: valueWidth })),
  );
  const boxTop = doc.y;
  const boxHeight = heights.reduce((sum, height) => sum + height + 6, 2 * padding - 6);
  doc.rect(left, boxTop, width, boxHeight).fill(BOX);
  doc.rect(left, boxTop, 3, boxHeight).fill(ACCENT);
  let rowY = boxTop + padding;
  rows.forEach(([label, value], index) => {
    doc
      .fillColor(MUTED)
      .font('Helvetica')
      .text(label, left + padding, rowY, { width: labelWidth });
    doc
      .fillColor(INK)
      .font('Helvetica-Bold')
      .text(text(value), left + padding + labelWidth, rowY, { width: valueWidth });
    rowY += heights[index] + 6;
  });

  // What the family does next (the specification's words).
  doc.fillColor(INK).font('Helvetica').fontSize(11.5);
  doc.text(
    'La famille, munie du présent certificat, du carnet de santé de l’enfant et du livret de famille, peut ensuite se rendre dans l’école concernée pour procéder à l’admission définitive de l’enfant.',
    left,
    boxTop + boxHeight + 26,
    { width, lineGap: 4 },
  );

  // Place, date and issuing service.
  doc.moveDown(2.5);
  doc.text(
    text(`Fait à ${input.issuedIn ?? input.organisationName}, le ${issuedOn}`),
    left,
    doc.y,
    {
      width,
      align: 'right',
    },
  );
  doc.moveDown(0.4);
  doc.font('Helvetica-Bold').text(text(input.municipalServiceName), { width, align: 'right' });

  // Footer, kept inside the bottom margin so that pdfkit adds no page.
  const footerY = doc.page.height - MARGIN - 22;
  doc
    .moveTo(left, footerY - 8)
    .lineTo(left + width, footerY - 8)
    .lineWidth(0.5)
    .strokeColor(MUTED)
    .stroke();
  doc.fillColor(MUTED).font('Helvetica').fontSize(8.5);
  doc.text(
    text(
      `Document établi d’après la demande ${input.reference} déposée sur le « Portail Famille ».`,
    ),
    left,
    footerY,
    { width, align: 'center', height: 24, ellipsis: true },
  );

  doc.end();
  return done;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

const LONG_DATE = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** `1er décembre 2026`, `26 novembre 2026`: the day in Paris, whatever the server's zone. */
function frenchLongDate(instant: Date): string {
  const parts = LONG_DATE.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((candidate) => candidate.type === type)?.value ?? '';
  const day = part('day');
  return `${day === '1' ? '1er' : day} ${part('month')} ${part('year')}`;
}

/** "de Vichy", "d’Abrest". */
function elidedDe(name: string): string {
  return /^[aeiouyâàéèêëîïôûüœ]/i.test(name) ? `d’${name}` : `de ${name}`;
}

/** "à l’École élémentaire Marx Dormoy" when the name says it is a school, "à l’école X" if not. */
function atSchool(name: string): string {
  return /^[ée]cole\b/i.test(name) ? `à l’${name}` : `à l’école ${name}`;
}

function capitalised(value: string): string {
  return value.charAt(0).toLocaleUpperCase('fr-FR') + value.slice(1);
}

/**
 * The standard PDF fonts cover WinAnsi (Latin-1 and a few typographic signs) and nothing else;
 * pdfkit would print any other character as garbage. Names from elsewhere (ễ, ł, ș…) fall back
 * to their base letters, and spacing or punctuation variants to their WinAnsi equivalents.
 */
function text(value: string): string {
  let result = '';
  const spaced = value
    .replace(/[\u200b\ufeff]/g, '')
    .replace(/[\u2000-\u200a\u202f\u205f\u3000]/g, '\u00a0')
    .replace(/[\t\n\v\f\r]+/g, ' ');
  for (const char of spaced) {
    const mapped = SUBSTITUTES[char] ?? char;
    if (isWinAnsi(mapped)) {
      result += mapped;
      continue;
    }
    const folded = [...mapped.normalize('NFD')].filter(isWinAnsi).join('');
    result += folded || '?';
  }
  return result;
}

const WIN_ANSI_EXTRAS = new Set(
  [
    338, 339, 352, 353, 376, 381, 382, 402, 710, 732, 8211, 8212, 8216, 8217, 8218, 8220, 8221,
    8222, 8224, 8225, 8226, 8230, 8240, 8249, 8250, 8364, 8482,
  ].map((code) => String.fromCodePoint(code)),
);

const SUBSTITUTES: Record<string, string> = {
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '–',
  '\u2212': '-',
  '\u02bc': '’',
  '\u2032': '’',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
};

function isWinAnsi(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (
    (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(char)
  );
}
