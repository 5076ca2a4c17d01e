import { PaymentRefusedError, type PaymentRequest } from '../payment-provider';
import { PayfipPaymentProvider } from './payfip-payment-provider';

/** Nothing listens there: a provider that called PayFIP would fail with a network error. */
const provider = new PayfipPaymentProvider(
  {
    endpoint: 'http://127.0.0.1:9/tpa/services/securite',
    saisie: 'T',
    publicUrl: 'https://portail.example.org/api/v1',
    paymentPageUrl: 'https://www.payfip.gouv.fr/tpa/paiementws.web',
    defaultEmail: 'regie@example.org',
    pendingLifetimeMs: 20 * 60_000,
    timeoutMs: 1_000,
  },
  () => new Date('2026-12-03T09:00:00Z'),
);

const request: PaymentRequest = {
  paymentId: 'p1',
  invoiceId: 'i1',
  amountCents: 3646,
  reference: '2026-CA-00-000001',
  collectivityNumber: '000070',
  returnUrl: 'https://portail.example.org/paiements/p1',
};

describe('PayfipPaymentProvider', () => {
  it.each([
    ['a collectivity number that is not 6 digits', { collectivityNumber: '70' }],
    ['no collectivity number', { collectivityNumber: undefined }],
    ['a debt reference under 6 letters and digits', { reference: 'A-1' }],
    ['a debt reference over 30 letters and digits', { reference: 'A'.repeat(31) }],
    ['no amount', { amountCents: 0 }],
  ])('refuses %s without asking PayFIP', async (_, change) => {
    await expect(provider.start({ ...request, ...change })).rejects.toBeInstanceOf(
      PaymentRefusedError,
    );
  });

  it('fails without refusing when PayFIP cannot be reached (the payment may be opened again)', async () => {
    const failure = await provider.start(request).catch((error: unknown) => error);
    // fetch's TypeError comes from another realm under Jest: read by its message.
    expect(String(failure)).toContain('fetch failed');
    expect(failure).not.toBeInstanceOf(PaymentRefusedError);
  });
});
