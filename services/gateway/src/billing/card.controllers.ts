import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  BillingCardSubjects,
  BillingErrorCode,
  CardNotification,
  CardNotificationOutcome,
  CommonErrorCode,
} from '@portail/contracts';
import { Public } from '../auth/auth.decorators';
import { ServiceClient } from '../nats/service-client';
import { ApiProblems } from '../problems/api-problems.decorator';
import { gatewayValidationPipe } from '../problems/gateway-validation.pipe';

const FORM = 'application/x-www-form-urlencoded';

/**
 * The provider's form as a notification message: its `vads_*` fields and its `signature`
 * (anything else is not signed, hence not read).
 */
function notificationOf(body: unknown): Record<string, unknown> {
  const form = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const fields = Object.fromEntries(
    Object.entries(form).filter(([name]) => name.startsWith('vads_')),
  );
  return { fields, signature: form.signature };
}

/**
 * The card provider's instant payment notification (PayZen / Systempay IPN), public (the
 * provider carries no token), rate-limited like every route. The form is validated here (names,
 * sizes, control characters) and again by billing, which verifies its signature with the
 * régie's shop key before anything: a wrong one answers 403 and changes nothing. The family's
 * return from the payment page needs no route: it goes to its page of the payment, which reads
 * the state the notification set.
 */
@ApiTags('billing')
@Public()
@Controller('card')
export class CardNotificationsController {
  constructor(private readonly services: ServiceClient) {}

  @Post('notifications')
  @HttpCode(HttpStatus.OK)
  // Nest's Fastify adapter reads form bodies (the provider posts one) as it reads JSON.
  @ApiConsumes(FORM)
  @ApiBody({
    schema: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: 'The `vads_*` fields of the notification and its `signature`',
    },
  })
  @ApiOperation({
    summary: "The card provider's notification (IPN) of a transaction",
    description:
      "Billing verifies the signature with the régie's shop key (its mode's), then applies the " +
      'state once; a transaction billing did not start changes nothing and answers nulls.',
  })
  @ApiResponse({ status: 200, type: CardNotificationOutcome })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, BillingErrorCode.CARD_NOTIFICATION_REFUSED)
  async notify(@Body() body: unknown): Promise<CardNotificationOutcome> {
    // The form's names are the provider's, unknown to a class: split, then validated as one.
    const notification = (await gatewayValidationPipe().transform(notificationOf(body), {
      type: 'body',
      metatype: CardNotification,
    })) as CardNotification;
    return this.services.request(BillingCardSubjects.notify, {
      fields: notification.fields,
      signature: notification.signature,
    });
  }
}
