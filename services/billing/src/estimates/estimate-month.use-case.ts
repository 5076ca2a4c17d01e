import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller, EstimateLineView, EstimateQuery, EstimateView } from '@portail/contracts';
import { ReadInvoices } from '../invoices/read-invoices.use-case';
import { monthBounds } from '../regies/regie-rules';
import { RegieStore, type RegieRow } from '../regies/regie-store';
import { statementContext } from '../runs/statement-context';
import { composeStatements, type BillableItem } from '../runs/statement-rules';
import { childrenById, householdsById } from '../tariffs/family-situation';
import { tariffOn, tariffsOfRegie, type TariffRow } from '../tariffs/tariff-store';

interface BookedItem extends BillableItem {
  municipalServiceId: string;
}

/**
 * "What will I pay this month": the household's post-billed bookings of the month as billing
 * knows them now (booked places only), priced as present days with the run's own rules
 * (statement-rules.ts: brackets, residency, siblings), per régie, child and activity. An
 * estimate: absences, unexpected presences and later changes are not known yet; a booked day
 * no tariff covers is counted in `unpricedDays`, not priced. Pre-billed bookings are paid when
 * booked, so they are not part of it.
 */
@Injectable()
export class EstimateMonth {
  constructor(
    private readonly dataSource: DataSource,
    private readonly regies: RegieStore,
    private readonly invoices: ReadInvoices,
  ) {}

  async mine(caller: Caller, query: EstimateQuery): Promise<EstimateView> {
    const householdId = await this.invoices.householdOf(caller);
    const manager = this.dataSource.manager;
    const { first, last } = monthBounds(query.month);
    const items = await manager.query<BookedItem[]>(
      `SELECT child_id AS "childId", household_id AS "householdId",
         municipal_service_id AS "municipalServiceId", activity_code AS "activityCode",
         unit_code AS "unitCode", day::text AS day, 'present' AS kind
       FROM booked_days
       WHERE household_id = $1 AND day BETWEEN $2 AND $3 AND status = 'booked'
         AND billing = 'post-billing'
       ORDER BY day`,
      [householdId, first, last],
    );
    const householdRows = await householdsById(manager, [householdId]);
    const children = await childrenById(manager, [...new Set(items.map((item) => item.childId))]);
    const regiesOfService = new Map<string, Array<{ regie: RegieRow; tariffs: TariffRow[] }>>();
    for (const serviceId of new Set(items.map((item) => item.municipalServiceId))) {
      regiesOfService.set(
        serviceId,
        await Promise.all(
          (await this.regies.ofService(serviceId, manager)).map(async (regie) => ({
            regie,
            tariffs: await tariffsOfRegie(manager, regie.id),
          })),
        ),
      );
    }
    // Each booked day goes to the first régie of its service whose tariff covers it.
    const byRegie = new Map<
      string,
      { regie: RegieRow; tariffs: TariffRow[]; items: BillableItem[] }
    >();
    let unpricedDays = 0;
    for (const item of items) {
      const priced = (regiesOfService.get(item.municipalServiceId) ?? []).find(({ tariffs }) =>
        tariffOn(tariffs, item.activityCode, item.unitCode, item.day),
      );
      if (!priced) {
        unpricedDays += 1;
        continue;
      }
      const entry = byRegie.get(priced.regie.id) ?? { ...priced, items: [] };
      entry.items.push(item);
      byRegie.set(priced.regie.id, entry);
    }
    const lines: EstimateLineView[] = [];
    for (const { regie, tariffs, items: regieItems } of byRegie.values()) {
      const [statement] = composeStatements(
        regieItems,
        statementContext(regie, tariffs, householdRows, children),
      );
      for (const line of statement?.lines ?? []) {
        // A present day's line bears its tariff's label.
        const tariff = tariffs.find((candidate) => candidate.label === line.label);
        lines.push({
          ...line,
          regieId: regie.id,
          regieName: regie.name,
          activityCode: tariff?.activity_code ?? '',
        });
      }
    }
    return {
      month: query.month,
      estimate: true,
      totalCents: lines.reduce((sum, line) => sum + line.amountCents, 0),
      lines,
      unpricedDays,
    };
  }
}
