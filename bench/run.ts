/**
 * Benchmark runner: `node dist/bench/run.js` runs every registered benchmark,
 * `node dist/bench/run.js <name> [<name>…]` only those, `--list` names them.
 * Each benchmark writes bench/results/<name>.json and .md; the process exits 1 when one
 * fails or gives invalid figures. Whatever happens (error, Ctrl-C), the child processes
 * are stopped and the databases dropped before it exits.
 */
import { join } from 'node:path';
import { benchmark as contentHome } from './content-home.bench';
import { benchmark as enrolment } from './enrolment.bench';
import { benchmark as eventsThroughput } from './events-throughput.bench';
import { benchmark as gatewayRoundtrip } from './gateway-roundtrip.bench';
import { benchmark as identityAuth } from './identity-auth.bench';
import { benchmark as notificationMail } from './notification-mail.bench';
import { findRootDir, loadSettings, Releases, type Benchmark } from './support/benchmark';
import { removeLogs } from './support/processes';

/** Every benchmark, in the order `run.js` without argument runs them. Register new ones here. */
const BENCHMARKS: readonly Benchmark[] = [
  gatewayRoundtrip,
  eventsThroughput,
  identityAuth,
  contentHome,
  notificationMail,
  enrolment,
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
  const selected = select(argv);
  const settings = loadSettings();
  const rootDir = findRootDir();
  const resultsDir = join(rootDir, 'bench', 'results');
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const summaries: string[] = [];
  let failed = 0;
  for (const b of selected) {
    log(`${b.name}: ${b.description}`);
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
    }
  }
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
