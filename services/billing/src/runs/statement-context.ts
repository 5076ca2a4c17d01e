import type { RegieRow } from '../regies/regie-store';
import {
  communesOf,
  invoiceName,
  type ChildRow,
  type HouseholdRow,
} from '../tariffs/family-situation';
import { tariffOn, termsOf, type TariffRow } from '../tariffs/tariff-store';
import type { StatementContext } from './statement-rules';

/**
 * What composeStatements needs to price a régie's items, from billing's rows: its tariffs, the
 * households (quotient, communes) and children (name, birth date) concerned. The run, the
 * corrective run and the estimate price alike through it.
 */
export function statementContext(
  regie: Pick<RegieRow, 'resident_organisation_ids'>,
  tariffs: TariffRow[],
  households: Map<string, HouseholdRow>,
  children: Map<string, ChildRow>,
): StatementContext {
  return {
    tariffOn: (activityCode, unitCode, day) => {
      const tariff = tariffOn(tariffs, activityCode, unitCode, day);
      return tariff && { id: tariff.id, label: tariff.label, ...termsOf(tariff) };
    },
    household: (id) => {
      const household = households.get(id);
      return (
        household && {
          familyQuotient: household.family_quotient,
          familyQuotientValidUntil: household.family_quotient_valid_until,
          communes: communesOf(household),
        }
      );
    },
    child: (id) => {
      const child = children.get(id);
      return (
        child && {
          name: invoiceName(child.first_name, child.last_name),
          birthDate: child.birth_date,
        }
      );
    },
    residentOrganisationIds: regie.resident_organisation_ids,
  };
}
