import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_LOGGER, type Logger } from '@portail/logging';
import { MessagingMetrics } from '@portail/messaging';
import { Clock, RetentionJob, SERVICE_CONFIG, type RetentionRule } from '@portail/service-kit';
import type { NotificationConfig } from '../config';

/**
 * What notification deletes, and when (the README's retention table lists the same). A sent
 * message's body is already blanked once delivered; the row (recipient, subject) goes later.
 * Preferences live with the account; `closed_accounts` holds ids only.
 */
export function notificationRetentionRules(config: NotificationConfig): RetentionRule[] {
  return [
    {
      table: 'outgoing_messages',
      days: config.OUTGOING_MESSAGES_RETENTION_DAYS,
      olderThan: `status IN ('sent', 'failed', 'cancelled') AND created_at < $1`,
    },
    {
      table: 'notifications',
      days: config.NOTIFICATIONS_RETENTION_DAYS,
      olderThan: 'created_at < $1',
    },
  ];
}

/** Notification's purge, every RETENTION_INTERVAL_MS, once across replicas. */
@Injectable()
export class NotificationRetentionJob extends RetentionJob {
  static readonly NAME = 'notification.retention';

  constructor(
    @Inject(SERVICE_CONFIG) config: NotificationConfig,
    @Inject(SERVICE_LOGGER) logger: Logger,
    dataSource: DataSource,
    clock: Clock,
    metrics: MessagingMetrics,
  ) {
    super(
      {
        name: NotificationRetentionJob.NAME,
        intervalMs: config.RETENTION_INTERVAL_MS,
        enabled: config.RETENTION_JOB_ENABLED,
        rules: notificationRetentionRules(config),
      },
      { dataSource, clock, logger, registry: metrics.registry },
    );
  }
}
