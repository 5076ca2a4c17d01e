import { billingEnvSchema } from '../config';

const steps = billingEnvSchema.shape.INVOICE_REMINDER_DAYS;

describe('the reminder steps (INVOICE_REMINDER_DAYS)', () => {
  it('reminds 1 and 15 days after the due date by default', () => {
    expect(steps.parse(undefined)).toEqual([1, 15]);
    expect(steps.parse('')).toEqual([1, 15]);
  });

  it('reads days in any order, once each', () => {
    expect(steps.parse(' 30, 7,7 ,1')).toEqual([1, 7, 30]);
  });

  it('refuses what is not a number of days', () => {
    expect(steps.safeParse('1,quinze').success).toBe(false);
    expect(steps.safeParse('-1').success).toBe(false);
    expect(steps.safeParse('1.5').success).toBe(false);
    expect(steps.safeParse('400').success).toBe(false);
    expect(steps.safeParse(Array.from({ length: 11 }, (_, day) => day).join(',')).success).toBe(
      false,
    );
  });
});
