import type { BillingConfig } from '../../config';
import type { PayfipSettings } from './payfip-payment-provider';

/** PayFIP's settings from billing's configuration (no secret: PayFIP has no key, only `numcli`). */
export function payfipSettings(config: BillingConfig): PayfipSettings {
  return {
    endpoint: config.PAYFIP_ENDPOINT,
    saisie: config.PAYFIP_SAISIE,
    publicUrl: config.PAYFIP_PUBLIC_URL,
    paymentPageUrl: config.PAYFIP_PAYMENT_PAGE_URL,
    defaultEmail: config.PAYFIP_DEFAULT_EMAIL,
    pendingLifetimeMs: config.PAYFIP_PENDING_LIFETIME_MINUTES * 60_000,
    timeoutMs: config.PAYFIP_TIMEOUT_MS,
  };
}
