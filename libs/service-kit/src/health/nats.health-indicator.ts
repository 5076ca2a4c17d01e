import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { SERVICE_RUNTIME, type ServiceRuntime } from './service-runtime';

@Injectable()
export class NatsHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  check() {
    const session = this.indicators.check('nats');
    const state = this.runtime.natsState();
    return state === 'connected' ? session.up() : session.down({ state });
  }

  stopping() {
    const session = this.indicators.check('lifecycle');
    return this.runtime.isStopping ? session.down({ state: 'stopping' }) : session.up();
  }
}
