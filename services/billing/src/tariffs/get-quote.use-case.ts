import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  BillingErrorCode,
  type Caller,
  type QuoteQuery,
  type QuotesQuery,
  type QuotesView,
  type QuoteView,
} from '@portail/contracts';
import { DomainException } from '@portail/service-kit';
import { RegieStore, type RegieRow } from '../regies/regie-store';
import { monthBounds } from '../regies/regie-rules';
import { childrenById, communesOf, householdsById, type ChildRow } from './family-situation';
import { isResident, siblingRanks, unitPrice } from './tariff-rules';
import { tariffOn, tariffsOfRegie, termsOf } from './tariff-store';

function childNotFound(): DomainException {
  return new DomainException(
    BillingErrorCode.BILLING_CHILD_NOT_FOUND,
    "Cet enfant n'est pas connu de la facturation.",
  );
}

/**
 * The price of one unit for a child on a day, as a present day would be billed: reservation shows
 * it beside a slot. The sibling rank counts the household's children with bookings or attendance
 * in the régie's services that month, as the run will.
 */
@Injectable()
export class GetQuote {
  constructor(
    private readonly dataSource: DataSource,
    private readonly regies: RegieStore,
  ) {}

  async execute(caller: Caller | undefined, query: QuoteQuery): Promise<QuoteView> {
    const [quote] = await this.quoteDays(caller, query, [query]);
    if (!quote) {
      throw new DomainException(
        BillingErrorCode.TARIFF_NOT_FOUND,
        "Aucun tarif de cette unité ne s'applique ce jour-là.",
      );
    }
    return quote;
  }

  /** Many units and days of one child at once (a month of slots): null where no tariff applies. */
  async many(caller: Caller | undefined, query: QuotesQuery): Promise<QuotesView> {
    const quotes = await this.quoteDays(caller, query, query.items);
    return {
      prices: query.items.map((item, index) => ({
        unitCode: item.unitCode,
        day: item.day,
        unitPriceCents: quotes[index]?.unitPriceCents ?? null,
      })),
    };
  }

  /** The quotes of `items`, loading the family, the régies and their tariffs once. */
  private async quoteDays(
    caller: Caller | undefined,
    base: { municipalServiceId: string; activityCode: string; childId: string },
    items: ReadonlyArray<{ unitCode: string; day: string }>,
  ): Promise<Array<QuoteView | undefined>> {
    const manager = this.dataSource.manager;
    const child = (await childrenById(manager, [base.childId])).get(base.childId);
    if (!child) throw childNotFound();
    const household = (await householdsById(manager, [child.household_id])).get(child.household_id);
    // A family asks only about its own children; services (no caller) and agents about any.
    if (
      caller?.kind === 'family' &&
      !household?.guardians.some((guardian) => guardian.accountId === caller.accountId)
    ) {
      throw childNotFound();
    }
    const regies = await Promise.all(
      (await this.regies.ofService(base.municipalServiceId, manager)).map(async (regie) => ({
        regie,
        tariffs: await tariffsOfRegie(manager, regie.id),
      })),
    );
    const ranks = new Map<string, number>();
    const siblingRankIn = async (regie: RegieRow, month: string): Promise<number> => {
      const key = `${regie.id}/${month}`;
      const known = ranks.get(key);
      if (known !== undefined) return known;
      const { first, last } = monthBounds(month);
      const siblings = await manager.query<ChildRow[]>(
        `SELECT c.id, c.birth_date::text AS birth_date FROM children c
         WHERE c.household_id = $1 AND (c.id = $2 OR EXISTS (
           SELECT 1 FROM booked_days b WHERE b.child_id = c.id AND b.day BETWEEN $3 AND $4
             AND b.municipal_service_id = ANY($5)
           UNION ALL
           SELECT 1 FROM attendance a WHERE a.child_id = c.id AND a.day BETWEEN $3 AND $4
             AND a.municipal_service_id = ANY($5)))`,
        [child.household_id, child.id, first, last, regie.municipal_service_ids],
      );
      const rank = siblingRanks(
        siblings.map((sibling) => ({ id: sibling.id, birthDate: sibling.birth_date })),
      ).get(child.id)!;
      ranks.set(key, rank);
      return rank;
    };
    const quotes: Array<QuoteView | undefined> = [];
    for (const item of items) {
      let quote: QuoteView | undefined;
      for (const { regie, tariffs } of regies) {
        const tariff = tariffOn(tariffs, base.activityCode, item.unitCode, item.day);
        if (!tariff) continue;
        const siblingRank = await siblingRankIn(regie, item.day.slice(0, 7));
        const resident = isResident(communesOf(household), regie.resident_organisation_ids);
        const price = unitPrice(termsOf(tariff), {
          familyQuotient: household?.family_quotient ?? null,
          familyQuotientValidUntil: household?.family_quotient_valid_until ?? null,
          day: item.day,
          resident,
          siblingRank,
        });
        quote = {
          tariffId: tariff.id,
          unitPriceCents: price.unitPriceCents,
          bracket: price.bracket,
          resident,
          siblingRank,
          reductionPercent: price.reductionPercent,
          note: price.note,
        };
        break;
      }
      quotes.push(quote);
    }
    return quotes;
  }
}
