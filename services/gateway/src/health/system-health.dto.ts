import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ServiceStatusDto {
  @ApiProperty({ enum: ['up', 'down'] })
  status!: 'up' | 'down';

  @ApiProperty({
    description: 'Round trip gateway → service → gateway, in milliseconds.',
    example: 3,
  })
  latencyMs!: number;

  @ApiPropertyOptional({ description: 'Applied database migrations.' })
  migrations?: number;

  @ApiPropertyOptional({ description: 'Why the service is down.', example: 'SERVICE_UNAVAILABLE' })
  error?: string;
}

export class SystemHealthDto {
  @ApiProperty({ enum: ['up', 'down'], description: 'down when any service is down.' })
  status!: 'up' | 'down';

  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/ServiceStatusDto' },
    example: { identity: { status: 'up', latencyMs: 3, migrations: 1 } },
  })
  services!: Record<string, ServiceStatusDto>;
}
