import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { StartedTestContainer } from 'testcontainers';

/**
 * A NATS server with JetStream that belongs to one test, which may stop it and start it
 * again (same address, same store directory, so streams and consumers survive) to see what
 * the services do while NATS is gone. The shared NATS server of the test run is never touched.
 */
export interface DisposableNats {
  /** `nats://host:port`: the same across stop() and start(). */
  readonly url: string;
  /** How it runs: a local `nats-server` process, or a container (no binary on this machine). */
  readonly mode: 'process' | 'container';
  readonly running: boolean;
  /** Stops the server gracefully (SIGTERM) and waits until it is gone. No-op when stopped. */
  stop(): Promise<void>;
  /** Starts it again on the same port and store; resolves once it accepts clients. No-op when running. */
  start(): Promise<void>;
  /** Stops it and removes its store (the directory, or the container). Safe to call twice. */
  dispose(): Promise<void>;
}

export interface DisposableNatsOptions {
  /** Bound on each start (default 30 s; a first container start may pull the image). */
  startTimeoutMs?: number;
  /** Bound on each graceful stop before SIGKILL (default 10 s). */
  stopTimeoutMs?: number;
  /** The server's max_payload (default NATS's 1 MB): a small one makes large replies testable. */
  maxPayloadBytes?: number;
  /** More server configuration (e.g. deploy/nats/nats-server.conf's users and permissions). */
  config?: string;
  /** The server's environment (the passwords that configuration reads, `$IDENTITY_NATS_PASSWORD`…). */
  env?: Record<string, string>;
}

const CONTAINER_IMAGE = 'nats:2.10-alpine';
const OUTPUT_TAIL_CHARS = 4000;

function configText(options: Required<DisposableNatsOptions>): string {
  return [
    options.maxPayloadBytes ? `max_payload: ${options.maxPayloadBytes}\n` : '',
    options.config,
  ].join('');
}

/** Every nats-server this process spawned and has not seen exit: killed if the process exits first. */
const liveProcesses = new Set<ChildProcess>();
let exitHookInstalled = false;

function killLiveProcessesOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of liveProcesses) child.kill('SIGKILL');
  });
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** NATS_SERVER_BIN, else /usr/sbin/nats-server, else `nats-server` on PATH; undefined when none. */
export function findNatsServerBinary(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.NATS_SERVER_BIN) {
    if (!isExecutable(env.NATS_SERVER_BIN))
      throw new Error(`NATS_SERVER_BIN=${env.NATS_SERVER_BIN} is not an executable file`);
    return env.NATS_SERVER_BIN;
  }
  if (isExecutable('/usr/sbin/nats-server')) return '/usr/sbin/nats-server';
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, 'nats-server'))) return join(dir, 'nats-server');
  }
  return undefined;
}

/** A TCP port free on 127.0.0.1 right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * True when a NATS server answers at host:port (it sends its INFO line first). A bare TCP
 * connect is not enough: Docker's proxy accepts connections before the server inside listens.
 */
function answersAsNats(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let received = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('close', () => done(false));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString();
      if (received.includes('\r\n')) done(received.startsWith('INFO '));
    });
    socket.connect(port, host);
  });
}

