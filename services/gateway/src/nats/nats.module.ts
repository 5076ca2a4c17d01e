import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@portail/service-kit';
import type { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import { connectGatewayNats, NATS_CONNECTION } from './nats-connection';
import { ServiceClient } from './service-client';

@Global()
@Module({
  providers: [
    {
      provide: NATS_CONNECTION,
      inject: [GATEWAY_CONFIG, SERVICE_RUNTIME],
      useFactory: async (config: GatewayConfig, runtime: ServiceRuntime) => {
        const connection = await connectGatewayNats(config.NATS_URL);
        runtime.attachNats(() => connection);
        return connection;
      },
    },
    ServiceClient,
  ],
  exports: [ServiceClient, NATS_CONNECTION],
})
export class NatsModule implements OnApplicationShutdown {
  constructor(@Inject(NATS_CONNECTION) private readonly connection: NatsConnection) {}

  /** Runs after the HTTP server has closed, so in-flight requests got their replies first. */
  async onApplicationShutdown(): Promise<void> {
    if (!this.connection.isClosed()) await this.connection.drain();
  }
}
