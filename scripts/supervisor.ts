import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

export interface RestartPolicy {
  /** Wait before the first restart; doubled for each crash that follows quickly. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** A process that ran at least this long before crashing starts again at initialDelayMs. */
  stableAfterMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
  stableAfterMs: 60_000,
};

/** Delay before restart number `attempt` (1 for the first restart after a stable run). */
export function restartDelayMs(attempt: number, policy: RestartPolicy): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, attempt - 1));
}

export interface SupervisedProcess {
  name: string;
  command: string;
  args: string[];
  options: SpawnOptions;
  /** Called with each new child, e.g. to pipe its output. */
  onStart?: (child: ChildProcess) => void;
}

/**
 * Keeps processes running the way Kubernetes keeps pods: a process that exits on its own is
 * started again after a back-off (1 s, 2 s, 4 s… up to 30 s; reset after a minute of running),
 * and each exit and restart is logged. `stop()` ends them all and restarts nothing.
 */
export class Supervisor {
  private readonly children = new Map<string, ChildProcess>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopping = false;

  constructor(
    private readonly log: (line: string) => void,
    private readonly policy: RestartPolicy = DEFAULT_RESTART_POLICY,
  ) {}

  start(process: SupervisedProcess, attempt = 0): void {
    if (this.stopping) return;
    const startedAt = Date.now();
    const child = spawn(process.command, process.args, process.options);
    this.children.set(process.name, child);
    process.onStart?.(child);
    child.once('error', (error) => this.log(`${process.name}: could not start (${error.message})`));
    child.once('exit', (code, signal) => {
      if (this.stopping) return;
      const ranMs = Date.now() - startedAt;
      const next = ranMs >= this.policy.stableAfterMs ? 1 : attempt + 1;
      const delay = restartDelayMs(next, this.policy);
      this.log(
        `${process.name} exited (${code ?? signal}) after ${Math.round(ranMs / 1000)} s; ` +
          `restarting in ${delay / 1000} s (restart ${next})`,
      );
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.start(process, next);
      }, delay);
      this.timers.add(timer);
    });
  }

  current(name: string): ChildProcess | undefined {
    return this.children.get(name);
  }

  /** SIGTERM to every running child; resolves when all have exited. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const running = [...this.children.values()].filter(
      (child) => child.exitCode === null && child.signalCode === null,
    );
    const exited = running.map((child) => new Promise((resolve) => child.once('exit', resolve)));
    for (const child of running) child.kill('SIGTERM');
    await Promise.all(exited);
  }
}
