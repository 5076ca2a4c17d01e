/**
 * Benchmark runner: `node dist/bench/run.js` runs every registered benchmark,
 * `node dist/bench/run.js <name> [<name>…]` only those, `--list` names them, `--smoke` runs
 * them for about a second each on small data sets (see support/smoke.ts), results in a
 * temporary directory: what `npm test` runs so that no benchmark stops working unnoticed.
 * Each benchmark writes bench/results/<name>.json and .md; the process exits 1 when one
 * fails or gives invalid figures. Whatever happens (error, Ctrl-C), the child processes
 * are stopped and the databases dropped before it exits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchmark as billing } from './billing.bench';
import { benchmark as contentHome } from './content-home.bench';
import { benchmark as enrolment } from './enrolment.bench';
import { benchmark as eventsThroughput } from './events-throughput.bench';
import { benchmark as gatewayRoundtrip } from './gateway-roundtrip.bench';
import { benchmark as identityAuth } from './identity-auth.bench';
import { benchmark as notificationMail } from './notification-mail.bench';
import { benchmark as reservation } from './reservation.bench';
import { findRootDir, loadSettings, Releases, type Benchmark } from './support/benchmark';
import { removeLogs } from './support/processes';
import { applySmokeSettings } from './support/smoke';

/** Every benchmark, in the order `run.js` without argument runs them. Register new ones here. */
const BENCHMARKS: readonly Benchmark[] = [
  gatewayRoundtrip,
  eventsThroughput,
  identityAuth,
  contentHome,
  notificationMail,
  enrolment,
  reservation,
  billing,
];

const releases = new Releases();
let interrupted = false;

function log(message: string): void {
  process.stdout.write(`[bench] ${message}\n`);
}

async function releaseAll(): Promise<void> {
  for (const failure of await releases.releaseAll()) {
    process.stderr.write(`[bench] clean-up failed: ${failure}\n`);
  }
  removeLogs();
}

function onSignal(signal: NodeJS.Signals): void {
  if (interrupted) return;
  interrupted = true;
  process.stderr.write(`[bench] ${signal}: stopping the child processes and cleaning up\n`);
  void releaseAll().finally(() => process.exit(130));
}

function select(names: string[]): Benchmark[] {
  if (names.length === 0) return [...BENCHMARKS];
  const unknown = names.filter((name) => !BENCHMARKS.some((b) => b.name === name));
  if (unknown.length) {
    throw new Error(
      `Unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`,
    );
  }
  return BENCHMARKS.filter((b) => names.includes(b.name));
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--list')) {
    for (const b of BENCHMARKS) process.stdout.write(`${b.name}\t${b.description}\n`);
    return 0;
  }
  const smoke = argv.includes('--smoke');
  const selected = select(argv.filter((arg) => arg !== '--smoke'));
  if (smoke) applySmokeSettings();
  const settings = loadSettings();
  const rootDir = findRootDir();
  // A smoke run's figures mean nothing: they never replace the committed results.
  const resultsDir = smoke
    ? mkdtempSync(join(tmpdir(), 'portail-bench-smoke-'))
    : join(rootDir, 'bench', 'results');
  if (smoke) log(`smoke mode: about a second per target, results in ${resultsDir}`);
  const started = Date.now();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const summaries: string[] = [];
  let failed = 0;
  for (const b of selected) {
    log(`${b.name}: ${b.description}`);
    const benchStarted = Date.now();
    try {
      const outcome = await b.run({
        rootDir,
        resultsDir,
        settings,
        defer: (label, release) => releases.add(label, release),
        log: (message) => log(`${b.name}: ${message}`),
      });
      summaries.push(outcome.summary);
      if (!outcome.valid) failed += 1;
    } catch (error) {
      failed += 1;
      process.stderr.write(
        `[bench] ${b.name} failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
    } finally {
      await releaseAll();
      log(`${b.name}: ${((Date.now() - benchStarted) / 1000).toFixed(1)} s`);
    }
  }
  log(`${selected.length} benchmark(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (smoke && !failed) rmSync(resultsDir, { recursive: true, force: true });
  if (summaries.length) process.stdout.write(`\n${summaries.join('\n\n')}\n`);
  if (failed)
    process.stderr.write(
      `[bench] ${failed} of ${selected.length} benchmark(s) failed or were not valid\n`,
    );
  return failed ? 1 : 0;
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch(async (error: unknown) => {
    process.stderr.write(`[bench] ${error instanceof Error ? error.message : String(error)}\n`);
    await releaseAll();
    process.exit(1);
  });
