import {
  typographyFaults,
  type DirectDebitAnnounced,
  type DirectDebitReturned,
} from '@portail/contracts';
import type { MailBranding } from '../mail/mail-templates';
import {
  directDebitAnnouncedMail,
  directDebitAnnouncedNotice,
  directDebitReturnedMail,
  directDebitReturnedNotice,
} from './direct-debit-mails';

const brand: MailBranding = {
  portalName: 'Portail Famille',
  organisationName: 'Vichy Communauté',
  portalUrl: 'https://portail.example.fr',
};
const camille = { email: 'camille@example.fr', firstName: 'Camille' };
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

const announced: DirectDebitAnnounced = {
  debitFileId: 'f',
  regieId: 'r',
  regieName: 'Affaires Scolaires de Vichy',
  organisationId: 'o',
  householdId: 'h',
  accountIds: ['a'],
  collectionDate: '2026-11-20',
  amountCents: 3640,
  rum: 'R000070-0000042',
  creditorId: 'FR72ZZZ123456',
  creditorName: 'Régie Affaires Scolaires de Vichy',
  invoices: [
    { invoiceId: 'i1', number: 12, amountCents: 1820 },
    { invoiceId: 'i2', number: 13, amountCents: 1820 },
  ],
};

const returned: DirectDebitReturned = {
  debitId: 'd',
  regieId: 'r',
  regieName: 'Affaires Scolaires de Vichy',
  organisationId: 'o',
  householdId: 'h',
  accountIds: ['a'],
  invoiceId: 'i1',
  invoiceNumber: 12,
  amountCents: 1820,
  reasonCode: 'AC04',
  reasonLabel: 'Compte clôturé',
  mandateRevoked: true,
  returnedOn: '2026-11-23',
};

describe('direct debit e-mails', () => {
  it('pre-notifies the amount, the date, the RUM and the creditor identifier', () => {
    const mail = directDebitAnnouncedMail(brand, camille, announced);
    expect(mail.subject).toBe('Avis de prélèvement');
    const text = plain(mail.text);
    expect(text).toContain('prélèvera 36,40 € sur votre compte le 20 novembre 2026');
    expect(text).toContain('pour les factures n° 12, n° 13');
    expect(text).toContain('(RUM) : R000070-0000042');
    expect(text).toContain('(ICS) : FR72ZZZ123456');
    expect(typographyFaults(text)).toEqual([]);
    expect(plain(directDebitAnnouncedNotice(brand, announced).body)).toBe(
      '36,40 € seront prélevés le 20 novembre 2026 (mandat R000070-0000042).',
    );
  });

  it('tells the family the debit was returned, why, and that its mandate is no longer used', () => {
    const mail = directDebitReturnedMail(brand, camille, returned);
    expect(mail.subject).toBe("Votre prélèvement n'a pas abouti");
    const text = plain(mail.text);
    expect(text).toContain('(motif : compte clôturé)');
    expect(text).toContain('Cette facture est de nouveau à régler');
    expect(text).toContain('Votre mandat de prélèvement ne peut plus être utilisé');
    expect(typographyFaults(text)).toEqual([]);
    expect(
      plain(directDebitReturnedMail(brand, camille, { ...returned, mandateRevoked: false }).text),
    ).not.toContain('mandat de prélèvement ne peut plus');
    expect(directDebitReturnedNotice(brand, returned).title).toBe('Prélèvement rejeté');
  });
});
