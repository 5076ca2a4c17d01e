import {
  APPLICATION_STATUS_LABELS,
  firstBookableMonth,
  seasonBounds,
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

type NextActionOf = Pick<Application, 'id' | 'status' | 'season' | 'child'>;

/**
 * What the family should do next, as the dashboard shows it, and the gateway route that does
 * it: the child's slots to book (`GET /api/v1/children/{childId}/slots?month=YYYY-MM`), or the
 * registration certificate.
 */
export function nextActionOf(
  application: NextActionOf,
  grant: ProcedureGrant,
  now: Date = new Date(),
): { nextAction: NextAction; nextActionLabel: string; nextActionHref: string | null } {
  switch (application.status) {
    case 'draft':
      return {
        nextAction: 'complete-and-submit',
        nextActionLabel: 'Compléter et envoyer la demande',
        nextActionHref: null,
      };
    case 'submitted':
      return {
        nextAction: 'wait-for-review',
        nextActionLabel: 'Votre demande est en cours d’instruction par le service',
        nextActionHref: null,
      };
    case 'information-requested':
      return {
        nextAction: 'provide-information',
        nextActionLabel: 'Le service vous demande de compléter votre demande',
        nextActionHref: null,
      };
    case 'accepted':
      if (grant.kind === 'activity-booking') {
        const { startsOn, endsOn } = seasonBounds(application.season);
        const month = firstBookableMonth(startsOn, endsOn, now);
        return {
          nextAction: 'book',
          nextActionLabel: 'Réserver les jours de présence',
          nextActionHref: `/api/v1/children/${encodeURIComponent(application.child.id)}/slots?month=${month}`,
        };
      }
      if (grant.kind === 'school-assignment') {
        return {
          nextAction: 'download-certificate',
          nextActionLabel: 'Télécharger le certificat d’inscription',
          nextActionHref: `/api/v1/me/applications/${encodeURIComponent(application.id)}/certificate`,
        };
      }
      return { nextAction: 'none', nextActionLabel: 'Aucune action à faire', nextActionHref: null };
    case 'rejected':
    case 'withdrawn':
      return { nextAction: 'none', nextActionLabel: 'Aucune action à faire', nextActionHref: null };
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
    residenceDiscrepancies: application.residenceDiscrepancies ?? [],
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
    prefilled: application.prefilled ?? [],
    answerCommunes: application.answerCommunes ?? {},
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
