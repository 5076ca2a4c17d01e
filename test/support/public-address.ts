import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The portal's public address as a payment provider sees it: a forwarding server started
 * before the system (whose gateway port is only known once it runs), so billing can be told
 * where providers call back, and pointed at the gateway once it is up. In production this is
 * the municipality's reverse proxy.
 */
export class PublicAddress {
  private server: Server | undefined;
  private target: string | undefined;

  /** Starts listening; answers the base URL to configure, e.g. `http://127.0.0.1:4321`. */
  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      void (async () => {
        if (!this.target) {
          response.writeHead(503).end();
          return;
        }
        const chunks: Buffer[] = [];
        for await (const chunk of request) chunks.push(chunk as Buffer);
        const headers = new Headers();
        for (const [name, value] of Object.entries(request.headers)) {
          if (typeof value === 'string' && name !== 'host' && name !== 'content-length') {
            headers.set(name, value);
          }
        }
        const forwarded = await fetch(`${this.target}${request.url ?? '/'}`, {
          method: request.method,
          headers,
          body: chunks.length ? Buffer.concat(chunks) : undefined,
          redirect: 'manual',
        });
        const answer: Record<string, string> = {};
        forwarded.headers.forEach((value, name) => {
          // fetch has already decoded the body: its length and encoding no longer hold.
          if (!['content-length', 'transfer-encoding', 'content-encoding'].includes(name)) {
            answer[name] = value;
          }
        });
        response.writeHead(forwarded.status, answer);
        response.end(Buffer.from(await forwarded.arrayBuffer()));
      })().catch(() => response.writeHead(502).end());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Where requests go from now on (the gateway's URL). */
  forwardTo(target: string): void {
    this.target = target.replace(/\/$/, '');
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
