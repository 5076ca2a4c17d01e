import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import type { MsgHdrs } from 'nats';
import { CLIENT_ADDRESS_HEADER, CommonErrorCode, type Caller } from '@portail/contracts';
import { DomainException } from '../errors/domain.exception';
import { verifiedCallOf } from '../nats/verified-calls';

/** The caller GracefulNatsServer verified for this request (never the raw header). */
export function callerOf(context: ExecutionContext): Caller | undefined {
  const nats = context.switchToRpc().getContext<NatsContext>();
  // NatsContext types its headers loosely; they are nats.js MsgHdrs.
  const headers = nats.getHeaders() as MsgHdrs | undefined;
  return verifiedCallOf(headers)?.caller;
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

/** An IPv4 or IPv6 address as Fastify gives it (IPv4-mapped IPv6 included). */
const CLIENT_ADDRESS = /^[0-9a-fA-F:.]{2,45}$/;

/**
 * The HTTP client's address the gateway forwarded (`@ClientAddress() address`), or `undefined`
 * for a service-to-service call or a malformed header. Only for back-offs: never stored as is.
 */
export const ClientAddress = createParamDecorator(
  (_: unknown, context: ExecutionContext): string | undefined => {
    const headers = context.switchToRpc().getContext<NatsContext>().getHeaders() as
      MsgHdrs | undefined;
    const address = headers?.get(CLIENT_ADDRESS_HEADER);
    return address && CLIENT_ADDRESS.test(address) ? address : undefined;
  },
);
