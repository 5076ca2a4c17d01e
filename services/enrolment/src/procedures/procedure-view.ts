import type { ProcedureSummaryView, ProcedureView } from '@portail/contracts';
import type { Procedure } from './procedure.entity';
import { isOpen } from './procedure-rules';

function placesLeft(procedure: Procedure): number | null {
  return procedure.capacity === null
    ? null
    : Math.max(0, procedure.capacity - procedure.placesTaken);
}

export function toProcedureSummaryView(
  procedure: Procedure,
  now = new Date(),
): ProcedureSummaryView {
  return {
    id: procedure.id,
    organisationId: procedure.organisationId,
    organisationName: procedure.organisationName,
    municipalServiceId: procedure.municipalServiceId,
    municipalServiceName: procedure.municipalServiceName,
    season: procedure.season,
    title: procedure.title,
    opensAt: procedure.opensAt.toISOString(),
    closesAt: procedure.closesAt.toISOString(),
    capacity: procedure.capacity,
    placesLeft: placesLeft(procedure),
    validationMode: procedure.validationMode,
    grantKind: procedure.grant.kind,
    status: procedure.status,
    open: isOpen(procedure, now),
  };
}

export function toProcedureView(procedure: Procedure, now = new Date()): ProcedureView {
  return {
    ...toProcedureSummaryView(procedure, now),
    description: procedure.description,
    form: procedure.form,
    requiredDocuments: procedure.requiredDocuments,
    eligibility: procedure.eligibility,
    grant: procedure.grant,
    createdAt: procedure.createdAt.toISOString(),
    updatedAt: procedure.updatedAt.toISOString(),
  };
}
