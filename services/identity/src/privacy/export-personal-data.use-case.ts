import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CommonErrorCode, type Caller, type PersonalDataExport } from '@portail/contracts';
import { DomainException } from '@portail/service-kit';
import { Account } from '../accounts/account.entity';
import { HouseholdPermissions } from '../households/household-permissions';
import { HouseholdChange } from '../households/household-change.entity';
import { householdView } from '../households/household.repository';
import { toHouseholdChangeView } from '../households/household.views';

export const OTHER_SERVICES_NOTICE =
  'Ce fichier contient les données de votre espace personnel et de votre foyer. ' +
  'L’archive complète (GET /api/v1/me/personal-data.zip) y ajoute vos demandes et justificatifs, ' +
  'vos réservations et présences, vos factures, vos notifications et les e-mails envoyés.';

/**
 * Everything identity holds about the calling family (RGPD right of access), in one JSON
 * document: never the password hash, tokens or login counters.
 */
@Injectable()
export class ExportPersonalData {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: HouseholdPermissions,
  ) {}

  execute(caller: Caller): Promise<PersonalDataExport> {
    this.access.requireFamily(caller);
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const account = await manager.findOneBy(Account, { id: caller.accountId });
      if (!account) throw new DomainException(CommonErrorCode.NOT_FOUND, "Ce compte n'existe pas.");
      const household = await this.access.ownedBy(manager, caller);
      const history = household
        ? await manager.find(HouseholdChange, {
            where: { householdId: household.id },
            order: { at: 'ASC', id: 'ASC' },
          })
        : [];
      return {
        exportedAt: new Date().toISOString(),
        account: {
          id: account.id,
          email: account.email,
          pendingEmail: account.pendingEmail,
          firstName: account.firstName,
          lastName: account.lastName,
          phone: account.phone,
          address: {
            line1: account.addressLine1,
            line2: account.addressLine2,
            postalCode: account.postalCode,
            city: account.city,
          },
          status: account.status,
          emailVerifiedAt: account.emailVerifiedAt?.toISOString() ?? null,
          createdAt: account.createdAt.toISOString(),
          updatedAt: account.updatedAt.toISOString(),
        },
        consents: { termsAcceptedAt: account.termsAcceptedAt?.toISOString() ?? null },
        household: household ? await householdView(manager, household) : null,
        history: history.map(toHouseholdChangeView),
        notice: OTHER_SERVICES_NOTICE,
      };
    });
  }
}
