import { isUniqueViolation } from '@portail/database';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { normalizeEmail, passwordWeakness } from '@portail/contracts';
import { EventRecorder } from '@portail/messaging';
import { Account } from './account.entity';
import { EmailAlreadyRegisteredException, InvalidFieldException } from './account.exception';
import { PasswordHasher } from './password-hasher';

export interface StaffAccountInput {
  kind: 'agent' | 'admin';
  email: string;
  /** Initial password chosen by the administrator; the same strength rules as families'. */
  password: string;
  firstName: string;
  lastName: string;
  phone?: string | null;
}

/**
 * Creates an agent's or an administrator's account, active at once (an administrator vouches
 * for the address). Pass `manager` to create it inside a larger transaction (an agent and its
 * assignments); the account id is then the agent id.
 * Throws EmailAlreadyRegisteredException (409) when the address has an account.
 */
@Injectable()
export class CreateStaffAccount {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly events: EventRecorder,
  ) {}

  async execute(input: StaffAccountInput, manager?: EntityManager): Promise<Account> {
    const weakness = passwordWeakness(input.password, input.email);
    if (weakness) throw new InvalidFieldException([{ field: 'password', message: weakness }]);
    const passwordHash = await this.hasher.hash(input.password);
    const create = (m: EntityManager) => this.create(m, input, passwordHash);
    try {
      return await (manager ? create(manager) : this.dataSource.transaction(create));
    } catch (error) {
      if (isUniqueViolation(error)) throw new EmailAlreadyRegisteredException();
      throw error;
    }
  }

  private async create(
    manager: EntityManager,
    input: StaffAccountInput,
    passwordHash: string,
  ): Promise<Account> {
    const accounts = manager.getRepository(Account);
    const emailNormalized = normalizeEmail(input.email);
    if (await accounts.existsBy({ emailNormalized })) throw new EmailAlreadyRegisteredException();
    const now = new Date();
    const account = accounts.create({
      id: uuidv7(),
      kind: input.kind,
      status: 'active',
      email: input.email.trim(),
      emailNormalized,
      passwordHash,
      firstName: input.firstName.trim(),
      lastName: input.lastName.trim(),
      phone: input.phone?.trim() || null,
      addressLine1: null,
      addressLine2: null,
      postalCode: null,
      city: null,
      termsAcceptedAt: null,
      emailVerifiedAt: now,
      pendingEmail: null,
      failedLoginCount: 0,
      lockedUntil: null,
      closedAt: null,
    });
    await accounts.insert(account);
    await this.events.record(manager, 'identity.account.created', {
      id: account.id,
      kind: account.kind,
      email: account.email,
      firstName: account.firstName,
      lastName: account.lastName,
    });
    return await accounts.findOneByOrFail({ id: account.id });
  }
}
