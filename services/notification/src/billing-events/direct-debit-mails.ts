import {
  afterColon,
  frenchWordDate,
  type DirectDebitAnnounced,
  type DirectDebitReturned,
} from '@portail/contracts';
import type { Notice } from '../delivery/notifier';
import { portalLink, render, type MailBranding, type RenderedMail } from '../mail/mail-templates';
import { frenchAmount, INVOICES_PATH, type BillingRecipient } from './billing-mails';

/**
 * E-mails and notices of SEPA direct debits: the pre-notification the rulebook requires before
 * each collection (amount, date, mandate reference, creditor identifier) and a returned debit
 * (the invoice is to pay again). Never an IBAN: billing's events carry none.
 */

const SEE_INVOICES = 'Voir mes factures';

function invoiceNumbers(debit: DirectDebitAnnounced): string {
  const numbers = debit.invoices.map((invoice) => `n° ${invoice.number}`);
  return numbers.length === 1 ? `la facture ${numbers[0]}` : `les factures ${numbers.join(', ')}`;
}

export function directDebitAnnouncedMail(
  brand: MailBranding,
  recipient: BillingRecipient,
  debit: DirectDebitAnnounced,
): RenderedMail {
  return render(brand, {
    subject: 'Avis de prélèvement',
    greetingName: recipient.firstName,
    paragraphs: [
      `La régie « ${debit.regieName} » prélèvera ${frenchAmount(debit.amountCents)} sur votre compte le ${frenchWordDate(debit.collectionDate)}, pour ${invoiceNumbers(debit)}.`,
      `Référence unique du mandat (RUM) : ${debit.rum}. Identifiant créancier SEPA (ICS) : ${debit.creditorId} (${debit.creditorName}).`,
      'Merci de vérifier que votre compte est approvisionné à cette date.',
    ],
    action: { label: SEE_INVOICES, url: portalLink(brand, INVOICES_PATH) },
  });
}

export function directDebitAnnouncedNotice(
  brand: MailBranding,
  debit: DirectDebitAnnounced,
): Notice {
  return {
    title: 'Avis de prélèvement',
    body: `${frenchAmount(debit.amountCents)} seront prélevés le ${frenchWordDate(debit.collectionDate)} (mandat ${debit.rum}).`,
    link: portalLink(brand, INVOICES_PATH),
  };
}

export function directDebitReturnedMail(
  brand: MailBranding,
  recipient: BillingRecipient,
  debit: DirectDebitReturned,
): RenderedMail {
  return render(brand, {
    subject: "Votre prélèvement n'a pas abouti",
    greetingName: recipient.firstName,
    paragraphs: [
      `Le prélèvement de ${frenchAmount(debit.amountCents)} pour la facture n° ${debit.invoiceNumber} de la régie « ${debit.regieName} » a été rejeté par votre banque (motif : ${afterColon(debit.reasonLabel)}).`,
      'Cette facture est de nouveau à régler : vous pouvez la payer en ligne depuis votre espace ou auprès de la régie.',
      ...(debit.mandateRevoked
        ? [
            'Votre mandat de prélèvement ne peut plus être utilisé : signez-en un nouveau si vous souhaitez continuer à payer par prélèvement.',
          ]
        : []),
    ],
    action: { label: SEE_INVOICES, url: portalLink(brand, INVOICES_PATH) },
  });
}

export function directDebitReturnedNotice(brand: MailBranding, debit: DirectDebitReturned): Notice {
  return {
    title: 'Prélèvement rejeté',
    body: `Facture n° ${debit.invoiceNumber} : le prélèvement de ${frenchAmount(debit.amountCents)} a été rejeté (${debit.reasonLabel}). La facture est à régler.`,
    link: portalLink(brand, INVOICES_PATH),
  };
}
