import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');

/** Path of a compiled service entry point; the specs that spawn processes need `npm run build` first. */
export function compiledEntry(service: string): string {
  const entry = join(ROOT, 'dist/services', service, 'src/main.js');
  if (!existsSync(entry)) {
    throw new Error(
      `${entry} is missing: run "npm run build" before these tests (npm test does it).`,
    );
  }
  return entry;
}

export interface ServiceProcess {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (or the signal name) once the process has exited. */
  exited: Promise<number | string>;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  kill(signal?: NodeJS.Signals): void;
}

/** Runs a compiled service as its own process, as Kubernetes or `npm start` would. */
export function spawnService(
  service: string,
  env: NodeJS.ProcessEnv,
  args: string[] = [],
): ServiceProcess {
  const child = spawn(process.execPath, [compiledEntry(service), ...args], {
    env: { PATH: process.env.PATH, ...env },
    stdio: 'pipe',
  });
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    listeners.forEach((listener) => listener());
  });
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    listeners.forEach((listener) => listener());
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    kill: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    waitForOutput: (pattern, timeoutMs = 15000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (pattern.test(out) || pattern.test(err)) {
            cleanup();
            resolve();
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `Timed out waiting for ${pattern} in the output of ${service}:\n${out}\n${err}`,
            ),
          );
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        void exited.then(() => {
          if (!pattern.test(out) && !pattern.test(err)) {
            cleanup();
            reject(new Error(`${service} exited before printing ${pattern}:\n${out}\n${err}`));
          }
        });
        listeners.add(check);
        check();
      }),
  };
}
