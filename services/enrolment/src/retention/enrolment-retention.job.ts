import type { FactoryProvider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_LOGGER, type Logger } from '@portail/logging';
import { MessagingMetrics } from '@portail/messaging';
import { Clock, RetentionJob, SERVICE_CONFIG, type RetentionRule } from '@portail/service-kit';
import type { EnrolmentConfig } from '../config';
import { DocumentStorage } from '../documents/storage/document-storage';

const DAY_MS = 86_400_000;

/** The cut-off (`$1`, an instant) as a day in Paris, for the business dates (seasons, validity). */
const PARIS_DAY = `($1::timestamptz AT TIME ZONE 'Europe/Paris')::date`;

/**
 * What enrolment deletes, and when (the README's retention table lists the same). Deleting an
 * application deletes its history and the list of what it attached (foreign keys ON DELETE
 * CASCADE); the documents themselves go after, with their bytes ({@link EnrolmentRetentionJob}).
 * Procedures hold no personal data; unfinished uploads go within the hour
 * (ExpiredUploadsCleaner).
 */
export function enrolmentRetentionRules(config: EnrolmentConfig): RetentionRule[] {
  return [
    {
      // a draft never sent: nobody decided anything on it
      table: 'applications',
      days: config.DRAFT_APPLICATIONS_RETENTION_DAYS,
      olderThan: `status = 'draft' AND updated_at < $1`,
    },
    {
      // a refusal or a withdrawal can be contested for a year at most (CE, Czabaj, 2016)
      table: 'applications',
      days: config.ENDED_APPLICATIONS_RETENTION_DAYS,
      olderThan: `status IN ('rejected', 'withdrawn') AND updated_at < $1`,
    },
    {
      // the season (`2025-2026`) ends on 31 August of its second year
      table: 'applications',
      days: config.PAST_SEASON_APPLICATIONS_RETENTION_DAYS,
      olderThan: `status <> 'draft' AND make_date(right(season, 4)::int, 8, 31) < ${PARIS_DAY}`,
    },
    {
      table: 'document_access_log',
      days: config.DOCUMENT_ACCESS_LOG_RETENTION_DAYS,
      olderThan: 'at < $1',
    },
  ];
}

/** Documents deleted per statement (their bytes are deleted one by one after it). */
const DOCUMENT_BATCH = 500;

/**
 * Enrolment's purge: the rules, then the supporting documents no application keeps any more
 * that the family deleted (hidden, kept only as evidence) or whose validity ended
 * EXPIRED_DOCUMENTS_RETENTION_DAYS ago, rows and bytes (whatever DOCUMENT_STORAGE is).
 */
export class EnrolmentRetentionJob extends RetentionJob {
  constructor(
    private readonly config: EnrolmentConfig,
    private readonly dataSource: DataSource,
    private readonly storage: DocumentStorage,
    private readonly logger: Logger,
    clock: Clock,
    metrics: MessagingMetrics,
  ) {
    super(
      {
        name: 'enrolment.retention',
        intervalMs: config.RETENTION_INTERVAL_MS,
        enabled: config.RETENTION_JOB_ENABLED,
        rules: enrolmentRetentionRules(config),
      },
      { dataSource, clock, logger, registry: metrics.registry },
    );
  }

  protected override async work(now: Date): Promise<number> {
    const rows = await super.work(now);
    return rows + (await this.deleteDocuments(now));
  }

  private async deleteDocuments(now: Date): Promise<number> {
    const cutOff = new Date(now.getTime() - this.config.EXPIRED_DOCUMENTS_RETENTION_DAYS * DAY_MS);
    let deleted = 0;
    for (;;) {
      // Locked rows are skipped: a family deleting or attaching one now decides its fate.
      const gone = await this.dataSource.query<Array<{ storage_key: string }>>(
        `WITH gone AS (
           DELETE FROM documents WHERE id IN (
             SELECT d.id FROM documents d
              WHERE (d.hidden_at IS NOT NULL OR d.valid_until < ${PARIS_DAY})
                AND NOT EXISTS (SELECT 1 FROM application_documents ad WHERE ad.document_id = d.id)
              LIMIT ${DOCUMENT_BATCH} FOR UPDATE SKIP LOCKED)
           RETURNING storage_key)
         SELECT storage_key FROM gone`,
        [cutOff],
      );
      // After the commit, as DeleteDocument does: bytes a failure leaves are never served.
      for (const { storage_key: storageKey } of gone) {
        await this.storage
          .delete(storageKey)
          .catch((error: unknown) =>
            this.logger.warn(
              { err: error, storageKey },
              'Retention: could not delete the bytes of a document',
            ),
          );
      }
      deleted += gone.length;
      if (gone.length < DOCUMENT_BATCH) break;
    }
    if (deleted) this.logger.info({ table: 'documents', deleted }, 'Retention: rows deleted');
    return deleted;
  }
}

/** Enrolment's purge, every RETENTION_INTERVAL_MS, once across replicas (`app.get(RetentionJob)`). */
export const enrolmentRetentionJob: FactoryProvider<RetentionJob> = {
  provide: RetentionJob,
  useFactory: (
    config: EnrolmentConfig,
    logger: Logger,
    dataSource: DataSource,
    clock: Clock,
    metrics: MessagingMetrics,
    storage: DocumentStorage,
  ) => new EnrolmentRetentionJob(config, dataSource, storage, logger, clock, metrics),
  inject: [SERVICE_CONFIG, SERVICE_LOGGER, DataSource, Clock, MessagingMetrics, DocumentStorage],
};
