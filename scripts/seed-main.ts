/** The line `npm run seed` prints, and exits 1 with, under NODE_ENV=production. */
export const SEED_REFUSED_IN_PRODUCTION =
  'npm run seed refuses to run with NODE_ENV=production: it writes demo accounts with known passwords.';

/**
 * The command-line end of each `npm run seed` step: runs it with console output, prints its
 * summary (or "nothing to do"), exits 0, or prints the error's message and exits 1. Under
 * NODE_ENV=production it runs nothing: one line on stderr, exit 1.
 */
export function runSeedStep<R>(
  step: (say: (line: string) => void) => Promise<R>,
  summary: (report: R) => string,
  env: NodeJS.ProcessEnv = process.env,
): void {
  if (env.NODE_ENV?.trim() === 'production') {
    console.error(SEED_REFUSED_IN_PRODUCTION);
    process.exit(1);
    return;
  }
  const say = (line: string) => console.log(line);
  step(say)
    .then((report) => {
      say(summary(report));
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
