import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Load settings shared by every benchmark, from the environment. */
export interface LoadSettings {
  /** Concurrent HTTP connections of the load generator (BENCH_CONNECTIONS, default 50). */
  connections: number;
  /** Measured seconds per target and round (BENCH_DURATION_S, default 10). */
  durationS: number;
  /** Unmeasured seconds per target before its first measurement (BENCH_WARMUP_S, default 3). */
  warmupS: number;
  /** Measurements per target; the order of the targets alternates between rounds (BENCH_ROUNDS, default 1). */
  rounds: number;
  /**
   * Each connection is a distinct client (its own X-Forwarded-For address), as many users
   * behind a reverse proxy would be; BENCH_ONE_CLIENT=true sends all of them as one client.
   */
  distinctClients: boolean;
}

export interface BenchContext {
  /** Repository root (holds package.json, dist/ and bench/results/). */
  rootDir: string;
  /** Where results go: `<root>/bench/results`. */
  resultsDir: string;
  settings: LoadSettings;
  /** Registers a release step (stop a process, drop a database); steps run last-in first-out. */
  defer(label: string, release: () => Promise<void>): void;
  log(message: string): void;
}

export interface BenchOutcome {
  /** False when a figure cannot be trusted (errors, non-2xx answers…); the run then exits 1. */
  valid: boolean;
  /** Human-readable summary (a Markdown table), printed at the end of the run. */
  summary: string;
}

/** One benchmark, registered in bench/run.ts and run by name (`node dist/bench/run.js <name>`). */
export interface Benchmark {
  name: string;
  description: string;
  run(context: BenchContext): Promise<BenchOutcome>;
}

/** An integer setting from the environment, within bounds; `fallback` when unset or empty. */
export function integerFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

function booleanFromEnv(name: string, fallback: boolean): boolean {
  const raw = process.env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  throw new Error(`${name} must be true or false (got "${process.env[name]}")`);
}

export function loadSettings(): LoadSettings {
  return {
    connections: integerFromEnv('BENCH_CONNECTIONS', 50, 1, 10_000),
    durationS: integerFromEnv('BENCH_DURATION_S', 10, 1, 3600),
    warmupS: integerFromEnv('BENCH_WARMUP_S', 3, 0, 600),
    rounds: integerFromEnv('BENCH_ROUNDS', 1, 1, 100),
    distinctClients: !booleanFromEnv('BENCH_ONE_CLIENT', false),
  };
}

/** The directory holding package.json, found upwards from this file (works from dist/ too). */
export function findRootDir(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

/** Release steps of the running benchmark; run after it, on failure and on Ctrl-C alike. */
export class Releases {
  private readonly steps: Array<{ label: string; release: () => Promise<void> }> = [];

  add(label: string, release: () => Promise<void>): void {
    this.steps.push({ label, release });
  }

  /** Runs every step (last registered first), even when one fails; returns the failures. */
  async releaseAll(): Promise<string[]> {
    const failures: string[] = [];
    for (let step = this.steps.pop(); step; step = this.steps.pop()) {
      try {
        await step.release();
      } catch (error) {
        failures.push(`${step.label}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return failures;
  }
}
