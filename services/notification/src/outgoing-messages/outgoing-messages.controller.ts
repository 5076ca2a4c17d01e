import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  NotificationSubjects,
  type Caller,
  type OutgoingMessagePage,
  type OutgoingMessageView,
} from '@portail/contracts';
import { CurrentCaller } from '@portail/service-kit';
import { ListOutgoingMessages } from './list-outgoing-messages.use-case';
import { ListOutgoingMessagesDto, OutgoingMessageIdDto } from './outgoing-message.dto';
import { RetryOutgoingMessage } from './retry-outgoing-message.use-case';

@Controller()
export class OutgoingMessagesController {
  constructor(
    private readonly listOutgoingMessages: ListOutgoingMessages,
    private readonly retryOutgoingMessage: RetryOutgoingMessage,
  ) {}

  @MessagePattern(NotificationSubjects.outgoingMessagesList)
  list(
    @CurrentCaller() caller: Caller,
    @Payload() query: ListOutgoingMessagesDto,
  ): Promise<OutgoingMessagePage> {
    return this.listOutgoingMessages.execute(caller, query);
  }

  @MessagePattern(NotificationSubjects.outgoingMessagesRetry)
  retry(
    @CurrentCaller() caller: Caller,
    @Payload() command: OutgoingMessageIdDto,
  ): Promise<OutgoingMessageView> {
    return this.retryOutgoingMessage.execute(caller, command.id);
  }
}
