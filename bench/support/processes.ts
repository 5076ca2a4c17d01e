import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { isReachable } from '@portail/service-kit';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchServiceSecurityEnv, serviceOfScript } from './service-security';

const TAIL_LINES = 60;
const PRELOAD = join(__dirname, 'exit-with-parent.js');

/** Every child still running, killed outright if the bench process exits without stopping it. */
const live = new Set<ManagedProcess>();
process.on('exit', () => {
  for (const managed of live) managed.child.kill('SIGKILL');
});

/**
 * Children write their output to files, not to pipes read by this process: a service whose
 * stdout pipe is broken (this process killed) cannot exit (pino's final flush retries EPIPE
 * forever), whereas a file never breaks.
 */
let logDir: string | undefined;
function logFileFor(name: string): string {
  logDir ??= mkdtempSync(join(tmpdir(), 'portail-bench-'));
  return join(logDir, `${name.replace(/[^a-z0-9-]+/gi, '-')}.log`);
}

/** Removes the children's log files (once every child has stopped). */
export function removeLogs(): void {
  if (live.size > 0 || !logDir) return;
  rmSync(logDir, { recursive: true, force: true });
  logDir = undefined;
}

/** A Node.js child process of a benchmark; its output goes to a log file, shown on failure. */
export class ManagedProcess {
  readonly exited: Promise<void>;
  private exitStatus: string | undefined;

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
    /** stdout and stderr of the child. */
    readonly logFile: string,
  ) {
    live.add(this);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitStatus = signal ? `killed by ${signal}` : `exited with code ${code}`;
        live.delete(this);
        resolve();
      });
      child.once('error', (error) => {
        this.exitStatus = `failed to start: ${error.message}`;
        live.delete(this);
        resolve();
      });
    });
  }

  get running(): boolean {
    return this.exitStatus === undefined;
  }

  /** How it ended and what it printed last, for an error message. */
  describe(): string {
    const status = this.exitStatus ?? `running (pid ${this.child.pid ?? '?'})`;
    let tail: string[] = [];
    try {
      tail = readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-TAIL_LINES);
    } catch {
      // no output file: nothing to show
    }
    const output = tail.join('\n').trim() || '(no output)';
    return `${this.name}: ${status}. Last output (${this.logFile}):\n${output}`;
  }

  /** SIGTERM, then SIGKILL if it has not exited within the grace period. */
  async stop(graceMs = 8000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/**
 * Starts `node <script>` (a path relative to the repository root) with the given environment
 * on top of this process's own. The child stops itself if this process dies (see exit-with-parent).
 */
export function spawnNode(
  name: string,
  rootDir: string,
  script: string,
  env: NodeJS.ProcessEnv,
): ManagedProcess {
  const path = join(rootDir, script);
  if (!existsSync(path)) {
    throw new Error(`${path} does not exist: build first (npm run build)`);
  }
  const logFile = logFileFor(name);
  const output = openSync(logFile, 'w');
  try {
    const service = serviceOfScript(script);
    const child = spawn(process.execPath, ['--require', PRELOAD, path], {
      cwd: rootDir,
      env: {
        ...process.env,
        ...(service ? benchServiceSecurityEnv(service) : {}),
        ...env,
      },
      stdio: ['ignore', output, output, 'ipc'],
    });
    // The IPC channel only exists so that the child notices our death; it must not keep us alive.
    child.channel?.unref();
    return new ManagedProcess(name, child, logFile);
  } finally {
    closeSync(output);
  }
}

/** A TCP port free on 127.0.0.1 right now. */
/** Ports already handed out by this process: the OS may offer a released one again. */
const handedOut = new Set<number>();

/**
 * A free TCP port for a child process to listen on. The port is released before the child takes
 * it, so the OS may offer it again to the next call: never hand the same one out twice (two
 * children of one benchmark on one port, EADDRINUSE in a CI run).
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.unref();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        const found = typeof address === 'object' && address ? address.port : 0;
        server.close(() => resolve(found));
      });
    });
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

/** Polls `url` until it answers 200; fails early, with the child's output, if the child exits. */
export async function waitForOk(
  managed: ManagedProcess,
  url: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (!managed.running)
      throw new Error(`${managed.name} stopped before it was ready.\n${managed.describe()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(
    `${managed.name} was not ready at ${url} after ${timeoutMs} ms (${last}).\n${managed.describe()}`,
  );
}

/** PostgreSQL and NATS for a benchmark (DATABASE_URL / NATS_URL or the local defaults), or a readable error. */
export async function requireInfrastructure(): Promise<{ serverUrl: string; natsUrl: string }> {
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  const [pgUp, natsUp] = await Promise.all([
    isReachable(serverUrl, 5432),
    isReachable(natsUrl, 4222),
  ]);
  if (!pgUp || !natsUp) {
    const missing = [
      !pgUp && `PostgreSQL at ${new URL(serverUrl).host} (DATABASE_URL)`,
      !natsUp && `NATS at ${natsUrl} (NATS_URL)`,
    ].filter(Boolean);
    throw new Error(
      `Cannot reach ${missing.join(' nor ')}: start it, or point the variable at one.`,
    );
  }
  return { serverUrl, natsUrl };
}
