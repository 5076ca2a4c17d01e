/**
 * `npm run caller:keys -- <directory>`: a new Ed25519 key per service (gateway included) for
 * verifiable callers, written as `<service>.key` (the seed, mode 0600: that service's
 * CALLER_SIGNING_KEY_FILE) and `public-keys` (everyone's CALLER_PUBLIC_KEYS_FILE). Keys already
 * there are kept unless `--rotate`. `--env` prints the same as environment lines instead
 * (`<SERVICE>_CALLER_SIGNING_KEY=…`, `CALLER_PUBLIC_KEYS=…`) for a Kubernetes secret.
 */
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_SERVICES } from '@portail/contracts';
import { CallerKeyRing, parseKeyList } from '@portail/service-kit';

export function writeCallerKeys(directory: string, rotate = false): string[] {
  mkdirSync(directory, { recursive: true });
  const publicFile = join(directory, 'public-keys');
  if (!rotate && existsSync(publicFile)) return [];
  const ring = new CallerKeyRing(ALL_SERVICES);
  for (const service of ALL_SERVICES) {
    const file = join(directory, `${service}.key`);
    writeFileSync(file, `${ring.envOf(service).CALLER_SIGNING_KEY}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    // As compose's keygen: run as root only to hand the files to the `node` user (uid 1000).
    if (process.getuid?.() === 0) chownSync(file, 1000, 1000);
  }
  const publicKeys = ring.envOf('gateway').CALLER_PUBLIC_KEYS;
  writeFileSync(publicFile, `${publicKeys.split(',').join('\n')}\n`, { mode: 0o644 });
  // Sanity: what the services will read back.
  const parsed = parseKeyList(readFileSync(publicFile, 'utf8'));
  if (Object.keys(parsed).length !== ALL_SERVICES.length)
    throw new Error('public-keys is incomplete');
  return ALL_SERVICES.map((service) => `${service}.key`).concat('public-keys');
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

if (require.main === module) {
  const args = process.argv.slice(2);
  if (args.includes('--env')) {
    process.stdout.write(`${callerKeysEnvLines().join('\n')}\n`);
  } else {
    const directory = args.find((arg) => !arg.startsWith('--'));
    if (!directory) {
      process.stderr.write('Usage: caller-keys.js <directory> [--rotate] | caller-keys.js --env\n');
      process.exit(2);
    }
    const written = writeCallerKeys(directory, args.includes('--rotate'));
    process.stdout.write(
      written.length
        ? `Caller keys written in ${directory}: ${written.join(', ')}\n`
        : `Caller keys kept in ${directory}\n`,
    );
  }
}
