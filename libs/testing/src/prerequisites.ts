import { existsSync } from 'node:fs';
import { connect } from 'nats';
// Relative: Jest's global setup loads this file without the path aliases.
import { isReachable } from '../../service-kit/src/net/is-reachable';
import { DEFAULT_DATABASE_URL, DEFAULT_NATS_URL } from './infrastructure';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * What the test run needs from the machine: PostgreSQL and NATS with JetStream (or Docker, for
 * testcontainers to start them) and a Chromium for the browser test. Each missing piece is
 * one sentence saying what to install; an empty list means the run can start.
 */
export async function missingTestPrerequisites(
  env: NodeJS.ProcessEnv = process.env,
  options: { dockerSocket?: string; chromium?: boolean } = {},
): Promise<string[]> {
  const { dockerSocket = '/var/run/docker.sock', chromium: needsChromium = true } = options;
  const databaseUrl = env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const natsUrl = env.NATS_URL ?? DEFAULT_NATS_URL;
  const docker = Boolean(env.DOCKER_HOST) || existsSync(dockerSocket);
  const [pgUp, natsUp] = await Promise.all([
    isReachable(databaseUrl, 5432),
    isReachable(natsUrl, 4222),
  ]);
  const missing: string[] = [];
  if (!pgUp && !docker) {
    missing.push(
      `PostgreSQL does not answer at ${hostOf(databaseUrl)}: start one (Debian: \`apt-get install postgresql\`, then \`pg_ctlcluster <version> main start\`; user postgres with trust authentication on 127.0.0.1) or set DATABASE_URL`,
    );
  }
  if (!natsUp && !docker) {
    missing.push(
      `NATS does not answer at ${hostOf(natsUrl)}: start nats-server with JetStream (\`nats-server -js -sd /var/lib/nats-server\`; Debian package nats-server) or set NATS_URL`,
    );
  }
  if (natsUp && !(await jetStreamEnabled(natsUrl))) {
    missing.push(
      `NATS answers at ${hostOf(natsUrl)} but without JetStream: restart it with \`-js\` (and a storage directory, \`-sd\`)`,
    );
  }
  const chromium = env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM_PATH;
  if (needsChromium && !existsSync(chromium)) {
    missing.push(
      `no Chromium at ${chromium} for the browser test: \`apt-get install chromium\`, or set CHROMIUM_PATH to a Chromium or Chrome executable`,
    );
  }
  return missing;
}

/** One paragraph for the person running the tests. */
export function explainMissingPrerequisites(missing: readonly string[]): string {
  return (
    `The tests cannot run on this machine yet: ${missing.join('; ')}. ` +
    'With Docker running, PostgreSQL and NATS are started in containers instead (testcontainers). ' +
    'Then run npm test again.'
  );
}

function hostOf(url: string): string {
  const parsed = new URL(url.split(',')[0]);
  return `${parsed.hostname}:${parsed.port || '(default port)'}`;
}

async function jetStreamEnabled(natsUrl: string): Promise<boolean> {
  try {
    const connection = await connect({ servers: natsUrl, timeout: 2000, reconnect: false });
    try {
      await (await connection.jetstreamManager({ timeout: 2000 })).getAccountInfo();
      return true;
    } finally {
      await connection.close();
    }
  } catch {
    return false;
  }
}
