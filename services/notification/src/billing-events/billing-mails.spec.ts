import {
  typographyFaults,
  type BasketExpired,
  type PaymentFailed,
  type PaymentReceived,
} from '@portail/contracts';
import type { MailBranding, RenderedMail } from '../mail/mail-templates';
import {
  basketExpiredMail,
  basketExpiredNotice,
  creditNoteMail,
  frenchAmount,
  invoiceIssuedMail,
  invoiceOverdueMail,
  paymentFailedMail,
  paymentFailedNotice,
  paymentReceivedMail,
} from './billing-mails';

const brand: MailBranding = {
  portalName: 'Portail Famille',
  organisationName: 'Vichy Communauté',
  portalUrl: 'https://portail.example.fr',
};
const camille = { email: 'camille@example.fr', firstName: 'Camille' };
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

const payment: PaymentReceived = {
  paymentId: 'p',
  invoiceId: 'i',
  regieId: 'r',
  regieName: 'Affaires Scolaires de Vichy',
  organisationId: 'o',
  householdId: 'h',
  accountIds: ['a'],
  invoiceNumber: 193631,
  method: 'card',
  amountCents: 1000,
  paidAt: '2026-11-20T10:00:00Z',
  invoiceBalanceCents: 1240,
};

function expectFrench(mail: RenderedMail): void {
  for (const paragraph of plain(mail.text).split('\n\n')) {
    expect(typographyFaults(paragraph)).toEqual([]);
  }
  expect(mail.html).toContain('lang="fr"');
}

describe('billing e-mails', () => {
  it('writes amounts in French with no-break spaces', () => {
    expect(plain(frenchAmount(2240))).toBe('22,40 €');
    expect(plain(frenchAmount(123456789))).toBe('1 234 567,89 €');
    expect(plain(frenchAmount(5))).toBe('0,05 €');
    expect(frenchAmount(2240)).toBe('22,40\u00a0€');
  });

  it('announces an invoice with its amount, due date in words, PayFIP reference and link', () => {
    const mail = invoiceIssuedMail(brand, camille, {
      invoiceId: 'i',
      regieId: 'r',
      regieName: 'Affaires Scolaires de Vichy',
      organisationId: 'o',
      householdId: 'h',
      accountIds: ['a'],
      year: 2021,
      number: 193631,
      debtReference: '2021-CA-00-193631',
      month: '2021-09',
      issuedOn: '2021-10-12',
      dueOn: '2021-11-01',
      totalCents: 2240,
    });
    expect(mail.subject).toBe('Votre facture est disponible');
    expect(plain(mail.text)).toContain('Montant : 22,40 €, à régler avant le 1er novembre 2021.');
    expect(mail.text).toContain('septembre 2021');
    expect(mail.text).toContain('2021-CA-00-193631');
    expect(mail.text).toContain('https://portail.example.fr/factures');
    expectFrench(mail);
  });

  it('tells a payment received and what is left, or that the invoice is paid', () => {
    expect(plain(paymentReceivedMail(brand, camille, payment).text)).toContain(
      'Votre paiement de 10,00 € pour la facture n° 193631 de la régie « Affaires Scolaires de Vichy » est enregistré.\n\nIl reste 12,40 € à régler sur cette facture.',
    );
    const paid = paymentReceivedMail(brand, camille, { ...payment, invoiceBalanceCents: 0 });
    expect(paid.text).toContain('Cette facture est entièrement réglée.');
    expectFrench(paid);
  });

  it('tells a failed payment with its cause, and a basket not numbered yet', () => {
    const failed: PaymentFailed = {
      ...payment,
      invoiceNumber: null,
      state: 'denied',
      at: '2026-11-20T10:00:00Z',
    };
    const mail = paymentFailedMail(brand, camille, failed);
    expect(mail.subject).toBe("Votre paiement n'a pas abouti");
    expect(plain(mail.text)).toContain(
      "Votre paiement de 10,00 € pour votre panier de réservations de la régie « Affaires Scolaires de Vichy » n'a pas abouti : il a été refusé.",
    );
    expectFrench(mail);
    expect(paymentFailedNotice(brand, { ...failed, state: 'expired' }).body).toContain(
      "il n'a pas été terminé à temps",
    );
  });

  it('tells an expired basket with the bookings released, counted in French', () => {
    const basket: BasketExpired = {
      basketId: 'b',
      regieId: 'r',
      regieName: 'Affaires Scolaires de Vichy',
      organisationId: 'o',
      householdId: 'h',
      accountIds: ['a'],
      bookingIds: ['1', '2', '3'],
      totalCents: 3600,
      expiredAt: '2026-11-20T10:00:00Z',
    };
    const mail = basketExpiredMail(brand, camille, basket);
    expect(plain(mail.text)).toContain(
      "Le paiement de votre panier (36,00 €) n'a pas été reçu à temps : 3 réservations sont libérées, rien ne vous est facturé.",
    );
    expectFrench(mail);
    expect(basketExpiredNotice(brand, { ...basket, bookingIds: ['1'] }).body).toContain(
      '1 réservation libérée',
    );
  });

  it('tells a corrective credit note that a new invoice replaces the old one', () => {
    const mail = creditNoteMail(brand, camille, {
      creditNoteId: 'c',
      invoiceId: 'i',
      invoiceNumber: 12,
      regieId: 'r',
      regieName: 'Affaires Scolaires de Vichy',
      organisationId: 'o',
      householdId: 'h',
      accountIds: ['a'],
      year: 2026,
      number: 3,
      kind: 'corrective',
      reason: 'Présences corrigées pour octobre 2026 : la facture n° 12 est remplacée.',
      amountCents: 2240,
      issuedOn: '2026-11-20',
      invoiceBalanceCents: 0,
      replacementInvoiceId: 'n',
    });
    expect(mail.text).toContain(
      'Une nouvelle facture la remplace : vous la recevez dans un message séparé.',
    );
    expectFrench(mail);
  });

  it('reminds an overdue invoice with the balance and the due date', () => {
    const mail = invoiceOverdueMail(brand, camille, {
      invoiceId: 'i',
      regieId: 'r',
      regieName: 'Affaires Scolaires de Vichy',
      organisationId: 'o',
      householdId: 'h',
      accountIds: ['a'],
      number: 12,
      debtReference: '2026-CA-00-000012',
      month: '2026-10',
      dueOn: '2026-12-10',
      daysOverdue: 15,
      balanceCents: 910,
    });
    expect(mail.subject).toBe('Rappel : une facture reste à régler');
    expect(plain(mail.text)).toContain('avant le 10 décembre 2026 : il reste 9,10 € à payer.');
    expectFrench(mail);
  });
});
