import { CommonErrorCode, ContentErrorCode, type Caller } from '@portail/contracts';
import { DomainException } from '@portail/service-kit';

/**
 * Agents with the `editor` role write their own organisation's content, administrators any;
 * other agents and families never. The gateway already refuses families; this is the service's
 * own check.
 */
export function requireEditorOf(caller: Caller, organisationId: string): void {
  if (caller.kind === 'admin') return;
  if (caller.kind !== 'agent') {
    throw new DomainException(
      CommonErrorCode.FORBIDDEN,
      'Seuls les agents peuvent modifier les contenus du portail.',
    );
  }
  if (!caller.roles.includes('editor')) {
    throw new DomainException(
      CommonErrorCode.FORBIDDEN,
      'Modifier les contenus publics demande le rôle de rédacteur, que donnent les administrateurs et les superviseurs.',
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

/** Whether the caller may see drafts and unused files of this organisation (its editors). */
export function isEditorOf(caller: Caller | undefined, organisationId: string): boolean {
  if (!caller) return false;
  return (
    caller.kind === 'admin' ||
    (caller.kind === 'agent' &&
      caller.roles.includes('editor') &&
      caller.organisationId === organisationId)
  );
}
