/**
 * Smoke mode (`node dist/bench/run.js --smoke`, `npm run bench:smoke`): every benchmark runs
 * for about a second on a small data set, with the checks it makes before measuring (both
 * sides answer alike) and its validity checks, so that a benchmark that no longer runs fails
 * `npm test` instead of rotting. The figures mean nothing and go to a temporary directory.
 *
 * Also the shared "both sides answer alike" check: same status and same JSON shape.
 */

/**
 * The settings of every benchmark in smoke mode; they replace the environment's, so that a
 * smoke run takes the same time wherever it runs.
 */
export const SMOKE_ENV: Readonly<Record<string, string>> = {
  BENCH_DURATION_S: '1',
  BENCH_WARMUP_S: '0',
  BENCH_ROUNDS: '1',
  BENCH_CONNECTIONS: '4',
  // gateway-roundtrip's validation cost
  BENCH_VALIDATION_ITERATIONS: '500',
  // identity-auth
  BENCH_AUTH_ACCOUNTS: '2',
  BENCH_LOGIN_CONNECTIONS: '2',
  BENCH_LOGIN_DURATION_S: '1',
  // events-throughput
  BENCH_EVENTS: '100',
  BENCH_EVENTS_RATE: '50',
  // notification-mail
  BENCH_MAILS: '10',
  // enrolment
  BENCH_ENROLMENT_FAMILIES: '2',
  BENCH_SUBMIT_DRAFTS: '4',
  BENCH_SUBMIT_CONNECTIONS: '1',
  BENCH_UPLOAD_CONNECTIONS: '2',
  // the list's deepest query reads page 200 (20 a page): at least 4 000 it can see
  BENCH_LIST_APPLICATIONS: '5000',
  BENCH_LIST_CONNECTIONS: '2',
  BENCH_LIST_DURATION_S: '1',
  // reservation
  BENCH_RESERVATION_FAMILIES: '20',
  BENCH_RESERVATION_ACCOUNTS: '2',
  BENCH_RESERVATION_VIEW_REQUESTS: '10',
  // billing
  BENCH_BILLING_FAMILIES: '40',
  BENCH_BILLING_PDFS: '3',
  // runs answer 202 at once and are followed to their end, as long ones are
  BENCH_BILLING_RUN_WAIT_MS: '0',
};

/** Puts the smoke settings into the environment (before any benchmark reads it). */
export function applySmokeSettings(env: NodeJS.ProcessEnv = process.env): void {
  Object.assign(env, SMOKE_ENV);
}

/**
 * The shape of a JSON value: its type, the shape of each key of an object (sorted), and for an
 * array the shapes its items take (deduplicated, in order of appearance). Values do not count:
 * ids, dates and tokens differ from one side to the other.
 */
export function jsonShape(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    const shapes: string[] = [];
    for (const item of value) {
      const shape = JSON.stringify(jsonShape(item));
      if (!shapes.includes(shape)) shapes.push(shape);
    }
    return shapes.map((shape) => JSON.parse(shape) as unknown);
  }
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, jsonShape((value as Record<string, unknown>)[key])]),
    );
  }
  return typeof value;
}

/** One side's answer to the sample request. */
export interface SampleAnswer {
  label: string;
  status: number;
  body: string;
}

function shapeOfBody(body: string): string {
  try {
    return JSON.stringify(jsonShape(JSON.parse(body)));
  } catch {
    return `(not JSON: ${body.slice(0, 200)})`;
  }
}

/**
 * Fails unless every side answered `expectedStatus` with a body of the same JSON shape as the
 * first one, naming the side that differs, the statuses and both shapes.
 */
export function assertSameAnswerShape(
  request: string,
  answers: SampleAnswer[],
  expectedStatus = 200,
): void {
  const [reference, ...others] = answers;
  for (const answer of answers) {
    if (answer.status !== expectedStatus) {
      throw new Error(
        `${answer.label} answered ${answer.status} to ${request} (expected ${expectedStatus}): ${answer.body.slice(0, 500)}`,
      );
    }
  }
  const referenceShape = shapeOfBody(reference.body);
  for (const answer of others) {
    const shape = shapeOfBody(answer.body);
    if (shape !== referenceShape) {
      throw new Error(
        `${answer.label} does not answer ${request} like ${reference.label}:\n` +
          `  ${answer.label}: ${shape}\n  ${reference.label}: ${referenceShape}`,
      );
    }
  }
}

/** Fetches `request` on each side and checks the answers with assertSameAnswerShape. */
export async function checkSameAnswerShape(
  request: string,
  sides: Array<{ label: string; url: string; init?: RequestInit }>,
  expectedStatus = 200,
): Promise<SampleAnswer[]> {
  const answers: SampleAnswer[] = [];
  for (const side of sides) {
    const response = await fetch(side.url, side.init);
    answers.push({ label: side.label, status: response.status, body: await response.text() });
  }
  assertSameAnswerShape(request, answers, expectedStatus);
  return answers;
}
