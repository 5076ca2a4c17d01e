import type { Provider } from '@nestjs/common';
import { SERVICE_LOGGER, type Logger } from '@portail/logging';
import { SERVICE_CONFIG } from '@portail/service-kit';
import type { BillingConfig } from '../../config';
import type { CardSettings } from './card-payment-provider';
import { CardShops, loadCardShops } from './card-shops';

export const CARD_SHOPS = Symbol('CARD_SHOPS');

/** The régies' card shops, loaded and checked at start when the card provider is on or set up. */
export const cardShops: Provider = {
  provide: CARD_SHOPS,
  inject: [SERVICE_CONFIG, SERVICE_LOGGER],
  useFactory: (config: BillingConfig, logger: Logger): CardShops =>
    config.PAYMENT_PROVIDER_BASKETS === 'card' || config.CARD_SHOPS || config.CARD_SHOPS_FILE
      ? loadCardShops(config, (message) => logger.warn(message))
      : new CardShops(new Map()),
};

/** The card provider's settings from billing's configuration (the keys are in CARD_SHOPS). */
export function cardSettings(config: BillingConfig): CardSettings {
  return {
    paymentUrl: config.CARD_PAYMENT_URL,
    publicUrl: config.CARD_PUBLIC_URL,
    lifetimeMs: config.CARD_PAYMENT_LIFETIME_MINUTES * 60_000,
  };
}
