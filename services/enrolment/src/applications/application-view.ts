import {
  APPLICATION_STATUS_LABELS,
  type ApplicationHistoryEntry,
  type ApplicationListItem,
  type ApplicationView,
  type AttachedDocument,
  type NextAction,
  type ProcedureGrant,
} from '@portail/contracts';
import type { Procedure } from '../procedures/procedure.entity';
import type { ApplicationHistory } from './application-history.entity';
import type { Application } from './application.entity';

/** What the family should do next, as the dashboard shows it. */
export function nextActionOf(
  application: Pick<Application, 'status' | 'message'>,
  grant: ProcedureGrant,
): { nextAction: NextAction; nextActionLabel: string } {
  switch (application.status) {
    case 'draft':
      return {
        nextAction: 'complete-and-submit',
        nextActionLabel: 'Compléter et envoyer la demande',
      };
    case 'submitted':
      return {
        nextAction: 'wait-for-review',
        nextActionLabel: 'Votre demande est en cours d’instruction par le service',
      };
    case 'information-requested':
      return {
        nextAction: 'provide-information',
        nextActionLabel: 'Le service vous demande de compléter votre demande',
      };
    case 'accepted':
      if (grant.kind === 'activity-booking') {
        return { nextAction: 'book', nextActionLabel: 'Réserver les jours de présence' };
      }
      if (grant.kind === 'school-assignment') {
        return {
          nextAction: 'download-certificate',
          nextActionLabel: 'Télécharger le certificat d’inscription',
        };
      }
      return { nextAction: 'none', nextActionLabel: 'Aucune action à faire' };
    case 'rejected':
    case 'withdrawn':
      return { nextAction: 'none', nextActionLabel: 'Aucune action à faire' };
  }
}

type ListedApplication = Application & {
  procedureTitle: string;
  organisationName: string;
  municipalServiceName: string;
  grant: ProcedureGrant;
};

export function toApplicationListItem(application: ListedApplication): ApplicationListItem {
  return {
    id: application.id,
    reference: application.reference,
    procedureId: application.procedureId,
    procedureTitle: application.procedureTitle,
    organisationId: application.organisationId,
    organisationName: application.organisationName,
    municipalServiceId: application.municipalServiceId,
    municipalServiceName: application.municipalServiceName,
    season: application.season,
    householdId: application.householdId,
    child: application.child,
    status: application.status,
    statusLabel: APPLICATION_STATUS_LABELS[application.status],
    ...nextActionOf(application, application.grant),
    message: application.message,
    schoolAssignment: application.schoolAssignment,
    filedBy: { kind: application.filedByKind, accountId: application.filedByAccountId },
    submittedAt: application.submittedAt?.toISOString() ?? null,
    decidedAt: application.decidedAt?.toISOString() ?? null,
    createdAt: application.createdAt.toISOString(),
    updatedAt: application.updatedAt.toISOString(),
  };
}

export function toApplicationView(
  application: Application,
  procedure: Procedure,
  documents: AttachedDocument[],
  history: ApplicationHistory[],
): ApplicationView {
  return {
    ...toApplicationListItem({
      ...application,
      procedureTitle: procedure.title,
      organisationName: procedure.organisationName,
      municipalServiceName: procedure.municipalServiceName,
      grant: procedure.grant,
    }),
    answers: application.answers,
    documents,
    summary: application.summary,
    grant: procedure.grant,
    history: history.map((entry): ApplicationHistoryEntry => ({
      status: entry.status,
      at: entry.at.toISOString(),
      actor: { kind: entry.actorKind, accountId: entry.actorAccountId },
      message: entry.message,
    })),
  };
}
