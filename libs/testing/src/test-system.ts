import { randomBytes, randomUUID } from 'node:crypto';
import { connect, headers as createHeaders, JSONCodec, type ConnectionOptions } from 'nats';
import { Client } from 'pg';
import type { z } from 'zod';
import { loadConfig } from '@portail/config';
import { ALL_SERVICES, CALLER_HEADER, CALLER_PROOF_HEADER, parseCaller } from '@portail/contracts';
import { dropDatabase, ensureDatabase, withDatabase } from '@portail/database';
import type {
  BackendServiceConfig,
  BackendServiceDefinition,
  RunningService,
  StartOptions,
} from '@portail/service-kit';
import { allowedIssuersOf, CallerKeyRing, startBackendService } from '@portail/service-kit';
import { DEFAULT_DATABASE_URL, DEFAULT_NATS_URL } from './infrastructure';
import { LogCapture } from './log-capture';

export interface BackendUnderTest {
  definition: BackendServiceDefinition;
  schema: z.ZodType<BackendServiceConfig, unknown>;
}

export interface GatewayUnderTest {
  start(env: NodeJS.ProcessEnv, options: StartOptions): Promise<RunningService>;
}

export interface TestSystemOptions {
  backends: BackendUnderTest[];
  gateway?: GatewayUnderTest;
  /** Extra environment for every service (e.g. SERVICE_TIMEOUT_MS). */
  env?: NodeJS.ProcessEnv;
  /**
   * Verifiable callers (default true): an ephemeral Ed25519 key per service and the gateway,
   * generated for this system; false runs the services without keys (callers trusted as sent).
   */
  verifyCallers?: boolean;
  /** Environment of one service only (e.g. its own NATS_USER and NATS_PASSWORD). */
  serviceEnv?: (service: string) => NodeJS.ProcessEnv;
  /** Credentials of the harness's own NATS connections (request(), clean-up). */
  harnessNats?: Pick<ConnectionOptions, 'user' | 'pass' | 'inboxPrefix'>;
}

export interface TestRequestOptions {
  /**
   * Who signs the request: `gateway` by default, or the first service a service-only subject
   * allows; `false` sends it unsigned (as anything else on NATS could).
   */
  signAs?: string | false;
}

/**
 * Boots a set of services in this Jest process, each with a fresh database of its own,
 * connected to each other through the real NATS. `close()` stops them and drops the databases.
 */
export class TestSystem {
  readonly logs = new LogCapture();
  readonly services = new Map<string, RunningService>();
  readonly databases = new Map<string, string>();
  private readonly baseEnv: NodeJS.ProcessEnv;
  /** Each service's Ed25519 key, generated for this system (undefined: callers not verified). */
  private readonly callerKeys: CallerKeyRing | undefined;

  private constructor(private readonly options: TestSystemOptions) {
    this.callerKeys =
      options.verifyCallers === false
        ? undefined
        : new CallerKeyRing([
            ...ALL_SERVICES,
            ...options.backends.map((backend) => backend.definition.name),
          ]);
    // A stream and subject space of its own, so tests never touch a developer's events.
    const streamId = `${process.env.PORTAIL_TEST_RUN_ID ?? 'pf_tlocal'}_${randomBytes(3).toString('hex')}`;
    this.baseEnv = {
      EVENTS_STREAM: streamId.toUpperCase(),
      EVENTS_SUBJECT_PREFIX: `${streamId.replace(/_/g, '')}.events`,
      // Commands and queries of this system only reach its own services, even when other
      // test runs (or npm start) use the same NATS.
      NATS_SUBJECT_PREFIX: `${streamId.replace(/_/g, '')}.`,
      NATS_URL: process.env.NATS_URL ?? DEFAULT_NATS_URL,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info',
      HTTP_PORT: '0',
      SHUTDOWN_TIMEOUT_MS: '3000',
      NODE_ENV: 'test',
      ...options.env,
    };
  }

  static async start(options: TestSystemOptions): Promise<TestSystem> {
    const system = new TestSystem(options);
    try {
      for (const backend of options.backends) await system.startBackend(backend);
      if (options.gateway) {
        system.services.set(
          'gateway',
          await options.gateway.start(
            {
              ...system.baseEnv,
              ...system.callerEnvOf('gateway'),
              ...options.serviceEnv?.('gateway'),
            },
            {
              logDestination: system.logs,
              httpHost: '127.0.0.1',
            },
          ),
        );
      }
    } catch (error) {
      await system.close();
      throw error;
    }
    return system;
  }

  static serverUrl(): string {
    return process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  }

  /** A database name unique to this run and this system, e.g. `pf_tlx2k9a1b2_3f9a_identity`. */
  static uniqueDatabaseName(service: string): string {
    const run = process.env.PORTAIL_TEST_RUN_ID ?? 'pf_tlocal';
    return `${run}_${randomBytes(2).toString('hex')}_${service}`;
  }

