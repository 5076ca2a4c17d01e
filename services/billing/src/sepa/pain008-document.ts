import { DateTime } from 'luxon';
import { Document } from 'sepa';
import type { SepaSequenceType } from '@portail/contracts';
import type { SepaCreditorSettings } from './sepa-settings';

/** One debit of the file, its debtor's account in clear (only here, in memory). */
export interface Pain008Debit {
  endToEndId: string;
  amountCents: number;
  sequence: SepaSequenceType;
  rum: string;
  signedOn: string;
  debtorName: string;
  debtorIban: string;
  debtorBic: string | null;
  remittance: string;
  /** A new account since the last debit: the original one, and whether it is at another bank. */
  amendment: { originalIban: string; otherBank: boolean } | null;
}

export interface Pain008File {
  messageId: string;
  createdAt: Date;
  collectionDate: string;
  creditor: SepaCreditorSettings;
  debits: Pain008Debit[];
}

/** Text in the SEPA character set: accents taken off, anything else outside it a space. */
export function sepaText(text: string, max: number): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[^A-Za-z0-9+?/:().,' -]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}

/** A calendar day at noon in Paris: the `sepa` package writes the local calendar date of a Date. */
function dayAt(day: string): Date {
  return DateTime.fromISO(day, { zone: 'Europe/Paris' }).set({ hour: 12 }).toJSDate();
}

/**
 * The pain.008.001.02 document (SEPA Core direct debit initiation) of a debit file, through the
 * `sepa` package: one PmtInf per sequence type present (FRST before RCUR), each with its count
 * and control sum, the group header with the file's. Amounts are cents turned into euros only
 * here. The package writes only ICS amendments, so a debtor account amendment is added to the
 * mandate's MndtRltdInf afterwards, in the schema's order: the original account at the same bank
 * (OrgnlDbtrAcct), `SMNDA` as the original debtor agent at another bank.
 */
export function pain008Xml(file: Pain008File): string {
  const document = new Document('pain.008.001.02');
  document.grpHdr.id = file.messageId;
  document.grpHdr.created = file.createdAt;
  document.grpHdr.initiatorName = sepaText(file.creditor.name, 70);
  for (const sequence of ['FRST', 'RCUR'] as const) {
    const debits = file.debits.filter((debit) => debit.sequence === sequence);
    if (!debits.length) continue;
    const info = document.createPaymentInfo();
    info.id = sequence === 'FRST' ? 'F' : 'R';
    info.sequenceType = sequence;
    info.localInstrumentation = 'CORE';
    info.collectionDate = dayAt(file.collectionDate);
    info.creditorId = file.creditor.creditorId;
    info.creditorName = sepaText(file.creditor.name, 70);
    info.creditorIBAN = file.creditor.iban;
    info.creditorBIC = file.creditor.bic;
    document.addPaymentInfo(info);
    debits.forEach((debit, index) => {
      const transaction = info.createTransaction();
      transaction.id = String(index + 1);
      transaction.end2endId = debit.endToEndId;
      transaction.amount = debit.amountCents / 100;
      transaction.mandateId = debit.rum;
      transaction.mandateSignatureDate = dayAt(debit.signedOn);
      transaction.debtorName = sepaText(debit.debtorName, 70);
      transaction.debtorIBAN = debit.debtorIban;
      transaction.debtorBIC = debit.debtorBic ?? '';
      transaction.remittanceInfo = sepaText(debit.remittance, 140);
      info.addTransaction(transaction);
    });
  }
  let xml = document.toString();
  for (const debit of file.debits) {
    if (debit.amendment) xml = withAmendment(xml, debit);
  }
  return xml;
}

function withAmendment(xml: string, debit: Pain008Debit): string {
  const details = debit.amendment!.otherBank
    ? '<OrgnlDbtrAgt><FinInstnId><Othr><Id>SMNDA</Id></Othr></FinInstnId></OrgnlDbtrAgt>'
    : `<OrgnlDbtrAcct><Id><IBAN>${debit.amendment!.originalIban}</IBAN></Id></OrgnlDbtrAcct>`;
  const marker = `<EndToEndId>${debit.endToEndId}</EndToEndId>`;
  const start = xml.indexOf(marker);
  const unamended = '<AmdmntInd>false</AmdmntInd>';
  const at = xml.indexOf(unamended, start);
  if (start < 0 || at < 0) throw new Error('The debit is missing from its pain.008 document');
  return (
    xml.slice(0, at) +
    `<AmdmntInd>true</AmdmntInd><AmdmntInfDtls>${details}</AmdmntInfDtls>` +
    xml.slice(at + unamended.length)
  );
}
