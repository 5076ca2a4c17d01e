import { DateTime } from 'luxon';
import {
  PaymentRefusedError,
  type PaymentProvider,
  type PaymentRequest,
  type PaymentState,
  type PaymentStatus,
  type StartedPayment,
} from '../payment-provider';
import {
  operationReturn,
  payfipFault,
  paymentDetail,
  soapBodyContent,
  soapRequest,
  unqualified,
  type CreatePaymentArgs,
  type PayfipFault,
} from './payfip-soap';

export type PayfipSaisie = 'T' | 'X' | 'W';

export interface PayfipSettings {
  /** The SOAP endpoint (one for the three modes: the mode is per request). */
  endpoint: string;
  /** `T` test, `X` activation, `W` production. */
  saisie: PayfipSaisie;
  /** Where PayFIP notifies (`/payfip/notifications`) and sends the family back (`/payfip/return`). */
  publicUrl: string;
  /** The payment page, `?idop=<idOp>` added. */
  paymentPageUrl: string;
  /** Where PayFIP sends the receipt when billing knows no e-mail of the family. */
  defaultEmail: string;
  /** A payment whose result is still unknown (P5) this long after it started is expired. */
  pendingLifetimeMs: number;
  /** How long one call to the web service may take. */
  timeoutMs: number;
}

/** PayFIP's fault (a `FonctionnelleErreur`): at the start of a payment, a refusal. */
export class PayfipFaultError extends PaymentRefusedError {
  constructor(readonly fault: PayfipFault) {
    super(`PayFIP fault ${fault.code}: ${fault.libelle}`);
  }
}

/** What `resultrans` means. */
const RESULTS: Record<string, Exclude<PaymentState, 'waiting'>> = {
  P: 'paid',
  V: 'paid',
  R: 'denied',
  Z: 'denied',
  A: 'cancelled',
};

/** The letters and digits of a debt reference: PayFIP's `refdet` has nothing else. */
export function payfipRefdet(reference: string): string {
  return reference.replace(/[^A-Za-z0-9]/g, '');
}

/** At most 100 of `[A-Za-z0-9 ]`: accents taken off, anything else a space. */
export function payfipObjet(label: string): string {
  return label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9 ]/g, ' ')
    .replace(/ +/g, ' ')
    .trim()
    .slice(0, 100);
}

/**
 * PayFIP's web service (DGFiP): `creerPaiementSecurise` gives the `idOp` the family pays on
 * PayFIP's page; `recupererDetailPaiementSecurise` tells what became of it. The notification and
 * the family's return carry only the `idOp`: the state is always this provider's answer, and
 * billing checks `montant`, `refdet` and `numcli` against the payment before applying it.
 */
export class PayfipPaymentProvider implements PaymentProvider {
  readonly name = 'payfip';

  constructor(
    private readonly settings: PayfipSettings,
    private readonly now: () => Date,
  ) {}

  async start(request: PaymentRequest): Promise<StartedPayment> {
    const numcli = request.collectivityNumber ?? '';
    const refdet = payfipRefdet(request.reference);
    // What PayFIP would refuse is refused here, without asking it: the payment ends `error`.
    if (!/^\d{6}$/.test(numcli)) {
      throw new PaymentRefusedError('PayFIP needs a 6-digit collectivity number');
    }
    if (!/^[A-Za-z0-9]{6,30}$/.test(refdet)) {
      throw new PaymentRefusedError('PayFIP needs a debt reference of 6 to 30 letters and digits');
    }
    if (!Number.isInteger(request.amountCents) || request.amountCents <= 0) {
      throw new PaymentRefusedError('A payment is a positive number of cents');
    }
    const base = this.settings.publicUrl.replace(/\/$/, '');
    const args: CreatePaymentArgs = {
      exer: String(DateTime.fromJSDate(this.now(), { zone: 'Europe/Paris' }).year),
      mel: request.payerEmail ?? this.settings.defaultEmail,
      montant: String(request.amountCents),
      numcli,
      objet: request.label ? payfipObjet(request.label) || undefined : undefined,
      refdet,
      saisie: this.settings.saisie,
      urlnotif: `${base}/payfip/notifications`,
      urlredirect: `${base}/payfip/return`,
    };
    const answer = operationReturn(
      await this.call('creerPaiementSecurise', { ...args }),
      'creerPaiementSecurise',
    );
    const idOp = unqualified(answer, 'idOp');
    if (!idOp) throw new Error('PayFIP answered no idOp');
    return {
      providerReference: idOp,
      redirectUrl: `${this.settings.paymentPageUrl}?idop=${encodeURIComponent(idOp)}`,
    };
  }

  async status(providerReference: string, at: Date, startedAt?: Date): Promise<PaymentStatus> {
    let content;
    try {
      content = await this.call('recupererDetailPaiementSecurise', { idOp: providerReference });
    } catch (error) {
      if (!(error instanceof PayfipFaultError)) throw error;
      return this.faultStatus(error.fault, at, startedAt);
    }
    const detail = paymentDetail(operationReturn(content, 'recupererDetailPaiementSecurise'));
    const state = RESULTS[detail.resultrans ?? ''] ?? 'error';
    const amount =
      detail.montant !== null && /^\d+$/.test(detail.montant) ? Number(detail.montant) : null;
    return {
      state,
      amountCents: amount,
      reference: detail.refdet,
      collectivityNumber: detail.numcli,
    };
  }

  /** P5 the result is not known yet (expired past the lifetime), P1 unknown, others errors. */
  private faultStatus(fault: PayfipFault, at: Date, startedAt?: Date): PaymentStatus {
    let state: PaymentState = 'error';
    if (fault.code === 'P5') {
      const late =
        startedAt !== undefined &&
        at.getTime() - startedAt.getTime() > this.settings.pendingLifetimeMs;
      state = late ? 'expired' : 'waiting';
    } else if (fault.code === 'P1') {
      state = 'expired';
    }
    return { state, amountCents: null, reference: null, collectivityNumber: null };
  }

  /** One SOAP call: the body's content, or a PayfipFaultError for PayFIP's faults. */
  private async call(operation: string, fields: Record<string, string | undefined>) {
    const response = await fetch(this.settings.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
      body: soapRequest(operation, fields),
      signal: AbortSignal.timeout(this.settings.timeoutMs),
    });
    const text = await response.text();
    const content = soapBodyContent(text);
    const fault = payfipFault(content);
    if (fault) throw new PayfipFaultError(fault);
    if (!response.ok) throw new Error(`PayFIP answered HTTP ${response.status}`);
    return content;
  }
}
