import PDFDocument from 'pdfkit';
import { frenchNumericDate } from '@portail/contracts';
import { collect, euros, frenchMonth, text } from '../invoices/invoice-pdf';
import type { Addressee } from '../invoices/invoice-store';

/** A credit note as the family receives it: one page, the invoice it credits, why and how much. */
export interface CreditNotePdfInput {
  regieName: string;
  number: number;
  issuedOn: string;
  reason: string;
  amountCents: number;
  invoice: { number: number; issuedOn: string; month: string; debtReference: string };
  familyFileNumber: number;
  addressee: Addressee;
  /** The corrective invoice that replaces the one credited, if any. */
  replacementNumber: number | null;
}

const MARGIN = 48;
const ACCENT = '#1f4e79';
const INK = '#1a1a1a';

export async function renderCreditNotePdf(input: CreditNotePdfInput): Promise<Buffer> {
  const issued = new Date(`${input.issuedOn}T12:00:00Z`);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    lang: 'fr-FR',
    displayTitle: true,
    info: {
      Title: text(`Avoir n° ${input.number} – ${input.regieName}`),
      Author: text(input.regieName),
      Creator: 'Portail Famille',
      Producer: 'Portail Famille',
      CreationDate: issued,
      ModDate: issued,
    },
  });
  const done = collect(doc);
  const width = doc.page.width - 2 * MARGIN;
  doc.fillColor(ACCENT).font('Helvetica-Bold').fontSize(16);
  doc.text(`AVOIR n° ${input.number}`, MARGIN, MARGIN, { width: width / 2 });
  doc.fillColor(INK).font('Helvetica-Bold').fontSize(11).text(text(input.regieName));
  doc.font('Helvetica').fontSize(10);
  doc.text(`Avoir du ${frenchNumericDate(input.issuedOn)}`);
  doc.text(
    `Sur la facture n° ${input.invoice.number} du ${frenchNumericDate(input.invoice.issuedOn)} (${frenchMonth(input.invoice.month)})`,
  );
  doc.text(text(`Référence de la dette : ${input.invoice.debtReference}`));
  doc.text(`N° Dossier : ${input.familyFileNumber}`);
  doc.font('Helvetica-Bold').fontSize(11);
  doc.text(text(input.addressee.name), MARGIN + width / 2 + 20, MARGIN + 24, {
    width: width / 2 - 20,
  });
  doc.font('Helvetica').fontSize(10);
  for (const line of input.addressee.addressLines) doc.text(text(line), { width: width / 2 - 20 });
  doc
    .font('Helvetica-Bold')
    .fontSize(10)
    .text('Motif', MARGIN, MARGIN + 150, { width });
  doc.font('Helvetica').text(text(input.reason), { width });
  if (input.replacementNumber !== null) {
    doc.moveDown(0.5);
    doc.text(`Cette facture est remplacée par la facture n° ${input.replacementNumber}.`, {
      width,
    });
  }
  doc.moveDown(1.5);
  doc.font('Helvetica-Bold').fontSize(12);
  doc.text(`Montant de l'avoir : ${euros(input.amountCents)}`, { width });
  doc.end();
  return done;
}
