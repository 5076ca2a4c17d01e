import { BillingErrorCode, CommonErrorCode, type Caller } from '@portail/contracts';
import { DomainException } from '@portail/service-kit';
import type { RegieRow } from './regie-store';

export class RegieNotFoundException extends DomainException {
  constructor() {
    super(BillingErrorCode.REGIE_NOT_FOUND, "Cette régie n'existe pas.");
  }
}

function outOfScope(): DomainException {
  return new DomainException(
    BillingErrorCode.REGIE_OUT_OF_SCOPE,
    "Cette régie relève de services pour lesquels vous n'êtes pas habilité.",
  );
}

/** Administrators, or the supervisors of the organisation, set up its régies and tariffs. */
export function requireRegieManager(caller: Caller, organisationId: string): void {
  if (caller.kind === 'admin') return;
  if (caller.kind !== 'agent' || !caller.roles.includes('supervisor')) {
    throw new DomainException(
      CommonErrorCode.FORBIDDEN,
      'Seuls les responsables de la collectivité gèrent les régies et leurs tarifs.',
    );
  }
  if (caller.organisationId !== organisationId) throw outOfScope();
}

/** The régie's agents: those of its organisation working for one of its services. */
export function requireRegieAgent(caller: Caller, regie: RegieRow): void {
  if (caller.kind === 'admin') return;
  if (caller.kind !== 'agent') {
    throw new DomainException(CommonErrorCode.FORBIDDEN, 'Réservé aux agents de la régie.');
  }
  if (
    caller.organisationId !== regie.organisation_id ||
    !regie.municipal_service_ids.some((id) => caller.serviceIds.includes(id))
  ) {
    throw outOfScope();
  }
}
