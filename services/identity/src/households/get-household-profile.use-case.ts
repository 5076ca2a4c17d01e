import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, Not, type DataSource } from 'typeorm';
import type {
  CommuneOfResidence,
  HouseholdProfile,
  HouseholdProfileQuery,
} from '@portail/contracts';
import { Account } from '../accounts/account.entity';
import { Guardian } from './guardian.entity';
import { Household } from './household.entity';
import { HouseholdNotFoundException, invalidFields } from './household.exception';
import { childrenOf, guardiansOf } from './household.repository';
import { sortGuardians, toGuardianView } from './household.views';

/**
 * Service to service (enrolment, to file an application and notify the family): a household
 * by one of its family accounts or by its id, with the accounts to notify, the children and
 * the communes of residence. Health data, phones and addresses stay in identity.
 *
 * Closed accounts are left out; an anonymised household (its account closed) still answers,
 * with no account and no commune, so that a decision on an old application does not fail.
 */
@Injectable()
export class GetHouseholdProfile {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(query: HouseholdProfileQuery): Promise<HouseholdProfile> {
    const manager = this.dataSource.manager;
    let householdId: string;
    if (query.accountId && !query.householdId) {
      const guardian = await manager.findOneBy(Guardian, { accountId: query.accountId });
      if (!guardian) throw new HouseholdNotFoundException();
      householdId = guardian.householdId;
    } else if (query.householdId && !query.accountId) {
      householdId = query.householdId;
    } else {
      const message = 'Indiquez soit accountId, soit householdId.';
      throw invalidFields([
        { field: 'accountId', message },
        { field: 'householdId', message },
      ]);
    }
    const household = await manager.findOneBy(Household, { id: householdId });
    if (!household) throw new HouseholdNotFoundException(householdId);

    const guardians = sortGuardians(await guardiansOf(manager, household.id));
    const accountIds = guardians.flatMap((guardian) => guardian.accountId ?? []);
    const accounts = accountIds.length
      ? await manager.findBy(Account, {
          id: In(accountIds),
          kind: 'family',
          status: Not('closed'),
        })
      : [];
    const children = await childrenOf(manager, household.id);
    return {
      householdId: household.id,
      // In the guardians' order: the primary guardian's account first.
      accounts: accountIds.flatMap((id) => {
        const account = accounts.find((candidate) => candidate.id === id);
        return account
          ? [
              {
                accountId: account.id,
                email: account.email,
                firstName: account.firstName,
                lastName: account.lastName,
              },
            ]
          : [];
      }),
      children: children.map((child) => ({
        id: child.id,
        firstName: child.firstName,
        lastName: child.lastName,
        birthDate: child.birthDate,
        schoolLevel: child.schoolLevel,
        schoolId: child.schoolId,
      })),
      communes: distinctCommunes(guardians.map((guardian) => toGuardianView(guardian).commune)),
    };
  }
}

function distinctCommunes(communes: Array<CommuneOfResidence | null>): CommuneOfResidence[] {
  const seen = new Map<string, CommuneOfResidence>();
  for (const commune of communes) {
    if (!commune) continue;
    const key = commune.organisationId ?? `${commune.inseeCode ?? ''}|${commune.name}`;
    if (!seen.has(key)) seen.set(key, commune);
  }
  return [...seen.values()];
}
