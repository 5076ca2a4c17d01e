import {
  CommonErrorCode,
  type AdminCaller,
  type AgentCaller,
  type Caller,
} from '@portail/contracts';
import { DomainException } from '@portail/service-kit';

function forbidden(): DomainException {
  return new DomainException(
    CommonErrorCode.FORBIDDEN,
    "Votre compte ne permet pas d'effectuer cette action.",
  );
}

/** Services check the caller again, whatever the gateway already did. */
export function requireAdmin(caller: Caller): asserts caller is AdminCaller {
  if (caller.kind !== 'admin') throw forbidden();
}

export function requireAgent(caller: Caller): asserts caller is AgentCaller {
  if (caller.kind !== 'agent') throw forbidden();
}
