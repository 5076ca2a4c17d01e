import { Inject, Injectable } from '@nestjs/common';
import { HouseholdSubjects } from '@portail/contracts';
import { SERVICE_LOGGER, type Logger } from '@portail/logging';
import { ServiceRequester } from '@portail/service-kit';

/**
 * The e-mail a provider sends its receipt to (PayFIP's `mel`): the login e-mail of the family
 * account that started the payment, asked of identity when the payment opens (billing's copies
 * hold no e-mail). Unknown (identity unreachable, the account gone): undefined, and the provider
 * falls back to the régie's address, so a family can always pay.
 */
@Injectable()
export class PayerContacts {
  constructor(
    private readonly services: ServiceRequester,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async emailOf(accountId: string): Promise<string | undefined> {
    try {
      const profile = await this.services.request(HouseholdSubjects.enrolmentProfile, {
        accountId,
      });
      return profile.accounts.find((account) => account.accountId === accountId)?.email;
    } catch (error) {
      this.logger.warn(
        { accountId, code: (error as { envelope?: { code?: string } }).envelope?.code },
        "Payer's e-mail unknown: the provider is given the régie's address",
      );
      return undefined;
    }
  }
}
