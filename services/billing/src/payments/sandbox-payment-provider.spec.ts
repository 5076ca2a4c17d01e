import { canMove } from './payment-provider';
import { SandboxPaymentProvider } from './sandbox-payment-provider';

const A_PAYMENT = {
  paymentId: 'p-1',
  invoiceId: 'i-1',
  amountCents: 3646,
  reference: '2026-CA-00-000001',
  payerEmail: 'camille@example.fr',
  returnUrl: 'https://portail.example.fr/factures',
};

describe('sandbox payment provider', () => {
  let now = new Date('2026-11-03T09:00:00Z');
  const provider = () => new SandboxPaymentProvider(() => now, 20 * 60 * 1000);

  beforeEach(() => {
    now = new Date('2026-11-03T09:00:00Z');
  });

  it('starts a payment waiting, then paid with its amount once the family paid', async () => {
    const sandbox = provider();
    const started = await sandbox.start(A_PAYMENT);
    expect(started.redirectUrl).toContain(`sandbox=${started.providerReference}`);
    expect((await sandbox.status(started.providerReference, now)).state).toBe('waiting');
    sandbox.settle(started.providerReference, 'paid');
    expect(await sandbox.status(started.providerReference, now)).toEqual({
      state: 'paid',
      amountCents: 3646,
      reference: '2026-CA-00-000001',
    });
  });

  it('answers the same operation when the same payment is started twice', async () => {
    const sandbox = provider();
    const first = await sandbox.start(A_PAYMENT);
    expect((await sandbox.start(A_PAYMENT)).providerReference).toBe(first.providerReference);
  });

  it('expires a payment left waiting past its lifetime, and keeps it expired', async () => {
    const sandbox = provider();
    const started = await sandbox.start(A_PAYMENT);
    const later = new Date(now.getTime() + 20 * 60 * 1000 + 1);
    expect((await sandbox.status(started.providerReference, later)).state).toBe('expired');
    sandbox.settle(started.providerReference, 'paid');
    expect((await sandbox.status(started.providerReference, later)).state).toBe('expired');
  });

  it('reports a denied or cancelled payment without an amount, an unknown one as expired', async () => {
    const sandbox = provider();
    const denied = await sandbox.start(A_PAYMENT);
    sandbox.settle(denied.providerReference, 'denied');
    expect(await sandbox.status(denied.providerReference, now)).toMatchObject({
      state: 'denied',
      amountCents: null,
    });
    expect((await sandbox.status('sandbox-forged', now)).state).toBe('expired');
  });

  it('refuses a payment of no amount', async () => {
    await expect(provider().start({ ...A_PAYMENT, amountCents: 0 })).rejects.toThrow();
  });

  it('moves a payment only out of waiting', () => {
    expect(canMove('waiting', 'paid')).toBe(true);
    expect(canMove('paid', 'cancelled')).toBe(false);
    expect(canMove('expired', 'paid')).toBe(false);
  });
});
