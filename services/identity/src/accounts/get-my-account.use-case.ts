import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { AccountProfile, Caller } from '@portail/contracts';
import { Account } from './account.entity';
import { AccountNotFoundException } from './account.exception';
import { toAccountProfile } from './account-profile';

@Injectable()
export class GetMyAccount {
  constructor(@InjectRepository(Account) private readonly accounts: Repository<Account>) {}

  async execute(caller: Caller): Promise<AccountProfile> {
    const account = await this.accounts.findOneBy({ id: caller.accountId });
    if (!account) throw new AccountNotFoundException();
    return toAccountProfile(account);
  }
}
