import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query, Res } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  BillingSubjects,
  CommonErrorCode,
  PayfipCallback,
  PayfipOutcome,
} from '@portail/contracts';
import { Public } from '../auth/auth.decorators';
import { ServiceCallException } from '../nats/service-call.exception';
import { ServiceClient } from '../nats/service-client';
import { ApiProblems } from '../problems/api-problems.decorator';

const FORM = 'application/x-www-form-urlencoded';

/** The operation id of a callback: in the body or the query, `idop` or `idOp`. */
function idOpOf(...callbacks: Array<PayfipCallback | undefined>): string {
  for (const callback of callbacks) {
    const idOp = callback?.idOp ?? callback?.idop;
    if (idOp) return idOp;
  }
  throw new ServiceCallException({
    code: CommonErrorCode.VALIDATION_FAILED,
    message: 'La requête contient des données invalides.',
    details: {
      fields: [{ field: 'idop', message: "L'identifiant d'opération PayFIP est obligatoire." }],
    },
  });
}

/**
 * PayFIP's notification and the family's return, public (PayFIP and the family's browser carry
 * no token), rate-limited like every route. They carry only the `idop`: billing asks PayFIP what
 * became of it and applies that once, whatever the request claims, however often it comes.
 */
@ApiTags('billing')
@Public()
@Controller('payfip')
export class PayfipCallbacksController {
  constructor(private readonly services: ServiceClient) {}

  @Post('notifications')
  @HttpCode(HttpStatus.OK)
  // Nest's Fastify adapter reads form bodies (PayFIP posts one) as it reads JSON.
  @ApiConsumes(FORM, 'application/json')
  @ApiOperation({
    summary: "PayFIP's notification of an operation (idop in the form or the query)",
    description:
      'Billing asks PayFIP (recupererDetailPaiementSecurise) and applies its answer once; an ' +
      'idop billing did not start changes nothing and answers nulls.',
  })
  @ApiResponse({ status: 200, type: PayfipOutcome })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED)
  notify(@Body() body: PayfipCallback, @Query() query: PayfipCallback): Promise<PayfipOutcome> {
    return this.services.request(BillingSubjects.payfipNotify, { idOp: idOpOf(body, query) });
  }

  @Get('return')
  @ApiOperation({
    summary: "The family's return from PayFIP's page: sent on to the payment's page",
    description: 'The payment is first asked of PayFIP, as for a notification.',
  })
  @ApiResponse({ status: 303, description: "Redirects to the family's page of the payment" })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED)
  async return(
    @Query() query: PayfipCallback,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const outcome = await this.services.request(BillingSubjects.payfipNotify, {
      idOp: idOpOf(query),
    });
    void reply.redirect(outcome.returnUrl, HttpStatus.SEE_OTHER);
  }
}
