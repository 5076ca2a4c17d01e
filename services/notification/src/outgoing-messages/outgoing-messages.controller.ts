import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  ListOutgoingMessagesQuery,
  NotificationSubjects,
  OutgoingMessageRef,
  type Caller,
  type OutgoingMessagePage,
  type OutgoingMessageView,
} from '@portail/contracts';
import { CurrentCaller, HandlesRequest } from '@portail/service-kit';
import { ListOutgoingMessages } from './list-outgoing-messages.use-case';
import { RetryOutgoingMessage } from './retry-outgoing-message.use-case';

@Controller()
export class OutgoingMessagesController {
  constructor(
    private readonly listOutgoingMessages: ListOutgoingMessages,
    private readonly retryOutgoingMessage: RetryOutgoingMessage,
  ) {}

  @HandlesRequest(NotificationSubjects.outgoingMessagesList)
  list(
    @CurrentCaller() caller: Caller,
    @Payload() query: ListOutgoingMessagesQuery,
  ): Promise<OutgoingMessagePage> {
    return this.listOutgoingMessages.execute(caller, query);
  }

  @HandlesRequest(NotificationSubjects.outgoingMessagesRetry)
  retry(
    @CurrentCaller() caller: Caller,
    @Payload() command: OutgoingMessageRef,
  ): Promise<OutgoingMessageView> {
    return this.retryOutgoingMessage.execute(caller, command.id);
  }
}
