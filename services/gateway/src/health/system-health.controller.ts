import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  BACKEND_SERVICES,
  CommonErrorCode,
  ServiceStatus,
  Subjects,
  SystemHealth,
  type BackendServiceName,
} from '@portail/contracts';
import { ServiceCallException } from '../nats/service-call.exception';
import { Public } from '../auth/auth.decorators';
import { ServiceClient } from '../nats/service-client';

@ApiTags('health')
@ApiExtraModels(ServiceStatus)
@Public()
@Controller('health')
export class SystemHealthController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({
    summary: 'State of every back-end service',
    description: 'Asks each service over NATS; 503 when one is down.',
  })
  @ApiResponse({ status: 200, type: SystemHealth, description: 'Every service is up.' })
  // Not a problem+json: the same report as the 200, with the services that are down.
  @ApiResponse({
    status: 503,
    description: 'At least one service is down.',
    content: {
      'application/json': {
        schema: { $ref: getSchemaPath(SystemHealth) },
        example: {
          status: 'down',
          services: {
            identity: { status: 'up', latencyMs: 3, migrations: 2 },
            billing: {
              status: 'down',
              latencyMs: 1,
              error: CommonErrorCode.SERVICE_UNAVAILABLE,
            },
          },
        } satisfies SystemHealth,
      },
    },
  })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<SystemHealth> {
    const entries = await Promise.all(
      BACKEND_SERVICES.map(async (service) => [service, await this.probe(service)] as const),
    );
    const services = Object.fromEntries(entries);
    const status = entries.every(([, s]) => s.status === 'up') ? 'up' : 'down';
    void reply.status(status === 'up' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status, services };
  }

  private async probe(service: BackendServiceName): Promise<ServiceStatus> {
    const started = performance.now();
    const latency = () => Math.round((performance.now() - started) * 10) / 10;
    try {
      const health = await this.services.request(Subjects.health(service), {});
      return { status: 'up', latencyMs: latency(), migrations: health.migrations };
    } catch (error) {
      const code =
        error instanceof ServiceCallException ? error.envelope.code : CommonErrorCode.INTERNAL;
      return { status: 'down', latencyMs: latency(), error: code };
    }
  }
}
