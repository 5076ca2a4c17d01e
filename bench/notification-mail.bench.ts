/**
 * notification-mail: identity events turned into e-mails handed to a local SMTP server, per
 * second, against raw nodemailer sends of messages of the same size to the same server.
 *
 * Target "notification": the notification service booted in this process with
 * startBackendService (fresh database, stream and prefixes of its own, SMTP_URL at a local
 * smtp-server that accepts and counts everything). The bench publishes N
 * `identity.account.password-reset-requested` envelopes straight to JetStream (msgID = event
 * id), each for its own recipient; path measured: JetStream → durable consumer → handler
 * (inbox + outgoing_messages row, one transaction) → mail sender (FOR UPDATE SKIP LOCKED, the
 * link's token asked over NATS of a stand-in for identity, nodemailer) → SMTP server. Latency per e-mail: publish called → message received.
 * Target "raw": nodemailer with the service's transport options sends N messages rendered by
 * the same template, one at a time like the mail sender; latency: sendMail called → resolved.
 */
import { randomBytes } from 'node:crypto';
import { connect } from 'nats';
import { createTransport } from 'nodemailer';
import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { loadConfig } from '@portail/config';
import { AccountSubjects, eventSubject, type EventEnvelope } from '@portail/contracts';
import { dropDatabase, ensureDatabase, withDatabase } from '@portail/database';
import { MessagingMetrics } from '@portail/messaging';
import { startBackendService } from '@portail/service-kit';
import {
  notificationEnvSchema,
  type NotificationConfig,
} from '../services/notification/src/config';
import {
  passwordResetMail,
  type MailBranding,
} from '../services/notification/src/mail/mail-templates';
import { notificationService } from '../services/notification/src/notification.service';
import { smtpTransportUrl } from '../services/notification/src/mail/mail-transport';
import type { BenchContext, BenchOutcome, Benchmark } from './support/benchmark';
import { requireInfrastructure } from './support/processes';
import { environment, markdownTable, writeResults } from './support/report';
import { removeLeftovers } from './support/run-resources';
import { SmtpCounter } from './support/smtp-counter';
import { perSecond, summariseLatencies, wallClockMs, type LatencySummary } from './support/stats';
import { benchServiceSecurityEnv } from './support/service-security';

const NAME = 'notification-mail';
/** Each run has a database `portail_bench_notification_<random>` and a stream of its own. */
const DATABASE_PREFIX = 'portail_bench_notification_';
const STREAM_PREFIX = 'BENCH_MAIL_';
const EVENT_TYPE = 'identity.account.password-reset-requested';
/** Envelopes published per pipelined batch (like the outbox relay's OUTBOX_BATCH_SIZE). */
const PUBLISH_BATCH = 200;
/** The mail sender sends one message at a time (mail-sender.ts, sendDue): so does the baseline. */
const SENDER_CONCURRENCY = 1;
const PUBLISH_TIMEOUT_MS = 5000;
const MAIL_FROM = 'Portail Famille <no-reply@vichy-communaute.test>';
const PORTAL_URL = 'https://portail.vichy-communaute.test';

const FIRST_NAMES = [
  'Maëlle',
  'Théo',
  'Inès',
  'Gaspard',
  'Léonie',
  'Baptiste',
  'Zoé',
  'Aurélien',
  'Capucine',
  'Noé',
  'Solène',
  'Anatole',
];
const LAST_NAMES = [
  'Vernadet',
  'Chassagne',
  'Bourdelin',
  'Fayolle',
  'Marsac',
  'Thivrier',
  'Pradelle',
  'Goutaudier',
  'Mazuel',
  'Rochias',
];

function integerFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

interface Person {
  accountId: string;
  firstName: string;
  /** Unique per message and run, lower case: how a received message is matched to its send. */
  email: string;
}

function people(count: number, prefix: string): Person[] {
  return Array.from({ length: count }, (_, i) => {
    const firstName = FIRST_NAMES[i % FIRST_NAMES.length];
    const lastName = LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length];
    const local = `${firstName}.${lastName}`
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
    return { accountId: uuidv7(), firstName, email: `${prefix}${i}.${local}@familles.test` };
  });
}

/** The event's payload: the link's id, never its token (identity gives it at send time). */
function resetPayload(person: Person): {
  id: string;
  email: string;
  firstName: string;
  linkId: string;
  expiresAt: string;
} {
  return {
    id: person.accountId,
    email: person.email,
    firstName: person.firstName,
    linkId: uuidv7(),
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  };
}

/** A token like identity's (256 bits, base64url), for the link of a rendered message. */
function aLinkToken(): string {
  return randomBytes(32).toString('base64url');
}

