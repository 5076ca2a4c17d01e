import { ServerNats, type NatsOptions } from '@nestjs/microservices';
import {
  ErrorCode as NatsErrorCode,
  type Msg,
  type MsgHdrs,
  type NatsConnection,
  type NatsError,
  type Subscription,
} from 'nats';
import {
  CALLER_HEADER,
  CALLER_PROOF_HEADER,
  CommonErrorCode,
  CORRELATION_HEADER,
  DEADLINE_HEADER,
  parseCaller,
  type ErrorEnvelope,
} from '@portail/contracts';
import { acceptCorrelationId, runWithCorrelationId, type Logger } from '@portail/logging';
import type { CallerVerifier } from './caller-proof';
import { allowedIssuersOf } from './service-access';
import { recordVerifiedCall } from './verified-calls';

type NatsServerOptions = Required<NatsOptions>['options'];
type MessageCallback = (error: Error | null, message: Msg) => void;
interface ResponsePacket {
  err?: unknown;
  isDisposed?: boolean;
}

/**
 * Nest's NATS server with what a replica needs to stop cleanly and to be traced:
 * - every handler runs with the correlation id taken from the message headers;
 * - in-flight requests are counted, so `close()` unsubscribes first (the queue group sends
 *   new requests to the other replicas), waits for running handlers up to a bound, then
 *   drains the connection so their replies are flushed before it closes;
 * - admission control: at most `maxInFlight` requests run at once and `maxQueued` wait for a
 *   slot; past both, a request is answered SERVICE_BUSY at once and not started. A request
 *   whose caller's deadline passed (it gave up) is not started either, even after waiting;
 * - a reply that cannot be sent (larger than NATS's max payload, connection closing…) becomes
 *   a small error reply and a log line: no error raised while replying may end the process;
 * - verifiable callers: with a `CallerVerifier`, a request is handled only with a valid proof
 *   (`x-portail-caller-proof`: signed by the gateway or a service, for this subject and body,
 *   fresh, never seen) from an issuer the subject allows; the caller handlers see is the one
 *   the proof carries. Without one (development without keys) the plain header is trusted.
 */
