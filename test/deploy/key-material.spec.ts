import { execFileSync } from 'child_process';
import { generateKeyPairSync } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './deploy-support';

/**
 * No private key in the deployment files that are committed: docker-compose.yml, deploy/ and
 * k8s/. The only PEM block allowed is the placeholder of k8s/base/secret.yaml, whose body is
 * CHANGE_ME. Real keys live in git-ignored files (k8s/.gitignore) or in the compose volume.
 */

const PLACEHOLDER_FILE = path.join('k8s', 'base', 'secret.yaml');
/** Files that are committed: manifests, examples, documentation (not secrets.env, *.pem). */
const SCANNED = /(\.ya?ml|\.json|\.md|\.example|Dockerfile)$/;

function filesUnder(relative: string): string[] {
  const absolute = path.join(ROOT, relative);
  if (!fs.statSync(absolute).isDirectory()) {
    return [relative];
  }
  return fs
    .readdirSync(absolute)
    .flatMap((entry) => filesUnder(path.join(relative, entry)))
    .filter((file) => SCANNED.test(file));
}

const FILES = ['docker-compose.yml', 'deploy', 'k8s'].flatMap(filesUnder);

/** Encodings of key material that carry no PEM armour. */
const ENCODED_MARKERS: Record<string, RegExp> = {
  'base64 of a PEM header': /LS0tLS1CRUdJT/,
  'Ed25519 PKCS#8 private key (base64 DER)': /MC4CAQAwBQYDK2VwBCIEI/,
  'OpenSSH private key': /b3BlbnNzaC1rZXktdjE/,
  'private JWK ("d" member)': /["']d["']\s*:\s*["'][A-Za-z0-9_-]{20,}/,
};

/** What in a file looks like key material (descriptions only: never the material itself). */
function keyMaterialIn(content: string, placeholderAllowed: boolean): string[] {
  const findings: string[] = [];
  const begins = content.match(/-----BEGIN [A-Z0-9 ]+-----/g) ?? [];
  const blocks = [...content.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g)];
  if (blocks.length !== begins.length) {
    findings.push('a PEM block without its END line');
  }
  for (const [, label, body] of blocks) {
    // YAML indentation and comment marks are not part of the body.
    const bare = body.replace(/[\s#|]/g, '');
    if (!(placeholderAllowed && label === 'PRIVATE KEY' && bare === 'CHANGE_ME')) {
      findings.push(`a PEM block (${label})`);
    }
  }
  for (const [what, pattern] of Object.entries(ENCODED_MARKERS)) {
    if (pattern.test(content)) {
      findings.push(what);
    }
  }
  return findings;
}

describe('key material in the deployment files', () => {
  it('scans the manifests, the compose file and their documentation', () => {
    expect(FILES).toEqual(
      expect.arrayContaining([
        'docker-compose.yml',
        PLACEHOLDER_FILE,
        path.join('k8s', 'base', 'identity.yaml'),
        path.join('k8s', 'overlays', 'example', 'kustomization.yaml'),
        path.join('k8s', 'overlays', 'example', 'jwt-previous-public-keys.json'),
      ]),
    );
  });

  it('recognises a real key in each of its usual forms', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const der = privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    const jwk = JSON.stringify(privateKey.export({ format: 'jwk' }));
    const indented = `jwt-private-key.pem: |\n${pem.replace(/^/gm, '    ')}`;
    for (const sample of [pem, indented, Buffer.from(pem).toString('base64'), der, jwk]) {
      expect(keyMaterialIn(sample, true).length).toBeGreaterThan(0);
    }
    expect(
      keyMaterialIn('-----BEGIN PRIVATE KEY-----\nCHANGE_ME\n-----END PRIVATE KEY-----', true),
    ).toEqual([]);
  });

  it.each(FILES)('%s holds no key material', (file) => {
    const content = fs.readFileSync(path.join(ROOT, file), 'utf8');
    expect(keyMaterialIn(content, file === PLACEHOLDER_FILE)).toEqual([]);
  });

  it('keeps the placeholder private key in the example Secret, marked as such', () => {
    const content = fs.readFileSync(path.join(ROOT, PLACEHOLDER_FILE), 'utf8');
    expect(content).toMatch(/-----BEGIN PRIVATE KEY-----\s+CHANGE_ME\s+-----END PRIVATE KEY-----/);
    expect(content).toMatch(/PLACEHOLDER/);
  });

  // Runs in a git checkout (CI clones the repository).
  it('git-ignores the key and secrets.env an overlay generates', () => {
    for (const file of [
      'k8s/overlays/example/jwt-private-key.pem',
      'k8s/overlays/example/secrets.env',
      'k8s/overlays/production/jwt-private-key.pem',
      'k8s/overlays/production/secrets.env',
    ]) {
      let ignored = true;
      try {
        execFileSync('git', ['check-ignore', '--quiet', '--no-index', file], { cwd: ROOT });
      } catch {
        ignored = false;
      }
      expect({ file, ignored }).toEqual({ file, ignored: true });
    }
  });
});