interface TargetFigures {
  messages: number;
  /** First publish (send) to last message received, in seconds. */
  durationS: number;
  emailsPerSecond: number;
  latencyMs: LatencySummary;
  /** Messages received per whole second from the first publish (send). */
  timeline: number[];
  /** Size of one message as received by the SMTP server, in bytes. */
  messageBytes: number;
}

function figuresOf(
  startMs: number,
  receivedAt: number[],
  latencies: number[],
  messageBytes: number,
): TargetFigures {
  let last = startMs;
  for (const at of receivedAt) last = Math.max(last, at);
  const durationS = (last - startMs) / 1000;
  return {
    messages: receivedAt.length,
    durationS: Math.round(durationS * 1000) / 1000,
    emailsPerSecond: Math.round((receivedAt.length / durationS) * 10) / 10,
    latencyMs: summariseLatencies(latencies),
    timeline: perSecond(receivedAt, startMs),
    messageBytes,
  };
}

function format(value: number, digits = 2): string {
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

const TARGET_LABELS = {
  notification: 'event → notification → SMTP',
  raw: 'raw nodemailer sendMail',
} as const;

interface Settings {
  mails: number;
  senderConcurrency: number;
  publishBatch: number;
  eventType: string;
}

function markdown(
  date: string,
  settings: Settings,
  figures: { notification: TargetFigures; raw: TargetFigures },
  ratio: { emailsPerSecond: number; latencyP50: number; latencyP99: number },
  problems: string[],
): string {
  const env = environment();
  const rows = (['notification', 'raw'] as const).map((target) => {
    const f = figures[target];
    return [
      TARGET_LABELS[target],
      format(f.messages, 0),
      format(f.durationS, 3),
      format(f.emailsPerSecond, 1),
      format(f.latencyMs.p50),
      format(f.latencyMs.p99),
      format(f.latencyMs.max),
      format(f.messageBytes, 0),
    ];
  });
  rows.push([
    'notification / raw',
    '',
    '',
    `${format(ratio.emailsPerSecond, 3)}×`,
    `${format(ratio.latencyP50)}×`,
    `${format(ratio.latencyP99)}×`,
    '',
    '',
  ]);
  const table = markdownTable(
    ['target', 'e-mails', 's', 'e-mails/s', 'p50 ms', 'p99 ms', 'max ms', 'bytes'],
    rows,
    [false, true, true, true, true, true, true, true],
  );
  return [
    `# ${NAME}`,
    '',
    `${settings.mails} \`${settings.eventType}\` events published to JetStream, each turned into an e-mail`,
    'by the notification service (consumer + inbox + outgoing_messages, then its mail sender) and',
    'handed to a local SMTP server, against raw nodemailer sends (same transport options, same',
    `concurrency: ${settings.senderConcurrency}) of messages rendered by the same template to the same server.`,
    'Latency: notification, event published → SMTP server received; raw, sendMail called → resolved.',
    '',
    `${date} · Node ${env.node} · ${env.cpuCount} CPU (${env.cpuModel})`,
    '',
    table,
    '',
    'e-mails/s: messages received by the SMTP server per second, from the first publish (send) to the last received.',
    '',
    problems.length
      ? `**Not valid:** ${problems.join('; ')}`
      : 'Valid: exactly one message per event (per raw send) reached the SMTP server; every outgoing message is `sent`.',
  ].join('\n');
}

async function run(context: BenchContext): Promise<BenchOutcome> {
  const { log } = context;
  const settings: Settings = {
    mails: integerFromEnv('BENCH_MAILS', 2000, 10, 1_000_000),
    senderConcurrency: SENDER_CONCURRENCY,
    publishBatch: PUBLISH_BATCH,
    eventType: EVENT_TYPE,
  };
  const { serverUrl, natsUrl } = await requireInfrastructure();
  const problems: string[] = [];

  const smtp = new SmtpCounter();
  const smtpPort = await smtp.listen();
  context.defer('close the SMTP server', () => smtp.close());

  await removeLeftovers(
    serverUrl,
    natsUrl,
    { databasePrefix: DATABASE_PREFIX, streamPrefix: STREAM_PREFIX },
    log,
  );
  const id = randomBytes(3).toString('hex');
  const database = `${DATABASE_PREFIX}${id}`;
  await ensureDatabase(serverUrl, database);
  context.defer(`drop database ${database}`, () => dropDatabase(serverUrl, database));
  const env: NodeJS.ProcessEnv = {
    ...benchServiceSecurityEnv(notificationService.name),
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HTTP_PORT: '0',
    SHUTDOWN_TIMEOUT_MS: '3000',
    NATS_URL: natsUrl,
    NATS_SUBJECT_PREFIX: `benchmail${id}.`,
    EVENTS_STREAM: `${STREAM_PREFIX}${id.toUpperCase()}`,
    EVENTS_SUBJECT_PREFIX: `benchmail${id}.events`,
    DATABASE_URL: withDatabase(serverUrl, database),
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    MAIL_FROM,
    PORTAL_URL,
  };
  const config: NotificationConfig = loadConfig(
    notificationService.name,
    notificationEnvSchema,
    env,
  );
  const connection = await connect({ servers: natsUrl });
  context.defer('close the NATS connection', () => connection.close());
  context.defer(`delete stream ${config.EVENTS_STREAM}`, async () => {
    await (await connection.jetstreamManager()).streams.delete(config.EVENTS_STREAM);
  });
  // Identity's answer to the mail sender's question at send time (the token of each link).
  const linkQuestions = connection.subscribe(
    `${config.NATS_SUBJECT_PREFIX}${AccountSubjects.mailLinkToken}`,
  );
  void (async () => {
    for await (const question of linkQuestions) {
      const { id: requestId } = JSON.parse(question.string()) as { id: string };
      question.respond(
        JSON.stringify({ id: requestId, response: { token: aLinkToken() }, isDisposed: true }),
      );
    }
  })();
  context.defer('stop answering for identity', async () => linkQuestions.unsubscribe());
  log(`starting notification in this process (stream ${config.EVENTS_STREAM}, SMTP :${smtpPort})`);
  const running = await startBackendService(notificationService, config, {
    httpHost: '127.0.0.1',
  });
  context.defer('stop notification', () => running.stop());
  const db = new Client({ connectionString: env.DATABASE_URL, application_name: 'portail-bench' });
  await db.connect();
  context.defer('close the database client', () => db.end());

  // Target "notification": envelopes published straight to JetStream, as identity's relay would.
  const js = connection.jetstream();
  const subject = eventSubject(config.EVENTS_SUBJECT_PREFIX, EVENT_TYPE);
  const servicePrefix = `n${id}-`;
  const serviceRecipients = people(settings.mails, servicePrefix);
  const publishedAt = new Map<string, number>();
  log(`notification: publishing ${settings.mails} ${EVENT_TYPE} events`);
  const serviceStart = wallClockMs();
  for (let sent = 0; sent < serviceRecipients.length; sent += PUBLISH_BATCH) {
    await Promise.all(
      serviceRecipients.slice(sent, sent + PUBLISH_BATCH).map((person) => {
        const envelope: EventEnvelope<typeof EVENT_TYPE> = {
          id: uuidv7(),
          type: EVENT_TYPE,
          occurredAt: new Date().toISOString(),
          producer: 'identity',
          aggregateId: person.accountId,
          correlationId: null,
          schemaVersion: 1,
          payload: resetPayload(person),
        };
        publishedAt.set(person.email, wallClockMs());
        return js.publish(subject, JSON.stringify(envelope), {
          msgID: envelope.id,
          timeout: PUBLISH_TIMEOUT_MS,
        });
      }),
    );
  }
  await smtp.waitFor(servicePrefix, settings.mails, Math.max(120_000, settings.mails * 300));
  // Time for a message sent twice to show up before counting.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const serviceReceived: number[] = [];
  const serviceLatencies: number[] = [];
  for (const person of serviceRecipients) {
    const at = smtp.receivedAt.get(person.email);
    const published = publishedAt.get(person.email);
    if (at === undefined || published === undefined) continue;
    serviceReceived.push(at);
    serviceLatencies.push(at - published);
  }
  const serviceBytes = smtp.lastBytes;
  const serviceMessages = smtp.messages;
  const serviceDuplicates = smtp.duplicates;
  const status = await db.query<{ status: string; count: string }>(
    'SELECT status, count(*)::text AS count FROM outgoing_messages GROUP BY status',
  );
  const byStatus = Object.fromEntries(status.rows.map((row) => [row.status, Number(row.count)]));
  const metrics = await running.app.get(MessagingMetrics).snapshot();
  const notification = figuresOf(serviceStart, serviceReceived, serviceLatencies, serviceBytes);
  if (serviceMessages !== settings.mails)
    problems.push(
      `notification: ${serviceMessages} messages received for ${settings.mails} events`,
    );
  if (serviceDuplicates)
    problems.push(`notification: ${serviceDuplicates} messages received twice`);
  if ((byStatus.sent ?? 0) !== settings.mails)
    problems.push(
      `notification: outgoing_messages by status ${JSON.stringify(byStatus)} for ${settings.mails} events`,
    );

  // Target "raw": the service's own transport URL (pooled, same timeouts), messages rendered
  // by the same template.
  const transporter = createTransport(smtpTransportUrl(`smtp://127.0.0.1:${smtpPort}`), {
    from: config.MAIL_FROM,
  });
  context.defer('close the raw transporter', () => Promise.resolve(transporter.close()));
  const brand: MailBranding = {
    portalName: config.PORTAL_NAME,
    organisationName: config.ORGANISATION_NAME,
    portalUrl: config.PORTAL_URL,
  };
  const rawPrefix = `r${id}-`;
  const rawRecipients = people(settings.mails, rawPrefix);
  const mails = rawRecipients.map((person) => ({
    to: person.email,
    ...passwordResetMail(brand, { ...resetPayload(person), token: aLinkToken() }),
    headers: { 'X-Portail-Message-Id': uuidv7() },
  }));
  const sentAt = new Map<string, number>();
  const rawLatencies: number[] = [];
  let rawErrors = 0;
  let next = 0;
  log(`raw: sending ${settings.mails} messages, ${SENDER_CONCURRENCY} at a time`);
  const rawStart = wallClockMs();
  await Promise.all(
    Array.from({ length: SENDER_CONCURRENCY }, async () => {
      while (next < mails.length) {
        const mail = mails[next];
        next += 1;
        const start = wallClockMs();
        sentAt.set(mail.to, start);
        try {
          await transporter.sendMail(mail);
          rawLatencies.push(wallClockMs() - start);
        } catch {
          rawErrors += 1;
        }
      }
    }),
  );
  await smtp.waitFor(rawPrefix, settings.mails, 30_000);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const rawReceived = rawRecipients
    .map((person) => smtp.receivedAt.get(person.email))
    .filter((at): at is number => at !== undefined);
  const raw = figuresOf(rawStart, rawReceived, rawLatencies, smtp.lastBytes);
  const rawMessages = smtp.messages - serviceMessages;
  if (rawErrors) problems.push(`raw: ${rawErrors} sends failed`);
  if (rawMessages !== settings.mails)
    problems.push(`raw: ${rawMessages} messages received for ${settings.mails} sends`);
  if (smtp.duplicates !== serviceDuplicates)
    problems.push(`raw: ${smtp.duplicates - serviceDuplicates} messages received twice`);

  const ratioOf = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 1000 : 0);
  const ratio = {
    emailsPerSecond: ratioOf(notification.emailsPerSecond, raw.emailsPerSecond),
    latencyP50: ratioOf(notification.latencyMs.p50, raw.latencyMs.p50),
    latencyP99: ratioOf(notification.latencyMs.p99, raw.latencyMs.p99),
  };
  const figures = { notification, raw };
  const date = new Date().toISOString();
  const summary = markdown(date, settings, figures, ratio, problems);
  const json = {
    benchmark: NAME,
    description: benchmark.description,
    date,
    valid: problems.length === 0,
    problems,
    environment: environment(),
    settings: {
      ...settings,
      service: 'notification, in the bench process (startBackendService)',
      serviceConfig: {
        MAIL_POLL_INTERVAL_MS: config.MAIL_POLL_INTERVAL_MS,
        EVENTS_CONSUMER_CONCURRENCY: config.EVENTS_CONSUMER_CONCURRENCY,
        LOG_LEVEL: 'warn',
        mailSenderBatch: 20,
      },
      transport:
        'nodemailer createTransport(smtpTransportUrl(SMTP_URL), { from: MAIL_FROM }) for both: pool=true (5 connections), connectionTimeout 10000, greetingTimeout 10000, socketTimeout 30000',
      latency:
        'notification: js.publish called → SMTP server received the message (end of DATA); raw: sendMail called → its promise resolved',
    },
    targets: {
      notification: {
        label: TARGET_LABELS.notification,
        ...notification,
        smtpMessages: serviceMessages,
        duplicates: serviceDuplicates,
        outgoingMessages: byStatus,
        consumerMetrics: metrics,
      },
      raw: { label: TARGET_LABELS.raw, ...raw, smtpMessages: rawMessages, errors: rawErrors },
    },
    ratio: {
      ...ratio,
      meaning:
        'notification divided by raw: below 1 for e-mails/s and above 1 for latency is the cost of the consumer, inbox, outgoing_messages and the sender',
    },
  };
  const files = await writeResults(context.resultsDir, NAME, json, summary);
  log(`results written to ${files.join(' and ')}`);
  return { valid: problems.length === 0, summary };
}

export const benchmark: Benchmark = {
  name: NAME,
  description:
    'Identity events to e-mails handed to a local SMTP server (consumer, outgoing_messages, mail sender), against raw nodemailer sends',
  run,
};
