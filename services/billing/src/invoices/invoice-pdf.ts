import PDFDocument from 'pdfkit';
import { frenchNumericDate, type InvoiceView } from '@portail/contracts';
import { monthBounds } from '../regies/regie-rules';
import type { RegieRow } from '../regies/regie-store';
import type { Addressee } from './invoice-store';

/**
 * The invoice a family receives, after the specification's example: header with number, régie,
 * dates and period; the addressee; observations; per child the lines (Qté, Tarif, Montant) and a
 * sub-total; the amount to pay; and the remittance slip for the public treasury with the PayFIP
 * references. French number and date formats, standard fonts (nothing to install).
 */
export interface InvoicePdfInput {
  invoice: InvoiceView;
  regie: Pick<
    RegieRow,
    'name' | 'treasury_address' | 'payfip_collectivity_number' | 'payment_methods'
  >;
  addressee: Addressee;
}

const MARGIN = 48;
const INK = '#1a1a1a';
const MUTED = '#5a5a5a';
const ACCENT = '#1f4e79';
const PAYFIP_SITE = 'www.payfip.gouv.fr';

/** `1234567` → `12 345,67 €` (a plain space groups thousands: the PDF fonts lack U+202F). */
export function euros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  const units = String(Math.floor(absolute / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${sign}${units},${String(absolute % 100).padStart(2, '0')} €`;
}

const MONTH_NAME = new Intl.DateTimeFormat('fr-FR', {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** `2021-09` → `Septembre 2021`. */
export function frenchMonth(month: string): string {
  const name = MONTH_NAME.format(new Date(`${month}-01T00:00:00Z`));
  return name.charAt(0).toLocaleUpperCase('fr-FR') + name.slice(1);
}

/** What the standard fonts (WinAnsi) print; other letters lose their accents, the rest is "?". */
export function text(value: string): string {
  let result = '';
  for (const char of value
    .replace(/[\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
    .replace(/[\t\n\r]+/g, ' ')) {
    const code = char.codePointAt(0)!;
    if (
      (code >= 0x20 && code < 0x7f) ||
      (code >= 0xa0 && code <= 0xff) ||
      '’‘“”–—…€œŒ•'.includes(char)
    ) {
      result += char;
    } else {
      const base = char.normalize('NFD').replace(/\p{Diacritic}/gu, '');
      result += /^[\x20-\x7e]+$/.test(base) ? base : '?';
    }
  }
  return result;
}

/** The document's bytes once it ends. */
export function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

export async function renderInvoicePdf({
  invoice,
  regie,
  addressee,
}: InvoicePdfInput): Promise<Buffer> {
  const issued = new Date(`${invoice.issuedOn}T12:00:00Z`);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    lang: 'fr-FR',
    displayTitle: true,
    // The issue date, not the rendering time: the same invoice gives the same bytes.
    info: {
      Title: text(`Facture n° ${invoice.number} – ${regie.name}`),
      Author: text(regie.name),
      Creator: 'Portail Famille',
      Producer: 'Portail Famille',
      CreationDate: issued,
      ModDate: issued,
    },
  });
  const done = collect(doc);
  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;
  const { first, last } = monthBounds(invoice.month);

  // Header: the invoice on the left, the family on the right.
  doc.fillColor(ACCENT).font('Helvetica-Bold').fontSize(16);
  doc.text(`FACTURE n° ${invoice.number}`, left, MARGIN, { width: width / 2 });
  doc.fillColor(INK).font('Helvetica-Bold').fontSize(11);
  doc.text(text(regie.name), { width: width / 2 });
  doc.font('Helvetica').fontSize(10);
  doc.text(`Facture du ${frenchNumericDate(invoice.issuedOn)}`, { width: width / 2 });
  doc.text(`${frenchMonth(invoice.month)}`, { width: width / 2 });
  doc.text(`${frenchNumericDate(first)} -> ${frenchNumericDate(last)}`, { width: width / 2 });
  doc.font('Helvetica-Bold');
  doc.text(`A régler avant le ${frenchNumericDate(invoice.dueOn)}`, { width: width / 2 });
  const headerBottom = doc.y;
  doc.font('Helvetica-Bold').fontSize(11);
  doc.text(text(addressee.name), left + width / 2 + 20, MARGIN + 24, { width: width / 2 - 20 });
  doc.font('Helvetica').fontSize(10);
  for (const line of addressee.addressLines) doc.text(text(line), { width: width / 2 - 20 });

  // Observations: why a line took the highest bracket, say.
  let y = Math.max(headerBottom, doc.y) + 18;
  const notes = [...new Set(invoice.lines.flatMap((line) => (line.note ? [line.note] : [])))];
  doc.font('Helvetica-Bold').fontSize(10).fillColor(INK).text('Observations', left, y);
  doc.font('Helvetica').fontSize(9).fillColor(MUTED);
  for (const note of notes) doc.text(text(note), { width });
  y = doc.y + 14;

  // Lines per child.
  const columns = {
    label: left,
    quantity: left + width * 0.62,
    price: left + width * 0.72,
    amount: left + width * 0.84,
  };
  const columnWidth = width * 0.16;
  const row = (label: string, quantity: string, price: string, amount: string, bold = false) => {
    doc
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(9.5)
      .fillColor(INK);
    const top = y;
    doc.text(text(label), columns.label, top, { width: width * 0.6 });
    const bottom = doc.y;
    doc.text(quantity, columns.quantity, top, { width: width * 0.09, align: 'right' });
    doc.text(price, columns.price, top, { width: width * 0.11, align: 'right' });
    doc.text(amount, columns.amount, top, { width: columnWidth, align: 'right' });
    y = Math.max(bottom, doc.y) + 3;
  };
  const children = [...new Set(invoice.lines.map((line) => line.childId))];
  for (const childId of children) {
    const lines = invoice.lines.filter((line) => line.childId === childId);
    doc.font('Helvetica-Bold').fontSize(10.5).fillColor(ACCENT);
    doc.text(text(lines[0].childName), left, y);
    y = doc.y + 4;
    row('Désignation', 'Qté', 'Tarif', 'Montant', true);
    for (const line of lines) {
      row(line.label, String(line.quantity), euros(line.unitPriceCents), euros(line.amountCents));
    }
    const subtotal = lines.reduce((sum, line) => sum + line.amountCents, 0);
    row('Sous-total', '', '', euros(subtotal), true);
    y += 8;
    if (y > doc.page.height - 300) {
      doc.addPage();
      y = MARGIN;
    }
  }
  doc
    .moveTo(left, y)
    .lineTo(left + width, y)
    .lineWidth(0.8)
    .strokeColor(ACCENT)
    .stroke();
  y += 6;
  doc.font('Helvetica-Bold').fontSize(12).fillColor(INK);
  doc.text('A payer', left, y, { width: width * 0.6 });
  doc.text(euros(invoice.totalCents), columns.amount - width * 0.1, y, {
    width: columnWidth + width * 0.1,
    align: 'right',
  });

  // The remittance slip, at the foot of the page (a new page if the lines reach it).
  let slipTop = doc.page.height - MARGIN - 210;
  if (doc.y + 30 > slipTop) {
    doc.addPage();
    slipTop = MARGIN;
  }
  doc
    .save()
    .moveTo(left, slipTop)
    .lineTo(left + width, slipTop)
    .dash(4, { space: 3 })
    .strokeColor(MUTED)
    .stroke()
    .restore();
  doc.font('Helvetica-Bold').fontSize(10).fillColor(INK);
  doc.text('Talon à joindre à votre règlement', left, slipTop + 10, { width });
  const half = width / 2 - 10;
  const slipBody = slipTop + 30;
  doc.font('Helvetica').fontSize(9.5);
  doc.text(`FACTURE n° ${invoice.number}`, left, slipBody, { width: half });
  doc.text(`N° Dossier : ${invoice.familyFileNumber}`, { width: half });
  doc.text(`Identifiant de la collectivité : ${regie.payfip_collectivity_number}`, { width: half });
  doc.text(text(`Référence de la dette : ${invoice.debtReference}`), { width: half });
  doc.text(`Solde facture : ${euros(invoice.balanceCents)}`, { width: half });
  doc.moveDown(0.5);
  doc.font('Helvetica-Bold').text('Moyens de paiement', { width: half });
  doc.font('Helvetica');
  for (const method of regie.payment_methods) doc.text(text(`• ${method}`), { width: half });
  doc.text(`• Paiement en ligne sur ${PAYFIP_SITE}`, { width: half });
  doc.font('Helvetica-Bold').fontSize(10);
  doc.text('Adresse de règlement', left + half + 20, slipBody, { width: half });
  doc.font('Helvetica').fontSize(9.5);
  for (const line of regie.treasury_address) doc.text(text(line), { width: half });
  doc.moveDown(0.5);
  doc.text(text(addressee.name), { width: half });

  doc.end();
  return done;
}
