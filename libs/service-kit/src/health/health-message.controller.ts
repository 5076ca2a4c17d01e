import { Controller, Inject, type Type } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import type { ServiceHealth } from '@portail/contracts';
import { countAppliedMigrations } from '@portail/database';
import { SERVICE_RUNTIME, type ServiceRuntime } from './service-runtime';

/** Builds the controller answering `<service>.health` for one service (subjects are fixed at class definition). */
export function createHealthMessageController(service: string): Type {
  @Controller()
  class HealthMessageController {
    constructor(
      private readonly dataSource: DataSource,
      @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    ) {}

    /** Reads the migrations table, so the reply proves the database answers too. */
    @MessagePattern(`${service}.health`)
    async health(): Promise<ServiceHealth> {
      const migrations = await countAppliedMigrations(this.dataSource);
      return {
        service,
        status: 'up',
        migrations,
        uptimeSeconds: this.runtime.uptimeSeconds(),
        version: this.runtime.version,
      };
    }
  }
  return HealthMessageController;
}
