/**
 * The command-line end of each `npm run seed` step: runs it with console output, prints its
 * summary (or "nothing to do"), exits 0, or prints the error's message and exits 1.
 */
export function runSeedStep<R>(
  step: (say: (line: string) => void) => Promise<R>,
  summary: (report: R) => string,
): void {
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
