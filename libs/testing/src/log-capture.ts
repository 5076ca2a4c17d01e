import { Writable } from 'node:stream';

export interface LogLine {
  level: string;
  service: string;
  msg?: string;
  correlationId?: string;
  [key: string]: unknown;
}

/** A pino destination that keeps every JSON line in memory, for assertions on logs. */
export class LogCapture extends Writable {
  readonly lines: LogLine[] = [];
  private pending = '';

  constructor(private readonly echo = process.env.TEST_LOGS === '1') {
    super();
  }

  override _write(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    const text = this.pending + chunk.toString('utf8');
    const parts = text.split('\n');
    this.pending = parts.pop() ?? '';
    for (const part of parts) {
      if (!part.trim()) continue;
      if (this.echo) process.stdout.write(`${part}\n`);
      try {
        this.lines.push(JSON.parse(part) as LogLine);
      } catch {
        this.lines.push({ level: 'raw', service: 'unknown', msg: part });
      }
    }
    callback();
  }

  withCorrelationId(correlationId: string): LogLine[] {
    return this.lines.filter((line) => line.correlationId === correlationId);
  }
}
