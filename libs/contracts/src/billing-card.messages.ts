import { ApiProperty } from '@nestjs/swagger';
import { Matches, ValidateBy } from 'class-validator';
import { PAYMENT_STATES, type PaymentState } from './billing';

/**
 * Card payment at booking through a hosted payment page of the PayZen / Systempay kind: billing
 * answers a signed form the family's app posts to the provider, and the provider's instant
 * payment notification (IPN, `POST /card/notifications`) is what settles the payment, once its
 * signature is verified with the régie's shop key.
 */
export const BillingCardSubjects = {
  /** Public (no caller): the provider's IPN, every `vads_*` field with its signature. */
  notify: 'billing.card.notify',
} as const;

/** At most this many `vads_*` fields in one notification (PayZen sends about a hundred at most). */
export const MAX_CARD_FIELDS = 200;
/** At most this many characters in one field's value. */
export const MAX_CARD_FIELD_LENGTH = 2_000;
/** A field the signature covers: `vads_` then lower-case letters, digits and underscores. */
export const CARD_FIELD_NAME = /^vads_[a-z0-9_]{1,60}$/;

/** The fields of a notification: an object of at most MAX_CARD_FIELDS `vads_*` texts. */
export function isCardFields(value: unknown): value is Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length > 0 &&
    entries.length <= MAX_CARD_FIELDS &&
    entries.every(
      ([name, text]) =>
        CARD_FIELD_NAME.test(name) &&
        typeof text === 'string' &&
        text.length <= MAX_CARD_FIELD_LENGTH,
    )
  );
}

/** The provider's IPN as billing receives it: the signature is checked before anything. */
export class CardNotification {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Every `vads_*` field posted by the provider, as posted',
  })
  @ValidateBy(
    { name: 'isCardFields', validator: { validate: isCardFields } },
    {
      message: `Les champs de la notification sont des textes vads_* (au plus ${MAX_CARD_FIELDS}, de ${MAX_CARD_FIELD_LENGTH} caractères au plus).`,
    },
  )
  fields!: Record<string, string>;

  @ApiProperty({ description: 'HMAC-SHA-256 of the fields with the shop key, in Base64' })
  @Matches(/^[A-Za-z0-9+/]{43}=$/, {
    message: 'La signature est un HMAC-SHA-256 en Base64 (44 caractères).',
  })
  signature!: string;
}

/** What billing did with a verified notification: a transaction it did not start answers nulls. */
export class CardNotificationOutcome {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) paymentId!: string | null;
  @ApiProperty({ enum: PAYMENT_STATES, nullable: true }) state!: PaymentState | null;
}

/** The form the family's app posts (a browser form, `method` POST) to open the payment page. */
export class PaymentFormView {
  @ApiProperty({
    description: "The provider's payment page",
    example: 'https://paiement.systempay.fr/vads-payment/',
  })
  action!: string;
  @ApiProperty({ enum: ['POST'] }) method!: 'POST';
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Hidden fields to post as they are: the `vads_*` fields and their `signature`',
  })
  fields!: Record<string, string>;
}

declare module './requests' {
  interface RequestReplies {
    [BillingCardSubjects.notify]: { request: CardNotification; reply: CardNotificationOutcome };
  }
}
