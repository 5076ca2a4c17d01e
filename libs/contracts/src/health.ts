import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { BACKEND_SERVICES } from './services';
import { CommonErrorCode, type ErrorCode } from './errors';

export const HEALTH_STATUSES = ['up', 'down'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

const MIGRATIONS = 'Applied database migrations: tells an operator which schema a replica runs on.';

/** Reply to `<service>.health` over NATS (declared in `RequestReplies`, ./requests.ts). */
export class ServiceHealth {
  @ApiProperty({ enum: BACKEND_SERVICES, example: 'identity' })
  service!: string;

  @ApiProperty({ enum: HEALTH_STATUSES })
  status!: HealthStatus;

  @ApiProperty({ description: MIGRATIONS, example: 2 })
  migrations!: number;

  @ApiProperty({ description: 'Seconds since the process started.', example: 86400 })
  uptimeSeconds!: number;

  @ApiProperty({ example: '1.4.0' })
  version!: string;
}

/** One service as the gateway's `GET /health` sees it, from a `<service>.health` round trip. */
export class ServiceStatus {
  @ApiProperty({ enum: HEALTH_STATUSES })
  status!: HealthStatus;

  @ApiProperty({
    description: 'Round trip gateway → service → gateway, in milliseconds.',
    example: 3,
  })
  latencyMs!: number;

  @ApiPropertyOptional({ description: `${MIGRATIONS} Absent when the service is down.` })
  migrations?: number;

  // `type` spelled out: the reflected type of a union of enums is Object.
  @ApiPropertyOptional({
    type: String,
    description: 'Why the service is down: the error code of the round trip.',
    example: CommonErrorCode.SERVICE_UNAVAILABLE,
  })
  error?: ErrorCode;
}

/** The gateway's `GET /health`: every back-end service, `down` as soon as one is. */
export class SystemHealth {
  @ApiProperty({ enum: HEALTH_STATUSES, description: 'down when any service is down.' })
  status!: HealthStatus;

  @ApiProperty({
    type: 'object',
    description: 'Each back-end service by name.',
    additionalProperties: { $ref: getSchemaPath(ServiceStatus) },
    example: { identity: { status: 'up', latencyMs: 3, migrations: 2 } },
  })
  services!: Record<string, ServiceStatus>;
}
