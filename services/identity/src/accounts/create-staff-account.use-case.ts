import { isUniqueViolation } from '@portail/database';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { EventRecorder } from '@portail/messaging';
import {
  assertAcceptablePassword,
  assertEmailFree,
  insertAccount,
  newAccount,
} from './account-factory';
import { Account } from './account.entity';
import { EmailAlreadyRegisteredException } from './account.exception';
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
    assertAcceptablePassword(input.password, input.email);
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
    await assertEmailFree(manager, input.email);
    const account = newAccount({
      kind: input.kind,
      email: input.email,
      passwordHash,
      firstName: input.firstName,
      lastName: input.lastName,
      phone: input.phone,
      vouched: true,
      acceptsTerms: false,
    });
    await insertAccount(manager, this.events, account);
    return await manager.getRepository(Account).findOneByOrFail({ id: account.id });
  }
}
