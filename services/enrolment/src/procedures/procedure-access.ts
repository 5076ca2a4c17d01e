import { CommonErrorCode, EnrolmentErrorCode, type Caller } from '@portail/contracts';
import { DomainException } from '@portail/service-kit';

/**
 * Agents manage the procedures and applications of their own services, administrators all;
 * families never. The gateway already refuses families; this is the service's own check.
 */
export function requireManagerOf(caller: Caller, municipalServiceId: string): void {
  if (caller.kind === 'admin') return;
  if (caller.kind !== 'agent') {
    throw new DomainException(
      CommonErrorCode.FORBIDDEN,
      'Seuls les agents des services municipaux gèrent les démarches.',
    );
  }
  if (!caller.serviceIds.includes(municipalServiceId)) {
    throw new DomainException(
      EnrolmentErrorCode.PROCEDURE_OUT_OF_SCOPE,
      "Cette démarche relève d'un service pour lequel vous n'êtes pas habilité.",
      { municipalServiceId },
    );
  }
}

export function managesService(caller: Caller, municipalServiceId: string): boolean {
  return (
    caller.kind === 'admin' ||
    (caller.kind === 'agent' && caller.serviceIds.includes(municipalServiceId))
  );
}