  get gatewayUrl(): string {
    return this.service('gateway').httpUrl;
  }

  service(name: string): RunningService {
    const running = this.services.get(name);
    if (!running) throw new Error(`Service ${name} is not running in this test system`);
    return running;
  }

  databaseUrlOf(service: string): string {
    const name = this.databases.get(service);
    if (!name) throw new Error(`No database for ${service}`);
    return withDatabase(TestSystem.serverUrl(), name);
  }

  /** Starts (or restarts, on the same database) one back-end service; `env` adds to the system's. */
  async startBackend(
    backend: BackendUnderTest,
    extraEnv: NodeJS.ProcessEnv = {},
  ): Promise<RunningService> {
    const name = backend.definition.name;
    let database = this.databases.get(name);
    if (!database) {
      database = TestSystem.uniqueDatabaseName(name);
      await ensureDatabase(TestSystem.serverUrl(), database);
      this.databases.set(name, database);
    }
    const env = {
      ...this.baseEnv,
      ...this.callerEnvOf(name),
      ...this.options.serviceEnv?.(name),
      ...extraEnv,
      DATABASE_URL: withDatabase(TestSystem.serverUrl(), database),
    };
    const config = loadConfig(name, backend.schema, env);
    const running = await startBackendService(backend.definition, config, {
      logDestination: this.logs,
      httpHost: '127.0.0.1',
    });
    this.services.set(name, running);
    return running;
  }

  /**
   * A command or query straight to a service over NATS, as another service would send it
   * (the subject without this system's prefix). Returns Nest's reply packet.
   */
  async request(
    subject: string,
    data: unknown,
    headers: Record<string, string> = {},
    options: TestRequestOptions = {},
  ): Promise<{ response?: unknown; err?: unknown }> {
    const connection = await connect({
      servers: this.baseEnv.NATS_URL,
      ...this.options.harnessNats,
    });
    const codec = JSONCodec<{ response?: unknown; err?: unknown }>();
    try {
      const natsHeaders = createHeaders();
      for (const [name, value] of Object.entries(headers)) natsHeaders.set(name, value);
      const wireSubject = `${this.baseEnv.NATS_SUBJECT_PREFIX ?? ''}${subject}`;
      const body = new TextEncoder().encode(
        JSON.stringify({ pattern: subject, data, id: randomUUID() }),
      );
      const issuer =
        options.signAs === undefined
          ? (allowedIssuersOf(subject)?.[0] ?? 'gateway')
          : options.signAs;
      if (issuer !== false && this.callerKeys && !natsHeaders.has(CALLER_PROOF_HEADER)) {
        // The caller given as a plain header is the one the proof carries, as the gateway does.
        const caller = parseCaller(headers[CALLER_HEADER]);
        natsHeaders.set(
          CALLER_PROOF_HEADER,
          this.callerKeys.signerOf(issuer).sign(wireSubject, body, caller),
        );
      }
      const reply = await connection.request(wireSubject, body, {
        timeout: 5000,
        headers: natsHeaders,
      });
      return codec.decode(reply.data);
    } finally {
      await connection.close();
    }
  }

  /** Runs SQL on a service's database (a fresh connection each time). */
  async query<T>(service: string, sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.databaseUrlOf(service) });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  async stopService(name: string): Promise<void> {
    const running = this.services.get(name);
    if (!running) return;
    this.services.delete(name);
    await running.stop();
  }

  async close(): Promise<void> {
    // The gateway first, so that nothing calls a service that is already gone.
    const order = [...this.services.keys()].sort((a, b) =>
      a === 'gateway' ? -1 : b === 'gateway' ? 1 : 0,
    );
    for (const name of order) await this.stopService(name);
    for (const database of this.databases.values())
      await dropDatabase(TestSystem.serverUrl(), database);
    this.databases.clear();
    await this.deleteStream();
  }

  /**
   * CALLER_SIGNING_KEY and CALLER_PUBLIC_KEYS of one service of this system (e.g. for a process
   * spawned as that service); empty when the system does not verify callers.
   */
  callerEnvOf(name: string): NodeJS.ProcessEnv {
    return this.callerKeys?.envOf(name) ?? {};
  }

  /** The environment every service of this system starts with (stream, subject prefix, NATS). */
  get env(): NodeJS.ProcessEnv {
    return this.baseEnv;
  }

  private async deleteStream(): Promise<void> {
    const connection = await connect({
      servers: this.baseEnv.NATS_URL,
      ...this.options.harnessNats,
    });
    try {
      const jsm = await connection.jetstreamManager();
      await jsm.streams.delete(this.baseEnv.EVENTS_STREAM!).catch(() => false);
      // The gateway's shared rate-limit counters (a KV bucket is a stream named KV_<bucket>).
      await jsm.streams.delete(`KV_${this.baseEnv.EVENTS_STREAM!}_RATE_LIMITS`).catch(() => false);
    } finally {
      await connection.close();
    }
  }
}
