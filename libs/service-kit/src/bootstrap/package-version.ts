import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function readVersion(): string {
  // Compiled files live in dist/libs/service-kit/src/bootstrap, sources one level less deep.
  for (const up of ['../../../../..', '../../../..']) {
    try {
      const pkg = JSON.parse(readFileSync(join(__dirname, up, 'package.json'), 'utf8')) as {
        version?: string;
      };
      if (pkg.version) return pkg.version;
    } catch {
      // try the next candidate
    }
  }
  return 'unknown';
}

export const PACKAGE_VERSION = readVersion();
