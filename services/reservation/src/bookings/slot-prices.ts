import { Injectable, Logger } from '@nestjs/common';
import { BillingSubjects, MAX_QUOTED_SLOTS } from '@portail/contracts';
import { ServiceRequester } from '@portail/service-kit';

/** A slot to price: the activity's service and code, the unit's code and the day. */
export interface PricedSlot {
  municipalServiceId: string;
  activityCode: string;
  unitCode: string;
  day: string;
}

/** Short: a month view must not wait on billing; without an answer the price is left out. */
const QUOTE_TIMEOUT_MS = 2_000;

/**
 * The price of each slot of a child's month, as billing would bill it (`billing.quotes.list`,
 * one request per activity and 400 slots). Prices are shown, never relied on: billing out of
 * reach, a child it does not know yet or a unit without a tariff give `null`, not an error.
 */
@Injectable()
export class SlotPrices {
  private readonly logger = new Logger(SlotPrices.name);

  constructor(private readonly services: ServiceRequester) {}

  /** Prices keyed by `priceKey(slot)`. */
  async of(childId: string, slots: readonly PricedSlot[]): Promise<Map<string, number | null>> {
    const prices = new Map<string, number | null>();
    const byActivity = new Map<string, PricedSlot[]>();
    for (const slot of slots) {
      if (prices.has(priceKey(slot))) continue;
      prices.set(priceKey(slot), null);
      const activity = `${slot.municipalServiceId}/${slot.activityCode}`;
      byActivity.set(activity, [...(byActivity.get(activity) ?? []), slot]);
    }
    await Promise.all(
      [...byActivity.values()].flatMap((activitySlots) =>
        chunks(activitySlots, MAX_QUOTED_SLOTS).map(async (chunk) => {
          try {
            const { prices: quoted } = await this.services.request(
              BillingSubjects.quotesList,
              {
                municipalServiceId: chunk[0].municipalServiceId,
                activityCode: chunk[0].activityCode,
                childId,
                items: chunk.map(({ unitCode, day }) => ({ unitCode, day })),
              },
              { timeoutMs: QUOTE_TIMEOUT_MS },
            );
            for (const price of quoted) {
              prices.set(priceKey({ ...chunk[0], ...price }), price.unitPriceCents);
            }
          } catch (error) {
            this.logger.debug(`No prices from billing: ${String(error)}`);
          }
        }),
      ),
    );
    return prices;
  }
}

export function priceKey(slot: PricedSlot): string {
  return `${slot.municipalServiceId}/${slot.activityCode}/${slot.unitCode}/${slot.day}`;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) {
    result.push(items.slice(index, index + size));
  }
  return result;
}
