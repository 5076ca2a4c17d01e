import { Client } from 'pg';

export interface NotificationWakerOptions {
  databaseUrl: string;
  channel: string;
  /** Shown in pg_stat_activity, e.g. `portail-notification-mail-sender`. */
  applicationName: string;
  /** Told once per outage (lost or impossible LISTEN); polling still does the work meanwhile. */
  onListenFailure: (error: unknown) => void;
}

/**
 * The sleep of a polling loop that PostgreSQL NOTIFY cuts short: a transaction that queues
 * work notifies the channel, delivered at commit, and the loop wakes at once instead of at its
 * next poll. A notification that arrives while the loop is busy is kept for the next sleep.
 * The LISTEN connection is re-opened by `ensureListening()` (call it from the loop) after a
 * loss; until then the poll delivers everything, only later.
 */
export class NotificationWaker {
  private listener: Client | undefined;
  private failing = false;
  private stopped = false;
  private woken = false;
  private resolveSleep: (() => void) | undefined;

  constructor(private readonly options: NotificationWakerOptions) {}

  /** Opens the LISTEN connection if there is none; never throws. */
  async ensureListening(): Promise<void> {
    if (this.listener || this.stopped) return;
    const listener = new Client({
      connectionString: this.options.databaseUrl,
      application_name: this.options.applicationName,
    });
    listener.on('notification', () => this.wake());
    listener.on('error', (error) => {
      this.reportFailure(error);
      if (this.listener === listener) this.listener = undefined;
      void listener.end().catch(() => undefined);
    });
    try {
      await listener.connect();
      await listener.query(`LISTEN ${this.options.channel}`);
      this.listener = listener;
      this.failing = false;
    } catch (error) {
      this.reportFailure(error);
      await listener.end().catch(() => undefined);
    }
  }

  wake(): void {
    this.woken = true;
    this.resolveSleep?.();
  }

  /** Resolves after `ms`, or at once when woken (or stopped) meanwhile or before. */
  sleep(ms: number): Promise<void> {
    if (this.woken || this.stopped) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.resolveSleep?.(), ms);
      this.resolveSleep = () => {
        clearTimeout(timer);
        this.resolveSleep = undefined;
        this.woken = false;
        resolve();
      };
    });
  }

  /** Ends any sleep and closes the LISTEN connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
  }

  private reportFailure(error: unknown): void {
    if (!this.failing) this.options.onListenFailure(error);
    this.failing = true;
  }
}
