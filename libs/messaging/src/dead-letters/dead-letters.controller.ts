import { Controller, type Type } from '@nestjs/common';
import { Ctx, MessagePattern, NatsContext, Payload, RpcException } from '@nestjs/microservices';
import type { MsgHdrs } from 'nats';
import { CALLER_HEADER, CommonErrorCode, parseCaller } from '@portail/contracts';
import { DeadLettersService } from './dead-letters.service';

/** Subjects an operator's tool uses: `<service>.dead-letters.list` and `<service>.dead-letters.replay`. */
export function deadLetterSubjects(service: string) {
  return { list: `${service}.dead-letters.list`, replay: `${service}.dead-letters.replay` };
}

/**
 * Dead letters hold whole events (personal data) and replaying one acts again: they answer
 * operators only. The operator's tool (`main.js dead-letters`, run in the service's container)
 * sends no person's caller; a request made for a person (a caller header, as the gateway
 * forwards one) is refused unless that person is an administrator: an agent or a family gets
 * 403 `FORBIDDEN`, whatever route or client carried it.
 */
export function requireOperator(context: NatsContext): void {
  const headers = context.getHeaders() as MsgHdrs | undefined;
  const raw = headers?.get(CALLER_HEADER);
  if (!raw) return;
  const caller = parseCaller(raw);
  if (caller?.kind === 'admin') return;
  throw new RpcException({
    code: CommonErrorCode.FORBIDDEN,
    message: 'Les lettres mortes sont réservées aux opérateurs (administrateurs).',
  });
}

export function createDeadLettersController(service: string): Type {
  const subjects = deadLetterSubjects(service);

  @Controller()
  class DeadLettersController {
    constructor(private readonly deadLetters: DeadLettersService) {}

    @MessagePattern(subjects.list)
    list(@Payload() query: { includeReplayed?: boolean } | null, @Ctx() context: NatsContext) {
      requireOperator(context);
      return this.deadLetters.list(query?.includeReplayed === true);
    }

    @MessagePattern(subjects.replay)
    replay(@Payload() command: { id?: unknown } | null, @Ctx() context: NatsContext) {
      requireOperator(context);
      return this.deadLetters.replay(typeof command?.id === 'string' ? command.id : '');
    }
  }
  return DeadLettersController;
}
