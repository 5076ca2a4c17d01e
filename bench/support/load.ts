import autocannon from 'autocannon';
import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';

export interface LoadOptions {
  url: string;
  connections: number;
  durationS: number;
  /**
   * Each connection presents itself as its own client (its own `X-Forwarded-For` address, as
   * behind a reverse proxy) instead of all of them as one client. Per-client state on the
   * server (rate limits) then grows as it would with that many users, not with one user.
   */
  distinctClients: boolean;
  /**
   * Called for every request, across all connections, for its method, headers and body (e.g.
   * to go round a set of accounts); without it every request is `GET url`, encoded once.
   */
  nextRequest?: () => RequestParts;
  /**
   * `measure` only: seconds of load before the measured `durationS`, in the same run, so that
   * every connection already has a request in flight when measuring starts. Without it, the
   * first responses come one latency late and the requests in flight at the end are lost,
   * which biases req/s when latencies are long (e.g. seconds per login).
   */
  leadInS?: number;
  /**
   * `measure` only: send at most this many requests in all (lead-in included), e.g. one-shot
   * requests taken from a finite set (drafts to submit). The measurement then ends when they
   * have all been answered or after the duration, whichever comes first, and its duration
   * runs to the last response (autocannon itself only notices the end at its next 1 s tick).
   */
  amount?: number;
}

/** What `LoadOptions.nextRequest` sets on one request. */
export interface RequestParts {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path and query string of this request; the url's when absent. */
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** Gives connection n the address 10.77.x.y in X-Forwarded-For; the request is encoded once. */
function clientSetup(options: LoadOptions): Pick<autocannon.Options, 'setupClient'> {
  const { nextRequest } = options;
  if (!options.distinctClients && !nextRequest) return {};
  let next = 0;
  return {
    setupClient: (client) => {
      const n = next++;
      const own: Record<string, string> = options.distinctClients
        ? { 'x-forwarded-for': `10.77.${(n >> 8) & 255}.${(n & 255) + 1}` }
        : {};
      if (!nextRequest) {
        client.setHeaders(own);
        return;
      }
      // A request list of this connection's own, rebuilt before each request it sends.
      client.setRequests([
        {
          setupRequest: (request) => {
            const parts = nextRequest();
            return {
              ...request,
              method: parts.method ?? request.method,
              path: parts.path ?? request.path,
              headers: { ...request.headers, ...own, ...parts.headers },
              body: parts.body ?? request.body,
            };
          },
        },
      ]);
    },
  };
}

/** What one target did under load; latencies in milliseconds. */
export interface TargetFigures {
  url: string;
  connections: number;
  /** Measured time, summed over the rounds. */
  durationS: number;
  /** Responses received (any status). */
  responses: number;
  requestsPerSecond: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
  non2xx: number;
  /** How many answers had each status that is not 2xx (the lead-in of `measure` included, as in non2xx). */
  non2xxStatuses: Record<string, number>;
  /** Responses per whole second, round after round: shows a drift during the run. */
  timeline: number[];
}

/** One measurement, kept mergeable across rounds. */
export interface Measurement {
  url: string;
  connections: number;
  durationS: number;
  responses: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  non2xxStatuses: Record<string, number>;
  timeline: number[];
  /** Response times in microseconds (autocannon's own histogram has whole milliseconds only). */
  histogram: RecordableHistogram;
}

/** Load without measuring, so that JIT, pools and connections are warm. */
export async function warmUp(options: LoadOptions): Promise<void> {
  if (options.durationS <= 0) return;
  await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationS,
    ...clientSetup(options),
  });
}

