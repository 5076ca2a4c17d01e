import { CommonErrorCode, ContentErrorCode, type Caller } from '@portail/contracts';
import { DomainException } from '@portail/service-kit';

/**
 * Agents write their own organisation's content, administrators any; families never.
 * The gateway already refuses families; this is the service's own check.
 */
export function requireEditorOf(caller: Caller, organisationId: string): void {
  if (caller.kind === 'admin') return;
  if (caller.kind !== 'agent') {
    throw new DomainException(
      CommonErrorCode.FORBIDDEN,
      'Seuls les agents peuvent modifier les contenus du portail.',
    );
  }
  if (caller.organisationId !== organisationId) {
    throw new DomainException(
      ContentErrorCode.CONTENT_OUT_OF_SCOPE,
      'Ce contenu appartient à une autre collectivité que la vôtre.',
      { organisationId },
    );
  }
}

/** Whether the caller may see drafts and restricted items of this organisation. */
export function isEditorOf(caller: Caller | undefined, organisationId: string): boolean {
  if (!caller) return false;
  return (
    caller.kind === 'admin' || (caller.kind === 'agent' && caller.organisationId === organisationId)
  );
}
