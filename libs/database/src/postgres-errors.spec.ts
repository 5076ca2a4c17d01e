import { isUniqueViolation } from './postgres-errors';

describe('isUniqueViolation', () => {
  const pgError = { code: '23505', constraint: 'uq_accounts_email' };

  it('recognises a raw pg error and one wrapped by TypeORM', () => {
    expect(isUniqueViolation(pgError)).toBe(true);
    expect(isUniqueViolation({ message: 'duplicate', driverError: pgError })).toBe(true);
  });

  it('checks the constraint when one is named', () => {
    expect(isUniqueViolation(pgError, 'uq_accounts_email')).toBe(true);
    expect(isUniqueViolation(pgError, 'uq_other')).toBe(false);
  });

  it('refuses other errors and non-objects', () => {
    expect(isUniqueViolation({ code: '23503' })).toBe(false);
    expect(isUniqueViolation(new Error('boom'))).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
    expect(isUniqueViolation('23505')).toBe(false);
  });
});
