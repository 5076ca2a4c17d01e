import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { restartDelayMs, Supervisor, type RestartPolicy } from '../../scripts/supervisor';

const FAST: RestartPolicy = { initialDelayMs: 50, maxDelayMs: 400, stableAfterMs: 10_000 };

function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (condition()) return resolve();
      if (Date.now() > deadline) return reject(new Error('condition not met in time'));
      setTimeout(tick, 20);
    };
    tick();
  });
}

describe('the npm start supervisor', () => {
  it('backs off exponentially up to its bound', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => restartDelayMs(attempt, FAST))).toEqual([
      50, 100, 200, 400, 400,
    ]);
  });

  it('restarts a crashed process with a logged back-off, and restarts nothing once stopped', async () => {
    // A "service" that crashes on its first two starts, then keeps running.
    const dir = mkdtempSync(join(tmpdir(), 'supervisor-'));
    const counter = join(dir, 'starts');
    writeFileSync(counter, '0');
    const script =
      `const fs=require('fs');const n=Number(fs.readFileSync(${JSON.stringify(counter)},'utf8'))+1;` +
      `fs.writeFileSync(${JSON.stringify(counter)},String(n));` +
      `if(n<3){process.exit(7)}setInterval(()=>{},1000);process.on('SIGTERM',()=>process.exit(0));`;
    const lines: string[] = [];
    const supervisor = new Supervisor((line) => lines.push(line), FAST);
    supervisor.start({
      name: 'content',
      command: process.execPath,
      args: ['-e', script],
      options: { stdio: 'ignore' },
    });
    await until(() => readFileSync(counter, 'utf8') === '3');
    await until(() => supervisor.current('content')?.exitCode === null);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^content exited \(7\) after 0 s; restarting in 0.05 s \(restart 1\)$/,
    );
    expect(lines[1]).toMatch(/restarting in 0.1 s \(restart 2\)$/);

    const running = supervisor.current('content');
    await supervisor.stop();
    expect(running?.signalCode ?? running?.exitCode).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(readFileSync(counter, 'utf8')).toBe('3');
    expect(lines).toHaveLength(2);
  });
});
