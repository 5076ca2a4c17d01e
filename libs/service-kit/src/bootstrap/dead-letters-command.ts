import { connect, headers as natsHeaders, JSONCodec, type ConnectionOptions } from 'nats';
import { randomUUID } from 'node:crypto';
import { CALLER_PROOF_HEADER, isErrorEnvelope } from '@portail/contracts';
import { deadLetterSubjects } from '@portail/messaging';
import type { CallerSigner } from '../nats/caller-proof';

const USAGE =
  'Usage: main.js dead-letters list [--all]  |  main.js dead-letters replay <dead-letter-id>\n' +
  'Asks a running replica of the service over NATS (NATS_URL).';

/** How an operator's command reaches the service's replicas: as the service itself. */
export interface OperatorNatsAccess {
  url: string;
  subjectPrefix: string;
  /** The service's own NATS credentials. */
  auth?: Pick<ConnectionOptions, 'user' | 'pass' | 'authenticator' | 'tls' | 'inboxPrefix'>;
  /** The service's own key: operator subjects (dead letters…) answer only it. */
  signer?: CallerSigner;
}

/**
 * `node dist/services/<service>/src/main.js dead-letters …`: the operator's tool for events a
 * consumer gave up on. It talks to a running replica, which replays through its own handlers.
 */
export async function runDeadLettersCommand(
  service: string,
  nats: OperatorNatsAccess,
  args: string[],
): Promise<number> {
  const [action, argument] = args;
  const subjects = deadLetterSubjects(service);
  let subject: string;
  let data: unknown;
  if (action === 'list') {
    subject = subjects.list;
    data = { includeReplayed: argument === '--all' };
  } else if (action === 'replay' && argument) {
    subject = subjects.replay;
    data = { id: argument };
  } else {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  return askRunningReplica(service, nats, subject, data);
}

/**
 * Sends an operator's request to a running replica of the service over NATS and prints its
 * answer (JSON) or its error: the exit code (0, 1 refused or unreachable). Also the way of
 * other operator commands (billing's `payfip-reconcile`).
 */
export async function askRunningReplica(
  service: string,
  nats: OperatorNatsAccess,
  subject: string,
  data: unknown,
): Promise<number> {
  const natsUrl = nats.url;
  const codec = JSONCodec<{ response?: unknown; err?: unknown }>();
  const connection = await connect({ servers: natsUrl.split(','), ...nats.auth });
  try {
    const wireSubject = `${nats.subjectPrefix}${subject}`;
    const body = new TextEncoder().encode(
      JSON.stringify({ pattern: subject, data, id: randomUUID() }),
    );
    const headers = natsHeaders();
    if (nats.signer) headers.set(CALLER_PROOF_HEADER, nats.signer.sign(wireSubject, body));
    const reply = await connection.request(wireSubject, body, { timeout: 30000, headers });
    const packet = codec.decode(reply.data);
    if (packet.err !== undefined && packet.err !== null) {
      const message = isErrorEnvelope(packet.err)
        ? `${packet.err.code}: ${packet.err.message}`
        : JSON.stringify(packet.err);
      process.stderr.write(`${message}\n`);
      return 1;
    }
    process.stdout.write(`${JSON.stringify(packet.response, null, 2)}\n`);
    return 0;
  } catch (error) {
    const code = (error as { code?: string }).code;
    process.stderr.write(
      code === '503'
        ? `No ${service} replica is running on ${natsUrl}; start the service first.\n`
        : `${(error as Error).message}\n`,
    );
    return 1;
  } finally {
    await connection.close();
  }
}
