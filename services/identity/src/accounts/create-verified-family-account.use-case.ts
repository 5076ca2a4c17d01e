import { isUniqueViolation } from '@portail/database';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SignUpCommand } from '@portail/contracts';
import { EventRecorder } from '@portail/messaging';
import {
  assertAcceptablePassword,
  assertEmailFree,
  insertAccount,
  newAccount,
} from './account-factory';
import { Account } from './account.entity';
import { EmailAlreadyRegisteredException, InvalidFieldException } from './account.exception';
import { PasswordHasher } from './password-hasher';

/**
 * Creates a family's personal space already verified, for operators' tools only (the demo
 * seed): no controller exposes it, so nobody can skip the e-mail proof through the API.
 *
 * Why not SignUp then VerifyEmail: SignUp hands its single-use token only to the outbox (for
 * the e-mail) and answers neutrally, so a tool would have to dig the token out of the outbox
 * or issue a second one, and every demo family would get a confirmation e-mail queued for an
 * invented address. Here, as CreateStaffAccount does for staff, the operator vouches for the
 * address: the account is written as SignUp then VerifyEmail would leave it (terms accepted,
 * active, verified now) and the same events are recorded (`identity.account.created`, then
 * `identity.account.verified`), without the verification request. The caller validates the
 * command as the API would (SignUpDto); the password's strength is checked here again.
 * Throws EmailAlreadyRegisteredException (409) when the address has an account.
 */
@Injectable()
export class CreateVerifiedFamilyAccount {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly events: EventRecorder,
  ) {}

  async execute(command: SignUpCommand): Promise<Account> {
    if (command.acceptTerms !== true) {
      throw new InvalidFieldException([
        { field: 'acceptTerms', message: "Vous devez accepter les conditions d'utilisation." },
      ]);
    }
    assertAcceptablePassword(command.password, command.email);
    const passwordHash = await this.hasher.hash(command.password);
    try {
      return await this.dataSource.transaction((manager) =>
        this.create(manager, command, passwordHash),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new EmailAlreadyRegisteredException();
      throw error;
    }
  }

  private async create(
    manager: EntityManager,
    command: SignUpCommand,
    passwordHash: string,
  ): Promise<Account> {
    await assertEmailFree(manager, command.email);
    const now = new Date();
    const account = newAccount(
      {
        kind: 'family',
        email: command.email,
        passwordHash,
        firstName: command.firstName,
        lastName: command.lastName,
        phone: command.phone,
        address: command.address,
        vouched: true,
        acceptsTerms: true,
      },
      now,
    );
    await insertAccount(manager, this.events, account);
    await this.events.record(manager, 'identity.account.verified', {
      id: account.id,
      email: account.email,
      verifiedAt: now.toISOString(),
    });
    return await manager.getRepository(Account).findOneByOrFail({ id: account.id });
  }
}
