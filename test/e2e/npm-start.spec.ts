import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const launcher = join(__dirname, '../../dist/scripts/start.js');

describe('npm start', () => {
  it('says in one paragraph what to start when NATS is not reachable, instead of a stack trace', async () => {
    if (!existsSync(launcher))
      throw new Error(`${launcher} is missing: run "npm run build" first (npm test does it).`);
    const child = spawn(process.execPath, [launcher], {
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: process.env.DATABASE_URL,
        NATS_URL: 'nats://127.0.0.1:1',
      },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(
      /^Portail Famille cannot reach NATS at nats:\/\/127\.0\.0\.1:1\. Start them/,
    );
    expect(stderr).toContain('docker compose up -d postgres nats');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