/** autocannon at a fixed number of connections, one request in flight per connection. */
export async function measure(options: LoadOptions): Promise<Measurement> {
  const histogram = createHistogram();
  const timeline: number[] = [];
  const leadInMs = (options.leadInS ?? 0) * 1000;
  let measuring = leadInMs === 0;
  let measuredFrom = Date.now();
  let lastResponseAt = 0;
  let responses = 0;
  let thisSecond = 0;
  const non2xxStatuses: Record<string, number> = {};
  let ticker: NodeJS.Timeout | undefined;
  const startTicker = () => {
    measuring = true;
    measuredFrom = Date.now();
    ticker = setInterval(() => {
      timeline.push(thisSecond);
      thisSecond = 0;
    }, 1000);
  };
  if (measuring) startTicker();
  const leadIn = measuring ? undefined : setTimeout(startTicker, leadInMs);
  let deadline: NodeJS.Timeout | undefined;
  try {
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: options.url,
          connections: options.connections,
          pipelining: 1,
          ...(options.amount
            ? { amount: options.amount }
            : { duration: options.durationS + leadInMs / 1000 }),
          ...clientSetup(options),
        },
        (error: unknown, finished) => (error ? reject(toError(error)) : resolve(finished)),
      );
      // autocannon ignores the duration when given an amount: bound the run here.
      if (options.amount) {
        deadline = setTimeout(() => instance.stop(), options.durationS * 1000 + leadInMs);
      }
      instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
        if (statusCode < 200 || statusCode > 299) {
          non2xxStatuses[statusCode] = (non2xxStatuses[statusCode] ?? 0) + 1;
        }
        if (!measuring) return;
        histogram.record(Math.max(1, Math.round(responseTimeMs * 1000)));
        lastResponseAt = Date.now();
        responses += 1;
        thisSecond += 1;
      });
    });
    const finishedAt = options.amount && lastResponseAt ? lastResponseAt : result.finish.getTime();
    return {
      url: options.url,
      connections: options.connections,
      durationS: (finishedAt - (leadInMs ? measuredFrom : result.start.getTime())) / 1000,
      responses,
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      non2xxStatuses,
      timeline,
      histogram,
    };
  } finally {
    clearTimeout(leadIn);
    clearTimeout(deadline);
    clearInterval(ticker);
  }
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const microsToMs = (value: number) => round2(value / 1000);

/** The figures of one target over all its measurements. */
export function summarise(measurements: Measurement[]): TargetFigures {
  const [first] = measurements;
  if (!first) throw new Error('No measurement to summarise');
  const histogram = createHistogram();
  for (const measurement of measurements) histogram.add(measurement.histogram);
  const sum = (pick: (m: Measurement) => number) =>
    measurements.reduce((total, m) => total + pick(m), 0);
  const durationS = sum((m) => m.durationS);
  const responses = sum((m) => m.responses);
  return {
    url: first.url,
    connections: first.connections,
    durationS: round2(durationS),
    responses,
    requestsPerSecond: Math.round(responses / durationS),
    latencyMs: {
      mean: microsToMs(histogram.count ? histogram.mean : 0),
      p50: microsToMs(histogram.count ? histogram.percentile(50) : 0),
      p90: microsToMs(histogram.count ? histogram.percentile(90) : 0),
      p99: microsToMs(histogram.count ? histogram.percentile(99) : 0),
      max: microsToMs(histogram.count ? histogram.max : 0),
    },
    errors: sum((m) => m.errors),
    timeouts: sum((m) => m.timeouts),
    non2xx: sum((m) => m.non2xx),
    non2xxStatuses: measurements.reduce<Record<string, number>>((all, m) => {
      for (const [status, count] of Object.entries(m.non2xxStatuses ?? {}))
        all[status] = (all[status] ?? 0) + count;
      return all;
    }, {}),
    timeline: measurements.flatMap((m) => m.timeline),
  };
}

/** Why figures cannot be trusted, or nothing when they can. */
export function problemsOf(name: string, figures: TargetFigures): string[] {
  const problems: string[] = [];
  if (figures.responses === 0) problems.push(`${name}: no response at all`);
  if (figures.errors > 0)
    problems.push(`${name}: ${figures.errors} connection errors (${figures.timeouts} timeouts)`);
  if (figures.non2xx > 0) {
    const statuses = Object.entries(figures.non2xxStatuses ?? {})
      .map(([status, count]) => `${count} × ${status}`)
      .join(', ');
    problems.push(
      `${name}: ${figures.non2xx} answers were not 2xx${statuses ? ` (${statuses})` : ''}`,
    );
  }
  return problems;
}
