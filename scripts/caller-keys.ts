/**
 * `npm run caller:keys -- <directory>`: a new Ed25519 key per service (gateway included) for
 * verifiable callers, written as `<service>.key` (the seed, mode 0600: that service's
 * CALLER_SIGNING_KEY_FILE) and `public-keys` (everyone's CALLER_PUBLIC_KEYS_FILE). Keys already
 * there are kept unless `--rotate`. `--env` prints the same as environment lines instead
 * (`<SERVICE>_CALLER_SIGNING_KEY=…`, `CALLER_PUBLIC_KEYS=…`) for a Kubernetes secret.
 *
 * Rotating one service's key with overlap (README "Rotating a caller key"), in a directory:
 * `--next <service>` writes a new seed as `<service>.key.next` and adds its public key to
 * `public-keys` (restart every service: all trust both keys); `--promote <service>` makes it
 * `<service>.key` (restart that service: it signs with the new key); `--retire <service>` keeps
 * in `public-keys` only the key of `<service>.key` (restart every service). `--env --next
 * <service>` prints the new seed and the entry to add to CALLER_PUBLIC_KEYS instead.
 */
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { ALL_SERVICES } from '@portail/contracts';
import {
  CallerKeyRing,
  MAX_KEYS_PER_CALLER,
  parseKeyList,
  publicKeyFromSeed,
} from '@portail/service-kit';

export function writeCallerKeys(directory: string, rotate = false): string[] {
  mkdirSync(directory, { recursive: true });
  const publicFile = join(directory, 'public-keys');
  if (!rotate && existsSync(publicFile)) return [];
  const ring = new CallerKeyRing(ALL_SERVICES);
  for (const service of ALL_SERVICES) {
    writeSeed(join(directory, `${service}.key`), ring.envOf(service).CALLER_SIGNING_KEY);
  }
  const publicKeys = ring.envOf('gateway').CALLER_PUBLIC_KEYS;
  writeFileSync(publicFile, `${publicKeys.split(',').join('\n')}\n`, { mode: 0o644 });
  // Sanity: what the services will read back.
  const parsed = parseKeyList(readFileSync(publicFile, 'utf8'));
  if (Object.keys(parsed).length !== ALL_SERVICES.length)
    throw new Error('public-keys is incomplete');
  return ALL_SERVICES.map((service) => `${service}.key`).concat('public-keys');
}

/** A seed file: readable by its service's user only. */
function writeSeed(file: string, seed: string): void {
  writeFileSync(file, `${seed}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  // As compose's keygen: run as root only to hand the files to the `node` user (uid 1000).
  if (process.getuid?.() === 0) chownSync(file, 1000, 1000);
}

function knownService(service: string | undefined): string {
  if (!service || !(ALL_SERVICES as readonly string[]).includes(service)) {
    throw new Error(
      `Unknown service ${JSON.stringify(service)} (one of ${ALL_SERVICES.join(', ')})`,
    );
  }
  return service;
}

function readPublicKeys(directory: string): Record<string, string[]> {
  return parseKeyList(readFileSync(join(directory, 'public-keys'), 'utf8'));
}

function writePublicKeys(directory: string, keys: Record<string, string[]>): void {
  const lines = Object.entries(keys).flatMap(([name, list]) => list.map((key) => `${name}=${key}`));
  writeFileSync(join(directory, 'public-keys'), `${lines.join('\n')}\n`, { mode: 0o644 });
}

/** A new seed for one service: its public key, to add to everyone's CALLER_PUBLIC_KEYS. */
function newSeed(service: string): { seed: string; publicKey: string } {
  const seed = new CallerKeyRing([service]).envOf(service).CALLER_SIGNING_KEY;
  return { seed, publicKey: publicKeyFromSeed(seed) };
}

/** Rotation, step 1: `<service>.key.next` and its public key added (the old one stays). */
export function stageCallerKey(directory: string, name: string): string {
  const service = knownService(name);
  const keys = readPublicKeys(directory);
  if ((keys[service] ?? []).length >= MAX_KEYS_PER_CALLER) {
    throw new Error(`${service} already has ${MAX_KEYS_PER_CALLER} public keys: retire first`);
  }
  const { seed, publicKey } = newSeed(service);
  writeSeed(join(directory, `${service}.key.next`), seed);
  writePublicKeys(directory, { ...keys, [service]: [...(keys[service] ?? []), publicKey] });
  return publicKey;
}

/** Rotation, step 2: the staged seed becomes the service's signing key. */
export function promoteCallerKey(directory: string, name: string): void {
  const service = knownService(name);
  const next = join(directory, `${service}.key.next`);
  const seed = readFileSync(next, 'utf8').trim();
  if (!(readPublicKeys(directory)[service] ?? []).includes(publicKeyFromSeed(seed))) {
    throw new Error(`public-keys does not list the key of ${service}.key.next: run --next again`);
  }
  renameSync(next, join(directory, `${service}.key`));
}

/** Rotation, step 3: the service's other public keys removed; how many went. */
export function retireCallerKeys(directory: string, name: string): number {
  const service = knownService(name);
  const current = publicKeyFromSeed(readFileSync(join(directory, `${service}.key`), 'utf8').trim());
  const keys = readPublicKeys(directory);
  const before = keys[service] ?? [];
  if (!before.includes(current)) {
    throw new Error(`public-keys does not list the key of ${service}.key: nothing retired`);
  }
  writePublicKeys(directory, { ...keys, [service]: [current] });
  return before.length - 1;
}

/** `--env --next <service>`: the new seed and the entry to add to CALLER_PUBLIC_KEYS. */
export function nextCallerKeyEnvLines(name: string): string[] {
  const service = knownService(name);
  const { seed, publicKey } = newSeed(service);
  return [
    `${service.toUpperCase()}_CALLER_SIGNING_KEY=${seed}`,
    `# add to CALLER_PUBLIC_KEYS (keep the old entry until step 3): ${service}=${publicKey}`,
  ];
}

