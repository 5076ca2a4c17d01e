import type { MsgHdrs } from 'nats';
import type { Caller } from '@portail/contracts';

/** Who sent a request, once GracefulNatsServer has checked it. */
export interface VerifiedCall {
  /** `gateway` or the calling service; undefined when callers are not verified (development). */
  issuer?: string;
  caller?: Caller;
}

/**
 * The checked sender of each request being handled, keyed by its headers object (the one Nest's
 * NatsContext hands to decorators). Nothing else is trusted: a request whose headers were not
 * checked has no caller.
 */
const calls = new WeakMap<MsgHdrs, VerifiedCall>();

export function recordVerifiedCall(headers: MsgHdrs | undefined, call: VerifiedCall): void {
  if (headers) calls.set(headers, call);
}

export function verifiedCallOf(headers: MsgHdrs | undefined): VerifiedCall | undefined {
  return headers ? calls.get(headers) : undefined;
}
