import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { normalizeEmail } from '@portail/contracts';
import { Account } from '../accounts/account.entity';
import {
  CreateStaffAccount,
  type StaffAccountInput,
} from '../accounts/create-staff-account.use-case';

/**
 * Staff accounts as the agents module needs them: created by the accounts module's
 * CreateStaffAccount inside the caller's transaction (an agent and its assignments commit
 * together), and found by e-mail.
 */
@Injectable()
export class StaffAccounts {
  constructor(private readonly createStaffAccount: CreateStaffAccount) {}

  create(manager: EntityManager, input: StaffAccountInput): Promise<Account> {
    return this.createStaffAccount.execute(input, manager);
  }

  findByEmail(manager: EntityManager, email: string): Promise<Account | null> {
    return manager.getRepository(Account).findOneBy({ emailNormalized: normalizeEmail(email) });
  }
}
