import type { EntityManager } from 'typeorm';
import type { EventRecorder } from '@portail/messaging';
import {
  assertAcceptablePassword,
  assertEmailFree,
  insertAccount,
  newAccount,
  type NewAccountFields,
} from './account-factory';
import { Account } from './account.entity';

const NOW = new Date('2026-09-01T08:30:00.000Z');

const family: NewAccountFields = {
  kind: 'family',
  email: '  Camille.Martin@Example.fr ',
  passwordHash: '$argon2id$hash',
  firstName: ' Camille ',
  lastName: ' Martin ',
  phone: ' 04 70 30 17 17 ',
  address: { line1: ' 12 rue de Paris ', line2: '  ', postalCode: '03200', city: ' Vichy ' },
  vouched: false,
  acceptsTerms: true,
};

const agent: NewAccountFields = {
  kind: 'agent',
  email: 'claire.martin@ville-vichy.fr',
  passwordHash: '$argon2id$hash',
  firstName: 'Claire',
  lastName: 'MARTIN',
  vouched: true,
  acceptsTerms: false,
};

describe('newAccount', () => {
  it('makes a family sign-up pending, terms accepted, address trimmed', () => {
    const account = newAccount(family, NOW);
    expect(account).toBeInstanceOf(Account);
    expect(account).toMatchObject({
      kind: 'family',
      status: 'pending',
      email: 'Camille.Martin@Example.fr',
      emailNormalized: 'camille.martin@example.fr',
      firstName: 'Camille',
      lastName: 'Martin',
      phone: '04 70 30 17 17',
      addressLine1: '12 rue de Paris',
      addressLine2: null,
      postalCode: '03200',
      city: 'Vichy',
      termsAcceptedAt: NOW,
      emailVerifiedAt: null,
      pendingEmail: null,
      closedAt: null,
    });
    expect(account.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
  });

  it('makes a vouched family active and verified now', () => {
    const account = newAccount({ ...family, vouched: true }, NOW);
    expect([account.status, account.emailVerifiedAt, account.termsAcceptedAt]).toEqual([
      'active',
      NOW,
      NOW,
    ]);
  });

  it('makes staff active and verified, without address, phone or terms', () => {
    const account = newAccount(agent, NOW);
    expect(account).toMatchObject({
      kind: 'agent',
      status: 'active',
      emailVerifiedAt: NOW,
      termsAcceptedAt: null,
      phone: null,
      addressLine1: null,
      addressLine2: null,
      postalCode: null,
      city: null,
    });
  });

  it('gives every account its own id', () => {
    expect(newAccount(agent).id).not.toBe(newAccount(agent).id);
  });
});

describe('assertAcceptablePassword', () => {
  it('refuses a weak password as a field error, and accepts a strong one', () => {
    let refusal: unknown;
    try {
      assertAcceptablePassword('court', agent.email);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({
      envelope: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'password' }] } },
    });
    expect(() => assertAcceptablePassword('Vichy-Cusset-2026', agent.email)).not.toThrow();
  });
});

describe('storing a new account', () => {
  function fakeManager(existing: boolean) {
    const repository = {
      existsBy: jest.fn().mockResolvedValue(existing),
      insert: jest.fn().mockResolvedValue(undefined),
    };
    const manager = { getRepository: () => repository } as unknown as EntityManager;
    return { manager, repository };
  }

  it('refuses an address that already has an account, whatever its case', async () => {
    const { manager, repository } = fakeManager(true);
    await expect(assertEmailFree(manager, ' Claire.Martin@ville-vichy.fr')).rejects.toMatchObject({
      envelope: { code: 'EMAIL_ALREADY_REGISTERED' },
    });
    expect(repository.existsBy).toHaveBeenCalledWith({
      emailNormalized: 'claire.martin@ville-vichy.fr',
    });
    await expect(assertEmailFree(fakeManager(false).manager, agent.email)).resolves.toBeUndefined();
  });

  it('inserts the row and records identity.account.created in the same transaction', async () => {
    const { manager, repository } = fakeManager(false);
    const record = jest.fn().mockResolvedValue(undefined);
    const account = newAccount(agent, NOW);
    await insertAccount(manager, { record } as unknown as EventRecorder, account);
    expect(repository.insert).toHaveBeenCalledWith(account);
    expect(record).toHaveBeenCalledWith(manager, 'identity.account.created', {
      id: account.id,
      kind: 'agent',
      email: 'claire.martin@ville-vichy.fr',
      firstName: 'Claire',
      lastName: 'MARTIN',
    });
  });
});
