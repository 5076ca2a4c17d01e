import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CommonErrorCode, type Caller, type MailLinkToken } from '@portail/contracts';
import { DomainException } from '@portail/service-kit';
import { AccountTokens } from '../tokens/account-tokens';

/**
 * Notification's mail sender asks, at send time, for the token of the link an e-mail event
 * named (`linkId`): the token goes from here into the e-mail only, never into an event, the
 * outbox, the stream or a stored message. A call carrying a person's caller did not come from a
 * service (the gateway has no route to it) and is refused.
 */
@Injectable()
export class GetMailLinkToken {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: AccountTokens,
  ) {}

  async execute(caller: Caller | undefined, linkId: string): Promise<MailLinkToken> {
    if (caller) {
      throw new DomainException(
        CommonErrorCode.FORBIDDEN,
        "Votre compte ne permet pas d'effectuer cette action.",
      );
    }
    const token = await this.dataSource.transaction((manager) =>
      this.tokens.linkToken(manager, linkId),
    );
    return { token };
  }
}
