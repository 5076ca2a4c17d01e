import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  CommonErrorCode,
  todayInParis,
  type Caller,
  type PersonalDataPart,
  type PersonalDataPartQuery,
} from '@portail/contracts';
import {
  Clock,
  DomainException,
  personalDataPage,
  type PersonalDataSection,
} from '@portail/service-kit';
import { INVOICE_SELECT, withLines, type InvoiceRow } from '../invoices/invoice-store';
import { MANDATE_SELECT, toMandateView, type MandateRow } from '../sepa/mandate-store';

/**
 * Billing's part of the calling family's personal data: its copy of the household (addressee,
 * address, family quotient) and of the children, the family file numbers per régie, and every
 * invoice with its lines. A household's rows are given only when one of its guardians is the
 * caller's account; another household's id gets nothing. A new kind of record (payments, credit
 * notes) is one more section here.
 */
@Injectable()
export class ExportBillingData {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, query: PersonalDataPartQuery): Promise<PersonalDataPart> {
    if (caller.kind !== 'family') {
      throw new DomainException(CommonErrorCode.FORBIDDEN, 'Réservé aux familles.');
    }
    const [owned] = query.householdId
      ? await this.dataSource.query<unknown[]>(
          'SELECT 1 FROM households WHERE id = $1 AND guardians @> $2::jsonb',
          [query.householdId, JSON.stringify([{ accountId: caller.accountId }])],
        )
      : [];
    const householdId = owned ? (query.householdId ?? null) : null;
    return personalDataPage('billing', this.sections(householdId), query);
  }

  private sections(householdId: string | null): PersonalDataSection[] {
    const manager = this.dataSource.manager;
    const ofHousehold =
      (read: (householdId: string, offset: number, limit: number) => Promise<object[]>) =>
      async (offset: number, limit: number): Promise<object[]> =>
        householdId ? read(householdId, offset, limit) : [];
    return [
      {
        name: 'household',
        pageSize: 1,
        read: ofHousehold((id, offset, limit) =>
          manager.query(
            `SELECT id, guardians, family_quotient AS "familyQuotient",
                    family_quotient_valid_until::text AS "familyQuotientValidUntil",
                    updated_at AS "updatedAt"
               FROM households WHERE id = $1 OFFSET $2 LIMIT $3`,
            [id, offset, limit],
          ),
        ),
      },
      {
        name: 'children',
        pageSize: 100,
        read: ofHousehold((id, offset, limit) =>
          manager.query(
            `SELECT id, first_name AS "firstName", last_name AS "lastName",
                    birth_date::text AS "birthDate"
               FROM children WHERE household_id = $1 ORDER BY birth_date, id OFFSET $2 LIMIT $3`,
            [id, offset, limit],
          ),
        ),
      },
      {
        name: 'family-files',
        pageSize: 100,
        read: ofHousehold((id, offset, limit) =>
          manager.query(
            `SELECT r.name AS "regieName", f.number AS "familyFileNumber"
               FROM family_files f JOIN regies r ON r.id = f.regie_id
              WHERE f.household_id = $1 ORDER BY r.name, f.regie_id OFFSET $2 LIMIT $3`,
            [id, offset, limit],
          ),
        ),
      },
      {
        name: 'invoices',
        pageSize: 100,
        read: ofHousehold(async (id, offset, limit) => {
          const rows = await manager.query<InvoiceRow[]>(
            `${INVOICE_SELECT} WHERE i.household_id = $2
              ORDER BY i.issued_on, i.regie_id, i.number OFFSET $3 LIMIT $4`,
            [todayInParis(this.clock.now()), id, offset, limit],
          );
          const invoices = await withLines(manager, rows);
          return invoices.map((invoice, index) => ({
            ...invoice,
            addressee: rows[index].addressee,
          }));
        }),
      },
      {
        // SEPA mandates as the family sees them: the IBAN masked, never in clear.
        name: 'sepa-mandates',
        pageSize: 100,
        read: ofHousehold(async (id, offset, limit) => {
          const rows = await manager.query<MandateRow[]>(
            `${MANDATE_SELECT} WHERE m.household_id = $1 ORDER BY m.created_at, m.id
             OFFSET $2 LIMIT $3`,
            [id, offset, limit],
          );
          return rows.map(toMandateView);
        }),
      },
    ];
  }
}
