/**
 * `npm run seed` and the first `npm start` on empty databases: the demo data steps, in order,
 * each its own process (each boots one service's modules over that service's database). Add a
 * step here, and only here.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SEED_REFUSED_IN_PRODUCTION } from './seed-main';

export const SEED_STEPS = [
  'seed',
  'seed-content',
  'seed-enrolment',
  'seed-reservation',
  'seed-billing',
] as const;

/** Runs every step; stops at the first that fails. True when all succeeded. */
export async function runSeedSteps(
  say: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<boolean> {
  // Each step refuses production too; this says it once and starts none.
  if (env.NODE_ENV?.trim() === 'production') {
    say(SEED_REFUSED_IN_PRODUCTION);
    return false;
  }
  for (const step of SEED_STEPS) {
    const child = spawn(process.execPath, [join(__dirname, `${step}.js`)], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => say(`[${step}] ${line}`));
    }
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (code !== 0) return false;
  }
  return true;
}

if (require.main === module) {
  void runSeedSteps((line) => process.stdout.write(`${line}\n`)).then((ok) =>
    process.exit(ok ? 0 : 1),
  );
}
