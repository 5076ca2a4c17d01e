import { Controller, Get, Inject, SetMetadata } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  TypeOrmHealthIndicator,
  type HealthIndicatorFunction,
} from '@nestjs/terminus';
import { NatsHealthIndicator } from './nats.health-indicator';
import { SERVICE_RUNTIME, type ServiceRuntime } from './service-runtime';

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/** Metadata of routes open without a token; the gateway's auth guard reads it. */
export const PUBLIC_ROUTE = 'portail:public-route';

/** Liveness and readiness probes on the service's own HTTP port (Kubernetes, compose). */
@ApiExcludeController()
@SetMetadata(PUBLIC_ROUTE, true)
@Controller('health')
export class ProbeController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly nats: NatsHealthIndicator,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(READINESS_CHECKS) private readonly extraChecks: HealthIndicatorFunction[],
  ) {}

  /** Alive while the event loop answers: no dependency is checked, so a database outage never restarts pods. */
  @Get('live')
  live() {
    return {
      status: 'ok',
      service: this.runtime.service,
      uptimeSeconds: this.runtime.uptimeSeconds(),
    };
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.nats.stopping(),
      () => this.nats.check(),
      ...this.extraChecks,
    ]);
  }
}

/** Readiness checks of a service with a database. */
export function databaseReadinessChecks(db: TypeOrmHealthIndicator): HealthIndicatorFunction[] {
  return [() => db.pingCheck('database', { timeout: 1500 })];
}
