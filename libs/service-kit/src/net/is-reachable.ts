import { Socket } from 'node:net';

/**
 * True when something accepts TCP connections at the URL's host and port (the first server of
 * a comma-separated list). Used before start-up to explain what is missing instead of a trace.
 */
export function isReachable(url: string, defaultPort: number, timeoutMs = 1500): Promise<boolean> {
  const parsed = new URL(url.split(',')[0]);
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(Number(parsed.port || defaultPort), parsed.hostname, () => done(true));
  });
}
