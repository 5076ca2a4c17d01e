import {
  counted,
  frenchMonth,
  frenchWordDate,
  type BasketExpired,
  type CreditNoteIssued,
  type InvoiceIssued,
  type InvoiceOverdue,
  type PaymentFailed,
  type PaymentReceived,
} from '@portail/contracts';
import type { Notice } from '../delivery/notifier';
import { capitalise } from '../mail/french-words';
import { portalLink, render, type MailBranding, type RenderedMail } from '../mail/mail-templates';

/**
 * E-mails and notices of billing's events: an invoice issued ("Votre facture est disponible"),
 * a payment received or failed, a pre-billed basket expired, a credit note, and the reminders of
 * an invoice past due. Amounts in French ("22,40 €"), dates in words ("le 10 novembre 2026").
 * Links open the family's invoices page (signed in): nothing secret in a body.
 */

export interface BillingRecipient {
  email: string;
  firstName: string;
}

/** The family's invoices and account page of the front end. */
export const INVOICES_PATH = '/factures';

/** `2240` → `22,40 €`, `123456` → `1 234,56 €` (no-break spaces: never split over two lines). */
export function frenchAmount(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  const units = String(Math.floor(absolute / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${sign}${units},${String(absolute % 100).padStart(2, '0')}\u00a0€`;
}

/** `2026-10` → `octobre 2026`. */
function monthOf(month: string): string {
  return frenchMonth(`${month}-01`);
}

/** "la facture n° 12 de la régie « Affaires Scolaires de Vichy »" */
function invoicePhrase(number: number | null, regieName: string): string {
  return number === null
    ? `votre panier de réservations de la régie « ${regieName} »`
    : `la facture n° ${number} de la régie « ${regieName} »`;
}

function invoicesLink(brand: MailBranding): string {
  return portalLink(brand, INVOICES_PATH);
}

const SEE_INVOICES = 'Voir mes factures';

// ---------------------------------------------------------------------------------------------
// Invoice issued

export function invoiceIssuedMail(
  brand: MailBranding,
  recipient: BillingRecipient,
  invoice: InvoiceIssued,
): RenderedMail {
  return render(brand, {
    subject: 'Votre facture est disponible',
    greetingName: recipient.firstName,
    paragraphs: [
      `${capitalise(invoicePhrase(invoice.number, invoice.regieName))} pour ${monthOf(invoice.month)} est disponible dans votre espace.`,
      `Montant : ${frenchAmount(invoice.totalCents)}, à régler avant le ${frenchWordDate(invoice.dueOn)}.`,
      `Vous pouvez la payer en ligne sur www.payfip.gouv.fr avec la référence de la dette ${invoice.debtReference}, ou auprès de la trésorerie indiquée sur le talon de la facture.`,
    ],
    action: { label: SEE_INVOICES, url: invoicesLink(brand) },
  });
}

export function invoiceIssuedNotice(brand: MailBranding, invoice: InvoiceIssued): Notice {
  return {
    title: 'Votre facture est disponible',
    body: `Facture n° ${invoice.number} (${monthOf(invoice.month)}) : ${frenchAmount(invoice.totalCents)} à régler avant le ${frenchWordDate(invoice.dueOn)}.`,
    link: invoicesLink(brand),
  };
}

// ---------------------------------------------------------------------------------------------
// Payments

function balanceSentence(balanceCents: number): string {
  return balanceCents > 0
    ? `Il reste ${frenchAmount(balanceCents)} à régler sur cette facture.`
    : 'Cette facture est entièrement réglée.';
}

export function paymentReceivedMail(
  brand: MailBranding,
  recipient: BillingRecipient,
  payment: PaymentReceived,
): RenderedMail {
  return render(brand, {
    subject: 'Nous avons bien reçu votre paiement',
    greetingName: recipient.firstName,
    paragraphs: [
      `Votre paiement de ${frenchAmount(payment.amountCents)} pour ${invoicePhrase(payment.invoiceNumber, payment.regieName)} est enregistré.`,
      balanceSentence(payment.invoiceBalanceCents),
    ],
    action: { label: SEE_INVOICES, url: invoicesLink(brand) },
  });
}

export function paymentReceivedNotice(brand: MailBranding, payment: PaymentReceived): Notice {
  return {
    title: 'Paiement reçu',
    body: `${frenchAmount(payment.amountCents)} reçus pour ${invoicePhrase(payment.invoiceNumber, payment.regieName)}. ${balanceSentence(payment.invoiceBalanceCents)}`,
    link: invoicesLink(brand),
  };
}

const FAILURES: Record<PaymentFailed['state'], string> = {
  denied: 'il a été refusé',
  cancelled: 'il a été abandonné avant la fin',
  expired: "il n'a pas été terminé à temps",
  error: "il n'a pas pu être traité",
};

export function paymentFailedMail(
  brand: MailBranding,
  recipient: BillingRecipient,
  payment: PaymentFailed,
): RenderedMail {
  return render(brand, {
    subject: "Votre paiement n'a pas abouti",
    greetingName: recipient.firstName,
    paragraphs: [
      `Votre paiement de ${frenchAmount(payment.amountCents)} pour ${invoicePhrase(payment.invoiceNumber, payment.regieName)} n'a pas abouti : ${FAILURES[payment.state]}. Aucune somme n'a été encaissée.`,
      'Vous pouvez recommencer depuis votre espace.',
    ],
    action: { label: SEE_INVOICES, url: invoicesLink(brand) },
  });
}

export function paymentFailedNotice(brand: MailBranding, payment: PaymentFailed): Notice {
  return {
    title: 'Paiement non abouti',
    body: `Votre paiement de ${frenchAmount(payment.amountCents)} n'a pas abouti : ${FAILURES[payment.state]}.`,
    link: invoicesLink(brand),
  };
}

// ---------------------------------------------------------------------------------------------
// Basket expired

export function basketExpiredMail(
  brand: MailBranding,
  recipient: BillingRecipient,
  basket: BasketExpired,
): RenderedMail {
  return render(brand, {
    subject: 'Votre panier de réservations a expiré',
    greetingName: recipient.firstName,
    paragraphs: [
      `Le paiement de votre panier (${frenchAmount(basket.totalCents)}) n'a pas été reçu à temps : ${counted(basket.bookingIds.length, 'réservation est libérée', 'réservations sont libérées')}, rien ne vous est facturé.`,
      'Vous pouvez réserver à nouveau depuis votre espace, selon les places encore disponibles.',
    ],
    action: { label: 'Voir mes réservations', url: portalLink(brand, '/reservations') },
  });
}

export function basketExpiredNotice(brand: MailBranding, basket: BasketExpired): Notice {
  return {
    title: 'Panier expiré',
    body: `Votre panier de ${frenchAmount(basket.totalCents)} n'a pas été payé à temps : ${counted(basket.bookingIds.length, 'réservation libérée', 'réservations libérées')}.`,
    link: portalLink(brand, '/reservations'),
  };
}

// ---------------------------------------------------------------------------------------------
// Credit notes

export function creditNoteMail(
  brand: MailBranding,
  recipient: BillingRecipient,
  creditNote: CreditNoteIssued,
): RenderedMail {
  return render(brand, {
    subject: 'Un avoir a été émis sur votre facture',
    greetingName: recipient.firstName,
    paragraphs: [
      `Un avoir n° ${creditNote.number} de ${frenchAmount(creditNote.amountCents)} a été émis sur ${invoicePhrase(creditNote.invoiceNumber, creditNote.regieName)}.`,
      `Motif : ${creditNote.reason}`,
      creditNote.replacementInvoiceId
        ? 'Une nouvelle facture la remplace : vous la recevez dans un message séparé.'
        : creditNote.invoiceBalanceCents > 0
          ? `Il reste ${frenchAmount(creditNote.invoiceBalanceCents)} à régler sur cette facture.`
          : "Il n'y a plus rien à régler sur cette facture.",
    ],
    action: { label: SEE_INVOICES, url: invoicesLink(brand) },
  });
}

export function creditNoteNotice(brand: MailBranding, creditNote: CreditNoteIssued): Notice {
  return {
    title: 'Avoir émis',
    body: `Avoir n° ${creditNote.number} de ${frenchAmount(creditNote.amountCents)} sur la facture n° ${creditNote.invoiceNumber}.`,
    link: invoicesLink(brand),
  };
}

// ---------------------------------------------------------------------------------------------
// Overdue reminders

export function invoiceOverdueMail(
  brand: MailBranding,
  recipient: BillingRecipient,
  overdue: InvoiceOverdue,
): RenderedMail {
  return render(brand, {
    subject: 'Rappel : une facture reste à régler',
    greetingName: recipient.firstName,
    paragraphs: [
      `${capitalise(invoicePhrase(overdue.number, overdue.regieName))} pour ${monthOf(overdue.month)} était à régler avant le ${frenchWordDate(overdue.dueOn)} : il reste ${frenchAmount(overdue.balanceCents)} à payer.`,
      `Vous pouvez la payer en ligne sur www.payfip.gouv.fr avec la référence de la dette ${overdue.debtReference}.`,
      'Si vous avez réglé cette facture entre-temps, merci de ne pas tenir compte de ce message.',
    ],
    action: { label: SEE_INVOICES, url: invoicesLink(brand) },
  });
}

export function invoiceOverdueNotice(brand: MailBranding, overdue: InvoiceOverdue): Notice {
  return {
    title: 'Facture à régler',
    body: `La facture n° ${overdue.number} était à régler avant le ${frenchWordDate(overdue.dueOn)} : il reste ${frenchAmount(overdue.balanceCents)}.`,
    link: invoicesLink(brand),
  };
}
