import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import type { MsgHdrs } from 'nats';
import { CALLER_HEADER, CommonErrorCode, parseCaller, type Caller } from '@portail/contracts';
import { DomainException } from '../errors/domain.exception';

export function callerOf(context: ExecutionContext): Caller | undefined {
  const nats = context.switchToRpc().getContext<NatsContext>();
  // NatsContext types its headers loosely; they are nats.js MsgHdrs.
  const headers = nats.getHeaders() as MsgHdrs | undefined;
  return parseCaller(headers?.get(CALLER_HEADER));
}

/**
 * The caller the gateway forwarded, in a NATS handler: `handle(@CurrentCaller() caller: Caller)`.
 * Refuses with UNAUTHENTICATED when there is none; `@OptionalCaller()` allows anonymous calls.
 */
export const CurrentCaller = createParamDecorator(
  (_: unknown, context: ExecutionContext): Caller => {
    const caller = callerOf(context);
    if (!caller) {
      throw new DomainException(
        CommonErrorCode.UNAUTHENTICATED,
        'Vous devez vous connecter pour effectuer cette action.',
      );
    }
    return caller;
  },
);

export const OptionalCaller = createParamDecorator(
  (_: unknown, context: ExecutionContext): Caller | undefined => callerOf(context),
);
