import * as fs from 'fs';
import * as path from 'path';
import { runSeedSteps, SEED_STEPS } from '../../scripts/seed-all';
import { runSeedStep, SEED_REFUSED_IN_PRODUCTION } from '../../scripts/seed-main';

/** `npm run seed` writes demo accounts with known passwords: never in production. */

const ROOT = path.resolve(__dirname, '..', '..');

describe('npm run seed under NODE_ENV=production', () => {
  let exit: jest.SpyInstance;
  let error: jest.SpyInstance;
  let log: jest.SpyInstance;

  beforeEach(() => {
    exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('runs no step, prints one clear line and exits 1', () => {
    const step = jest.fn(() => Promise.resolve('done'));
    runSeedStep(step, () => 'summary', { NODE_ENV: 'production' });
    expect(step).not.toHaveBeenCalled();
    expect(error.mock.calls).toEqual([[SEED_REFUSED_IN_PRODUCTION]]);
    expect(SEED_REFUSED_IN_PRODUCTION).toMatch(/NODE_ENV=production/);
    expect(SEED_REFUSED_IN_PRODUCTION).not.toContain('\n');
    expect(log).not.toHaveBeenCalled();
    expect(exit.mock.calls).toEqual([[1]]);
  });

  it('reads process.env by default', () => {
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      const step = jest.fn(() => Promise.resolve('done'));
      runSeedStep(step, () => 'summary');
      expect(step).not.toHaveBeenCalled();
      expect(exit.mock.calls).toEqual([[1]]);
    } finally {
      process.env.NODE_ENV = previous;
    }
  });

  it('runs the step otherwise, prints its summary and exits 0', async () => {
    for (const NODE_ENV of [undefined, 'development', 'test']) {
      exit.mockClear();
      const step = jest.fn((say: (line: string) => void) => {
        say('working');
        return Promise.resolve(2);
      });
      runSeedStep(step, (count) => `seeded ${count}`, { NODE_ENV });
      await new Promise((resolve) => setImmediate(resolve));
      expect(step).toHaveBeenCalledTimes(1);
      expect(exit.mock.calls).toEqual([[0]]);
    }
    expect(log).toHaveBeenCalledWith('seeded 2');
    expect(error).not.toHaveBeenCalled();
  });

  it('guards every step of `npm run seed`, which stops at the first failure', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.seed).toBe('npm run build && node dist/scripts/seed-all.js');
    expect(SEED_STEPS.length).toBeGreaterThan(0);
    for (const name of SEED_STEPS) {
      const source = fs.readFileSync(path.join(ROOT, 'scripts', `${name}.ts`), 'utf8');
      const entry = source.slice(source.indexOf('if (require.main === module)'));
      expect({
        name,
        guarded: /^if \(require\.main === module\) \{\s+runSeedStep\(/.test(entry),
      }).toEqual({
        name,
        guarded: true,
      });
    }
    // The runner itself starts no step in production.
    const said: string[] = [];
    await expect(runSeedSteps((line) => said.push(line), { NODE_ENV: 'production' })).resolves.toBe(
      false,
    );
    expect(said).toEqual([SEED_REFUSED_IN_PRODUCTION]);
  });
});
