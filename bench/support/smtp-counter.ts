/**
 * A local SMTP server for benchmarks (the smtp-server package, on a free loopback port) that
 * accepts every message and only counts it: per recipient, the time the message ended (the
 * server's "received"), and the messages that came again for a recipient already seen.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { wallClockMs } from './stats';

export class SmtpCounter {
  /** Recipient → wall-clock time its (first) message was received. */
  readonly receivedAt = new Map<string, number>();
  /** Messages for a recipient that had already received one. */
  duplicates = 0;
  /** Messages received in all. */
  messages = 0;
  /** Size of the last message received, in bytes (as sent: headers and MIME body). */
  lastBytes = 0;
  /** Distinct recipients per prefix that `waitFor` was asked about (kept up to date). */
  private readonly perPrefix = new Map<string, number>();
  private waiter: { prefix: string; count: number; resolve: () => void } | undefined;
  private readonly server: SMTPServer;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // No reverse DNS of 127.0.0.1 per connection (a lookup that can wait on the resolver).
      disableReverseLookup: true,
      // nodemailer without a pool opens a connection per message: do not cap them.
      maxClients: 10_000,
      onData: (stream, session, callback) => {
        let bytes = 0;
        stream.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
        });
        stream.on('end', () => {
          const at = wallClockMs();
          this.messages += 1;
          this.lastBytes = bytes;
          for (const { address } of session.envelope.rcptTo) {
            const recipient = address.toLowerCase();
            if (this.receivedAt.has(recipient)) this.duplicates += 1;
            else {
              this.receivedAt.set(recipient, at);
              for (const [prefix, count] of this.perPrefix)
                if (recipient.startsWith(prefix)) this.perPrefix.set(prefix, count + 1);
            }
          }
          callback();
          this.checkWaiter();
        });
      },
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    return (this.server.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Distinct recipients starting with `prefix` that received a message. */
  receivedWithPrefix(prefix: string): number {
    let count = 0;
    for (const recipient of this.receivedAt.keys()) if (recipient.startsWith(prefix)) count += 1;
    return count;
  }

  /** Resolves once `count` distinct recipients starting with `prefix` received a message. */
  async waitFor(prefix: string, count: number, timeoutMs: number): Promise<void> {
    if (!this.perPrefix.has(prefix)) this.perPrefix.set(prefix, this.receivedWithPrefix(prefix));
    if ((this.perPrefix.get(prefix) ?? 0) >= count) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(
          new Error(
            `SMTP: ${this.receivedWithPrefix(prefix)} of ${count} messages received after ${timeoutMs} ms`,
          ),
        );
      }, timeoutMs);
      this.waiter = {
        prefix,
        count,
        resolve: () => {
          clearTimeout(timer);
          this.waiter = undefined;
          resolve();
        },
      };
    });
  }

  private checkWaiter(): void {
    const waiter = this.waiter;
    if (waiter && (this.perPrefix.get(waiter.prefix) ?? 0) >= waiter.count) waiter.resolve();
  }
}