export class GracefulNatsServer extends ServerNats {
  private readonly ownSubscriptions: Subscription[] = [];
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];
  private closing: Promise<void> | undefined;
  private readonly startedAt = new WeakMap<Msg, number>();
  private readonly finished = new WeakSet<Msg>();

  constructor(
    private readonly natsOptions: NatsServerOptions & { queue: string; subjectPrefix: string },
    private readonly drainTimeoutMs: number,
    /** The service's own logger: Nest's static Logger is shared by every app of a process. */
    private readonly log: Logger,
    /** Requests handled at once by this replica (MAX_IN_FLIGHT_REQUESTS). */
    private readonly maxInFlight = Number.POSITIVE_INFINITY,
    /** Requests waiting for a slot beyond those (MAX_QUEUED_REQUESTS); past both, SERVICE_BUSY. */
    private readonly maxQueued = Number.POSITIVE_INFINITY,
    /** Checks callers' proofs; undefined trusts `x-portail-caller` as it comes (development). */
    private readonly verifier?: CallerVerifier,
  ) {
    super(natsOptions);
  }

  private busySince: number | undefined;
  /** Requests admitted past the running bound, each waiting for a slot (oldest first). */
  private readonly waiting: Array<() => void> = [];

  get inFlightCount(): number {
    return this.inFlight;
  }

  get isClosing(): boolean {
    return this.closing !== undefined;
  }

  /** Same subscriptions as ServerNats, kept here so that close() can stop them first. */
  override bindEvents(client: NatsConnection): void {
    for (const [channel, handlerRef] of this.messageHandlers) {
      const queue = (handlerRef.extras?.queue as string | undefined) ?? this.natsOptions.queue;
      const handle = this.getMessageHandler(channel) as (
        error: Error | null,
        message: Msg,
      ) => Promise<unknown>;
      const callback: MessageCallback = (error, message) => void handle.call(this, error, message);
      // Handlers are found by their unprefixed pattern; only the wire subject carries the prefix.
      const subject = `${this.natsOptions.subjectPrefix}${channel}`;
      this.ownSubscriptions.push(client.subscribe(subject, { queue, callback }));
    }
  }

  override async handleMessage(channel: string, message: Msg): Promise<void> {
    const correlationId = acceptCorrelationId(readHeader(message.headers, CORRELATION_HEADER));
    if (!this.checkCaller(channel, message)) return;
    if (message.reply) {
      if (!(await this.admit(message))) return;
    } else {
      this.inFlight += 1;
    }
    this.startedAt.set(message, performance.now());
    return runWithCorrelationId(correlationId, async () => {
      try {
        await super.handleMessage(channel, message);
      } finally {
        // An event (no reply subject) is done once handled; a request once its last packet is sent.
        if (!message.reply) this.end(message, 'handled');
      }
    });
  }

  override getPublisher(
    message: Msg,
    id: string,
    ctx: Parameters<ServerNats['getPublisher']>[2],
  ): (response: ResponsePacket) => unknown {
    const publish = super.getPublisher(message, id, ctx) as (response: ResponsePacket) => unknown;
    return (response) => {
      let result: unknown;
      try {
        result = publish(response);
      } catch (error) {
        const refusal = replyRefusal(error);
        this.log.error(
          { subject: message.subject, err: error, code: refusal.code },
          'The reply could not be sent; answering with an error instead',
        );
        try {
          publish({ err: refusal, isDisposed: true });
        } catch (second) {
          this.log.error({ subject: message.subject, err: second }, 'The error reply failed too');
        }
        if (message.reply) this.end(message, 'failed', refusal);
        return undefined;
      }
      if (message.reply && (response.isDisposed || response.err !== undefined)) {
        this.end(message, response.err === undefined ? 'replied' : 'failed', response.err);
      }
      return result;
    };
  }

  /**
   * Records who sent the message for @CurrentCaller; false (after answering the refusal) when
   * its proof is missing, forged, stale, replayed or from an issuer the subject does not allow.
   */
  private checkCaller(channel: string, message: Msg): boolean {
    if (!this.verifier) {
      recordVerifiedCall(message.headers, {
        caller: parseCaller(readHeader(message.headers, CALLER_HEADER)),
      });
      return true;
    }
    const check = this.verifier.verify(
      readHeader(message.headers, CALLER_PROOF_HEADER),
      message.subject,
      message.data,
    );
    let envelope: ErrorEnvelope | undefined;
    if (!check.ok) {
      this.log.warn(
        { subject: message.subject, reason: check.reason, issuer: check.issuer },
        'request refused: its caller could not be verified',
      );
      envelope = {
        code: CommonErrorCode.CALLER_NOT_VERIFIED,
        message: 'L’appel n’a pas pu être authentifié. Veuillez réessayer.',
      };
    } else {
      const allowed = allowedIssuersOf(channel);
      if (allowed && !allowed.includes(check.issuer)) {
        this.log.warn(
          { subject: message.subject, issuer: check.issuer },
          'request refused: this subject answers only other services',
        );
        envelope = {
          code: CommonErrorCode.FORBIDDEN,
          message: 'Cette opération est réservée aux services du portail.',
        };
      } else {
        recordVerifiedCall(message.headers, { issuer: check.issuer, caller: check.caller });
        return true;
      }
    }
    if (message.reply) this.respondAtOnce(message, envelope);
    return false;
  }

  /** A slot for this request now or after waiting; false when it must not run. */
  private async admit(message: Msg): Promise<boolean> {
    const deadline = Number(readHeader(message.headers, DEADLINE_HEADER));
    const gaveUp = () => Number.isFinite(deadline) && deadline < Date.now();
    if (gaveUp()) {
      this.log.debug({ subject: message.subject }, 'request not started: its caller gave up');
      return false;
    }
    if (this.inFlight < this.maxInFlight) {
      this.inFlight += 1;
    } else if (this.waiting.length < this.maxQueued) {
      // The slot is handed over by release(): inFlight already counts this request.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      if (gaveUp()) {
        this.log.debug({ subject: message.subject }, 'request not started: its caller gave up');
        this.release();
        return false;
      }
    } else {
      this.refuseBusy(message);
      return false;
    }
    if (this.busySince !== undefined) {
      this.log.info(
        { busyForMs: Date.now() - this.busySince },
        'taking requests again after refusing some at capacity',
      );
      this.busySince = undefined;
    }
    return true;
  }

  /** Gives the finished request's slot to the oldest waiting one, or frees it. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) {
      next();
      return;
    }
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (this.inFlight === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      waiters.forEach((resolve) => resolve());
    }
  }

  /** Answers at once without starting the work; logged once per busy period, not per request. */
  private refuseBusy(message: Msg): void {
    if (this.busySince === undefined) {
      this.busySince = Date.now();
      this.log.warn(
        { inFlight: this.inFlight, waiting: this.waiting.length, maxInFlight: this.maxInFlight },
        'at capacity: refusing requests with SERVICE_BUSY until some finish',
      );
    }
    this.respondAtOnce(message, {
      code: CommonErrorCode.SERVICE_BUSY,
      message:
        'Le service est très sollicité et n’a pas traité votre demande. Veuillez réessayer dans quelques instants.',
      details: { retryAfterSeconds: 1 },
    });
  }

  /** An error reply to a request that is not started (busy, caller refused). */
  private respondAtOnce(message: Msg, envelope: ErrorEnvelope): void {
    try {
      message.respond(
        new TextEncoder().encode(
          JSON.stringify({ id: packetIdOf(message), err: envelope, isDisposed: true }),
        ),
      );
    } catch (error) {
      this.log.error({ subject: message.subject, err: error }, 'The error reply failed');
    }
  }

  override async close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    let connection: NatsConnection;
    try {
      connection = this.unwrap<NatsConnection>();
    } catch {
      return; // never connected
    }
    for (const subscription of this.ownSubscriptions) subscription.unsubscribe();
    await this.waitUntilIdle(this.drainTimeoutMs);
    if (!connection.isClosed()) await connection.drain();
    this.statusEventEmitter.removeAllListeners();
  }

  /** One line per handled message, like an HTTP access log: subject, outcome, duration. */
  private end(message: Msg, outcome: 'handled' | 'replied' | 'failed', error?: unknown): void {
    // An error packet may be followed by a separate "disposed" packet: count the message once.
    if (this.finished.has(message)) return;
    this.finished.add(message);
    const started = this.startedAt.get(message);
    const durationMs =
      started === undefined ? undefined : Math.round((performance.now() - started) * 10) / 10;
    const code = (error as { code?: unknown } | undefined)?.code;
    this.log.info(
      { subject: message.subject, outcome, durationMs, ...(code ? { code } : {}) },
      'message handled',
    );
    this.release();
  }

  private waitUntilIdle(timeoutMs: number): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.log.warn(
          `Stopping with ${this.inFlight} request(s) still running after ${timeoutMs} ms`,
        );
        resolve();
      }, timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

/** What the requester gets instead of a reply that could not be sent. */
function replyRefusal(error: unknown): ErrorEnvelope {
  if ((error as NatsError | undefined)?.code === NatsErrorCode.MaxPayloadExceeded) {
    return {
      code: CommonErrorCode.PAYLOAD_TOO_LARGE,
      message:
        'La réponse serait trop volumineuse. Veuillez restreindre la demande (moins d’éléments, une page plus petite).',
    };
  }
  return {
    code: CommonErrorCode.INTERNAL,
    message: 'Une erreur interne est survenue. Veuillez réessayer plus tard.',
  };
}

/** The id of Nest's request packet, echoed in the reply so the requester matches it. */
function packetIdOf(message: Msg): unknown {
  try {
    return (JSON.parse(new TextDecoder().decode(message.data)) as { id?: unknown }).id;
  } catch {
    return undefined;
  }
}

function readHeader(headers: MsgHdrs | undefined, name: string): string | undefined {
  const value = headers?.get(name);
  return value ? value : undefined;
}
