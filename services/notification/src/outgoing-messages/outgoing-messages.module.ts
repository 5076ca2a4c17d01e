import { Module } from '@nestjs/common';
import { ListOutgoingMessages } from './list-outgoing-messages.use-case';
import { OutgoingMessagesController } from './outgoing-messages.controller';
import { RetryOutgoingMessage } from './retry-outgoing-message.use-case';

/** What operators see of the e-mail queue: failed messages, and retrying them. */
@Module({
  controllers: [OutgoingMessagesController],
  providers: [ListOutgoingMessages, RetryOutgoingMessage],
})
export class OutgoingMessagesModule {}
