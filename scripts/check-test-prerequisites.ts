/**
 * First step of `npm test`: says in one paragraph what the machine lacks (PostgreSQL, NATS with
 * JetStream — or Docker for testcontainers —, Chromium) before minutes of lint and build, instead
 * of failing specs later.
 */
import {
  explainMissingPrerequisites,
  missingTestPrerequisites,
} from '../libs/testing/src/prerequisites';

missingTestPrerequisites()
  .then((missing) => {
    if (missing.length > 0) {
      process.stderr.write(`${explainMissingPrerequisites(missing)}\n`);
      process.exit(1);
    }
  })
  .catch((error: unknown) => {
    process.stderr.write(
      `Checking the test prerequisites failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
