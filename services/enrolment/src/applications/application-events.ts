import type { ApplicationEventBase, HouseholdProfile } from '@portail/contracts';
import type { Procedure } from '../procedures/procedure.entity';
import type { Application } from './application.entity';

/** What every application event carries, so consumers need not call back. */
export function eventBase(
  application: Application,
  procedure: Procedure,
  household: Pick<HouseholdProfile, 'accounts'>,
): ApplicationEventBase {
  return {
    applicationId: application.id,
    reference: application.reference,
    procedureId: procedure.id,
    procedureTitle: procedure.title,
    organisationId: procedure.organisationId,
    organisationName: procedure.organisationName,
    municipalServiceId: procedure.municipalServiceId,
    municipalServiceName: procedure.municipalServiceName,
    season: procedure.season,
    householdId: application.householdId,
    child: {
      id: application.child.id,
      firstName: application.child.firstName,
      lastName: application.child.lastName,
    },
    recipients: household.accounts.map((account) => ({
      accountId: account.accountId,
      email: account.email,
      firstName: account.firstName,
    })),
  };
}
