import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_LOGGER, type Logger } from '@portail/logging';

const INTERVAL_MS = 60_000;

/**
 * Deletes abandoned uploads (and their parts) once expired. Expiry itself is enforced by every
 * query on uploads; this only frees the space. Replicas may run it together: a DELETE twice
 * is harmless.
 */
@Injectable()
export class ExpiredUploadsCleaner implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.clean(), INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Returns how many uploads were deleted. */
  async clean(): Promise<number> {
    if (!this.dataSource.isInitialized) return 0;
    try {
      const rows: Array<{ id: string }> = await this.dataSource.query(
        'SELECT id FROM document_uploads WHERE expires_at <= now()',
      );
      if (rows.length === 0) return 0;
      await this.dataSource.query('DELETE FROM document_uploads WHERE id = ANY ($1::uuid[])', [
        rows.map((row) => row.id),
      ]);
      this.logger.info({ uploads: rows.length }, 'Deleted expired document uploads');
      return rows.length;
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not delete expired document uploads');
      return 0;
    }
  }
}
