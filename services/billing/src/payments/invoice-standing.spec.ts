import { invoiceStanding, type InvoiceAmounts } from './invoice-standing';

/** An invoice of 36,46 € due on 10 December 2026, read on 3 December. */
const AN_INVOICE: InvoiceAmounts = {
  totalCents: 3646,
  paidCents: 0,
  creditedCents: 0,
  dueOn: '2026-12-10',
  today: '2026-12-03',
};

describe('the status and balance of an invoice', () => {
  it('is issued with its whole total to pay before anything is paid or due', () => {
    expect(invoiceStanding(AN_INVOICE)).toEqual({ status: 'issued', balanceCents: 3646 });
  });

  it('is partly paid after a cheque of 20 € at the counter', () => {
    expect(invoiceStanding({ ...AN_INVOICE, paidCents: 2000 })).toEqual({
      status: 'partly-paid',
      balanceCents: 1646,
    });
  });

  it('is paid once the payments reach the total', () => {
    expect(invoiceStanding({ ...AN_INVOICE, paidCents: 3646 })).toEqual({
      status: 'paid',
      balanceCents: 0,
    });
  });

  it('is still to pay on its due date, and overdue the day after', () => {
    expect(invoiceStanding({ ...AN_INVOICE, today: '2026-12-10' }).status).toBe('issued');
    expect(invoiceStanding({ ...AN_INVOICE, today: '2026-12-11' })).toEqual({
      status: 'overdue',
      balanceCents: 3646,
    });
  });

  it('is overdue, not partly paid, when a balance is left past the due date', () => {
    expect(invoiceStanding({ ...AN_INVOICE, paidCents: 2000, today: '2026-12-11' })).toEqual({
      status: 'overdue',
      balanceCents: 1646,
    });
  });

  it('is never overdue once paid, however late it is read', () => {
    expect(invoiceStanding({ ...AN_INVOICE, paidCents: 3646, today: '2027-06-01' }).status).toBe(
      'paid',
    );
  });

  it('counts a credit note as taken off the balance: paid with the rest', () => {
    expect(invoiceStanding({ ...AN_INVOICE, creditedCents: 646, paidCents: 3000 })).toEqual({
      status: 'paid',
      balanceCents: 0,
    });
    expect(invoiceStanding({ ...AN_INVOICE, creditedCents: 646 })).toEqual({
      status: 'issued',
      balanceCents: 3000,
    });
  });

  it('is cancelled when a credit note takes off the whole total before any payment', () => {
    expect(invoiceStanding({ ...AN_INVOICE, creditedCents: 3646 })).toEqual({
      status: 'cancelled',
      balanceCents: 0,
    });
    expect(invoiceStanding({ ...AN_INVOICE, cancelled: true, paidCents: 1000 }).status).toBe(
      'cancelled',
    );
  });
});
