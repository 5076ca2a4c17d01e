/**
 * What verifiable callers add to one request, timed in the bench process: the gateway signs
 * (SHA-256 of the body, Ed25519 signature of the claims), the service verifies (signature,
 * subject, body hash, freshness, replay cache). The body and caller are those of a request the
 * gateway forwards (an agent listing organisations). Timed in batches like validation-cost.ts:
 * the figure is the mean per operation of the median batch.
 */
import { randomUUID } from 'node:crypto';
import { ALL_SERVICES, Subjects, type Caller } from '@portail/contracts';
import { CallerKeyRing, CallerVerifier, type CallerSigner } from '@portail/service-kit';
import { integerFromEnv } from './benchmark';

const BATCHES = 10;

export interface CallerProofFigures {
  operation: string;
  microsecondsPerOperation: number;
  batchMicroseconds: { min: number; max: number };
}

export interface CallerProofCost {
  iterations: number;
  figures: CallerProofFigures[];
  /** Bytes the proof header adds to a request. */
  headerBytes: number;
}

const CALLER: Caller = {
  kind: 'agent',
  accountId: randomUUID(),
  organisationId: randomUUID(),
  serviceIds: [randomUUID(), randomUUID()],
  roles: ['agent', 'supervisor'],
};

function bodyOf(subject: string): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ pattern: subject, data: {}, id: randomUUID() }));
}

function timeBatches(
  iterations: number,
  once: () => void,
): CallerProofFigures['batchMicroseconds'] & { median: number } {
  const batchSize = Math.max(1, Math.round(iterations / BATCHES));
  const batches: number[] = [];
  for (let batch = 0; batch < BATCHES; batch += 1) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < batchSize; i += 1) once();
    batches.push(Number(process.hrtime.bigint() - start) / 1000 / batchSize);
  }
  batches.sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    median: round(batches[Math.floor(BATCHES / 2)]),
    min: round(batches[0]),
    max: round(batches[BATCHES - 1]),
  };
}

/** BENCH_CALLER_PROOF_ITERATIONS (default 5 000) of each operation, after a tenth as warm-up. */
export function measureCallerProofCost(): CallerProofCost {
  const iterations = integerFromEnv('BENCH_CALLER_PROOF_ITERATIONS', 5_000, 10, 1_000_000);
  const ring = new CallerKeyRing(ALL_SERVICES);
  const signer: CallerSigner = ring.signerOf('gateway');
  const env = ring.envOf('identity');
  const verifier = CallerVerifier.fromPublicKeys(
    Object.fromEntries(
      env.CALLER_PUBLIC_KEYS.split(',').map((entry) => entry.split('=') as [string, string]),
    ),
  );
  const subject = Subjects.identity.organisationsList;
  const body = bodyOf(subject);
  const sign = () => signer.sign(subject, body, CALLER);
  const signAndVerify = () => {
    const check = verifier.verify(sign(), subject, body);
    if (!check.ok) throw new Error(`a genuine proof was refused: ${check.reason}`);
  };
  const proofs: string[] = [];
  const prepare = (count: number) => {
    proofs.length = 0;
    for (let i = 0; i < count; i += 1) proofs.push(sign());
  };
  // Warm-up, then each operation.
  prepare(Math.max(10, Math.round(iterations / 10)));
  proofs.forEach((proof) => verifier.verify(proof, subject, body));
  const figures: CallerProofFigures[] = [];
  const signing = timeBatches(iterations, () => void sign());
  figures.push({
    operation: 'sign (gateway)',
    microsecondsPerOperation: signing.median,
    batchMicroseconds: signing,
  });
  prepare(iterations + BATCHES);
  let next = 0;
  const verifying = timeBatches(iterations, () => {
    const check = verifier.verify(proofs[next++], subject, body);
    if (!check.ok) throw new Error(`a genuine proof was refused: ${check.reason}`);
  });
  figures.push({
    operation: 'verify (service)',
    microsecondsPerOperation: verifying.median,
    batchMicroseconds: verifying,
  });
  const both = timeBatches(iterations, signAndVerify);
  figures.push({
    operation: 'sign + verify',
    microsecondsPerOperation: both.median,
    batchMicroseconds: both,
  });
  return {
    iterations,
    figures: figures.map(({ operation, microsecondsPerOperation, batchMicroseconds }) => ({
      operation,
      microsecondsPerOperation,
      batchMicroseconds: { min: batchMicroseconds.min, max: batchMicroseconds.max },
    })),
    headerBytes: sign().length,
  };
}