export function callerKeysEnvLines(): string[] {
  const ring = new CallerKeyRing(ALL_SERVICES);
  return [
    ...ALL_SERVICES.map(
      (service) =>
        `${service.toUpperCase()}_CALLER_SIGNING_KEY=${ring.envOf(service).CALLER_SIGNING_KEY}`,
    ),
    `CALLER_PUBLIC_KEYS=${ring.envOf('gateway').CALLER_PUBLIC_KEYS}`,
  ];
}

/** The value after a flag (`--next billing`), if the flag is there. */
function optionOf(args: string[], flag: string): string | undefined {
  const at = args.indexOf(flag);
  return at < 0 ? undefined : (args[at + 1] ?? '');
}

function rotationStep(args: string[], directory: string): string | undefined {
  const next = optionOf(args, '--next');
  if (next !== undefined) {
    stageCallerKey(directory, next);
    return `${next}.key.next written and its public key added to public-keys: restart every service, then --promote ${next}\n`;
  }
  const promote = optionOf(args, '--promote');
  if (promote !== undefined) {
    promoteCallerKey(directory, promote);
    return `${promote}.key replaced: restart ${promote}, then --retire ${promote}\n`;
  }
  const retire = optionOf(args, '--retire');
  if (retire !== undefined) {
    const count = retireCallerKeys(directory, retire);
    return `${count} old key(s) of ${retire} removed from public-keys: restart every service\n`;
  }
  return undefined;
}

/** The command line: what it prints, or a usage error (exit 2). */
function main(args: string[]): string {
  const next = optionOf(args, '--next');
  if (args.includes('--env')) {
    const lines = next === undefined ? callerKeysEnvLines() : nextCallerKeyEnvLines(next);
    return `${lines.join('\n')}\n`;
  }
  const flagValues = new Set(
    ['--next', '--promote', '--retire'].map((flag) => optionOf(args, flag)),
  );
  const directory = args.find((arg) => !arg.startsWith('--') && !flagValues.has(arg));
  if (!directory) {
    process.stderr.write(
      'Usage: caller-keys.js <directory> [--rotate | --next|--promote|--retire <service>] | caller-keys.js --env [--next <service>]\n',
    );
    process.exit(2);
  }
  const step = rotationStep(args, directory);
  if (step !== undefined) return step;
  const written = writeCallerKeys(directory, args.includes('--rotate'));
  return written.length
    ? `Caller keys written in ${directory}: ${written.join(', ')}\n`
    : `Caller keys kept in ${directory}\n`;
}

if (require.main === module) {
  try {
    process.stdout.write(main(process.argv.slice(2)));
  } catch (error) {
    // An operator's mistake (unknown service, step out of order): one line, no stack.
    process.stderr.write(`caller-keys: ${(error as Error).message}\n`);
    process.exit(1);
  }
}
