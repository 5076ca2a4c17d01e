// Relative: Jest's global setup loads this file without the path aliases.
import { isReachable } from '../../service-kit/src/net/is-reachable';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

export interface Infrastructure {
  /** Server URL; the harness swaps the database name for each test database. */
  databaseUrl: string;
  natsUrl: string;
  /** Set when the harness started containers that it must stop. */
  stop?: () => Promise<void>;
}

/**
 * PostgreSQL and NATS for tests: the ones named by DATABASE_URL / NATS_URL (or the local
 * defaults) when they answer, otherwise containers started with testcontainers.
 */
export async function resolveInfrastructure(
  env: NodeJS.ProcessEnv = process.env,
): Promise<Infrastructure> {
  const databaseUrl = env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const natsUrl = env.NATS_URL ?? DEFAULT_NATS_URL;
  const [pgUp, natsUp] = await Promise.all([
    isReachable(databaseUrl, 5432),
    isReachable(natsUrl, 4222),
  ]);
  if (pgUp && natsUp) return { databaseUrl, natsUrl };
  return startContainers({ postgres: !pgUp, nats: !natsUp, databaseUrl, natsUrl });
}

async function startContainers(need: {
  postgres: boolean;
  nats: boolean;
  databaseUrl: string;
  natsUrl: string;
}): Promise<Infrastructure> {
  // Loaded only here: machines with local services never pay for the Docker client.
  const { GenericContainer, Wait } = await import('testcontainers');
  const stops: Array<() => Promise<unknown>> = [];
  let { databaseUrl, natsUrl } = need;
  if (need.postgres) {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const pg = await new PostgreSqlContainer('postgres:16-alpine')
      .withUsername('postgres')
      .withPassword('postgres')
      .withDatabase('postgres')
      .start();
    stops.push(() => pg.stop());
    databaseUrl = `postgres://postgres:postgres@${pg.getHost()}:${pg.getPort()}/postgres`;
  }
  if (need.nats) {
    const nats = await new GenericContainer('nats:2.11-alpine')
      .withCommand(['-js', '-m', '8222'])
      .withExposedPorts(4222, 8222)
      .withWaitStrategy(Wait.forHttp('/healthz', 8222))
      .start();
    stops.push(() => nats.stop());
    natsUrl = `nats://${nats.getHost()}:${nats.getMappedPort(4222)}`;
  }
  return {
    databaseUrl,
    natsUrl,
    stop: async () => {
      await Promise.all(stops.map((stop) => stop()));
    },
  };
}