async function waitUntilNatsAnswers(
  host: string,
  port: number,
  timeoutMs: number,
  gone: () => string | undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const whyGone = gone();
    if (whyGone) throw new Error(whyGone);
    if (await answersAsNats(host, port)) return;
    if (Date.now() > deadline)
      throw new Error(`NATS did not answer on ${host}:${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A local nats-server process; its output is kept (the tail) for error messages. */
class ProcessNats implements DisposableNats {
  readonly mode = 'process';
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private output = '';
  private disposed = false;

  constructor(
    private readonly binary: string,
    private readonly port: number,
    private readonly storeDir: string,
    private readonly options: Required<DisposableNatsOptions>,
  ) {}

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  async start(): Promise<void> {
    if (this.disposed) throw new Error('This NATS server was disposed');
    if (this.child) return;
    killLiveProcessesOnExit();
    const args = ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.storeDir];
    const text = configText(this.options);
    if (text) {
      // max_payload has no command-line flag: a configuration file carries it.
      const config = join(this.storeDir, 'nats.conf');
      writeFileSync(config, text);
      args.push('-c', config);
    }
    const child = spawn(this.binary, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...this.options.env },
    });
    this.child = child;
    liveProcesses.add(child);
    let exitStatus: string | undefined;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        exitStatus = signal ? `killed by ${signal}` : `exited with code ${code}`;
        liveProcesses.delete(child);
        if (this.child === child) this.child = undefined;
        resolve();
      });
      child.once('error', (error) => {
        exitStatus = `failed to start: ${error.message}`;
        liveProcesses.delete(child);
        if (this.child === child) this.child = undefined;
        resolve();
      });
    });
    try {
      await waitUntilNatsAnswers('127.0.0.1', this.port, this.options.startTimeoutMs, () =>
        exitStatus
          ? `${this.binary} ${args.join(' ')} ${exitStatus}:\n${this.output.trim()}`
          : undefined,
      );
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), this.options.stopTimeoutMs);
    await this.exited;
    clearTimeout(timer);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.stop();
    rmSync(this.storeDir, { recursive: true, force: true });
  }
}

/** The same with Docker, through testcontainers (loaded only when needed). */
class ContainerNats implements DisposableNats {
  readonly mode = 'container';
  private isRunning = true;
  private disposed = false;

  private constructor(
    private readonly container: StartedTestContainer,
    private readonly host: string,
    private readonly port: number,
    private readonly options: Required<DisposableNatsOptions>,
  ) {}

  static async create(options: Required<DisposableNatsOptions>): Promise<ContainerNats> {
    const { GenericContainer, Wait } = await import('testcontainers');
    const port = await freePort();
    // A fixed host port: Docker keeps the binding across stop and start, so the URL holds.
    const config = '/etc/nats/test.conf';
    const container = await new GenericContainer(CONTAINER_IMAGE)
      .withCopyContentToContainer([
        {
          content: configText(options),
          target: config,
        },
      ])
      .withEnvironment(options.env)
      .withCommand(['-c', config, '-js', '-sd', '/data'])
      .withExposedPorts({ container: 4222, host: port })
      .withWaitStrategy(Wait.forLogMessage(/Server is ready/))
      .withStartupTimeout(options.startTimeoutMs)
      .start();
    const nats = new ContainerNats(container, container.getHost(), port, options);
    try {
      await waitUntilNatsAnswers(nats.host, port, options.startTimeoutMs, () => undefined);
    } catch (error) {
      await nats.dispose();
      throw error;
    }
    return nats;
  }

  get url(): string {
    return `nats://${this.host}:${this.port}`;
  }

  get running(): boolean {
    return this.isRunning;
  }

  private async dockerContainer() {
    const { getContainerRuntimeClient } = await import('testcontainers');
    const client = await getContainerRuntimeClient();
    return { client, container: client.container.getById(this.container.getId()) };
  }

  /** `docker stop` (SIGTERM, then SIGKILL after the bound); the container and its /data stay. */
  async stop(): Promise<void> {
    if (!this.isRunning) return;
    const { client, container } = await this.dockerContainer();
    await client.container.stop(container, { timeout: this.options.stopTimeoutMs });
    this.isRunning = false;
  }

  async start(): Promise<void> {
    if (this.disposed) throw new Error('This NATS server was disposed');
    if (this.isRunning) return;
    const { client, container } = await this.dockerContainer();
    await client.container.start(container);
    this.isRunning = true;
    await waitUntilNatsAnswers(this.host, this.port, this.options.startTimeoutMs, () => undefined);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.isRunning = false;
    await this.container.stop({ remove: true, timeout: this.options.stopTimeoutMs });
  }
}

/**
 * Starts a NATS server with JetStream for one test: the local `nats-server` binary when there
 * is one (NATS_SERVER_BIN, /usr/sbin/nats-server, or on PATH) on a free port with a temporary
 * store directory, otherwise a `nats:2.10-alpine` container bound to a fixed host port.
 * Always `dispose()` it (in afterEach/finally); a process left running when Node exits is killed.
 */
export async function startDisposableNats(
  options: DisposableNatsOptions = {},
): Promise<DisposableNats> {
  const resolved: Required<DisposableNatsOptions> = {
    startTimeoutMs: options.startTimeoutMs ?? 30_000,
    stopTimeoutMs: options.stopTimeoutMs ?? 10_000,
    maxPayloadBytes: options.maxPayloadBytes ?? 0,
    config: options.config ?? '',
    env: options.env ?? {},
  };
  const binary = findNatsServerBinary();
  if (!binary) return ContainerNats.create(resolved);
  const storeDir = mkdtempSync(join(tmpdir(), 'portail-nats-'));
  const nats = new ProcessNats(binary, await freePort(), storeDir, resolved);
  try {
    await nats.start();
  } catch (error) {
    await nats.dispose();
    throw error;
  }
  return nats;
}
