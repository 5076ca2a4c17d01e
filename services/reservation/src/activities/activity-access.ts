import { CommonErrorCode, ReservationErrorCode, type Caller } from '@portail/contracts';
import { DomainException } from '@portail/service-kit';

/**
 * Agents manage the activities of their own services, administrators all; families never. The
 * gateway already refuses families; this is the service's own check.
 */
export function requireManagerOf(caller: Caller, municipalServiceId: string): void {
  if (caller.kind === 'admin') return;
  if (caller.kind !== 'agent') {
    throw new DomainException(
      CommonErrorCode.FORBIDDEN,
      'Seuls les agents des services municipaux gèrent les activités.',
    );
  }
  if (!caller.serviceIds.includes(municipalServiceId)) {
    throw new DomainException(
      ReservationErrorCode.ACTIVITY_OUT_OF_SCOPE,
      "Cette activité relève d'un service pour lequel vous n'êtes pas habilité.",
      { municipalServiceId },
    );
  }
}

export class ActivityNotFoundException extends DomainException {
  constructor() {
    super(ReservationErrorCode.ACTIVITY_NOT_FOUND, "Cette activité n'existe pas.");
  }
}
