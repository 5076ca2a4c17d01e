import { join } from 'node:path';
import {
  openApiDocumentFromTestGateway,
  ROOT_DIR,
  runNode,
  temporaryDirectory,
  writeOpenApiDocument,
} from '../support/openapi';

/** Redocly CLI's `lint --format json` (the fields this spec reads). */
interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: Array<{
    ruleId: string;
    severity: 'error' | 'warn';
    message: string;
    location: Array<{ pointer?: string }>;
  }>;
}

const REDOCLY = join(ROOT_DIR, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');

/** Redocly CLI on a file with the root redocly.yaml; its JSON report, whatever the exit code. */
async function redoclyLint(file: string): Promise<LintReport> {
  const args = ['lint', file, '--config', join(ROOT_DIR, 'redocly.yaml'), '--format', 'json'];
  // No telemetry nor update check from a test run.
  const env = { REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
  try {
    const { stdout } = await runNode(REDOCLY, args, env);
    return JSON.parse(stdout) as LintReport;
  } catch (error) {
    // Exit code 1 when there are errors: the report is still on stdout.
    const stdout = (error as { stdout?: string }).stdout;
    if (stdout?.trim().startsWith('{')) return JSON.parse(stdout) as LintReport;
    throw error;
  }
}

function describeProblem(problem: LintReport['problems'][number]): string {
  const where = problem.location[0]?.pointer ?? '(document)';
  return `${problem.severity} ${problem.ruleId} at ${where}: ${problem.message}`;
}

describe('the OpenAPI document', () => {
  it('passes Redocly lint (recommended rules, redocly.yaml) with no error', async () => {
    const openApi = await openApiDocumentFromTestGateway();
    const tmp = await temporaryDirectory();
    try {
      const report = await redoclyLint(await writeOpenApiDocument(tmp.dir, openApi));
      const errors = report.problems.filter((problem) => problem.severity === 'error');
      const warnings = report.problems.filter((problem) => problem.severity !== 'error');
      if (warnings.length) {
        // Warnings do not fail the run; their count per rule says what is left to improve.
        const perRule = new Map<string, number>();
        for (const { ruleId } of warnings) perRule.set(ruleId, (perRule.get(ruleId) ?? 0) + 1);
        process.stdout.write(
          `Redocly lint: ${[...perRule].map(([rule, count]) => `${count} × ${rule}`).join(', ')} (warnings)\n`,
        );
      }
      // The message lists each error (rule, JSON pointer in the document, message).
      expect(errors.map(describeProblem)).toEqual([]);
      expect(report.totals.errors).toBe(0);
    } finally {
      await tmp.remove();
    }
  });
});
