import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import {
  CALLER_SIGNER,
  callerKeysFrom,
  natsAuthOptions,
  SERVICE_RUNTIME,
  type ServiceRuntime,
} from '@portail/service-kit';
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
        // Under `npm start` the launcher warns once about a NATS without credentials.
        const auth = natsAuthOptions(
          'gateway',
          config,
          process.env.PORTAIL_PARENT_PID ? undefined : new Logger('Nats'),
        );
        const connection = await connectGatewayNats(config.NATS_URL, auth);
        runtime.attachNats(() => connection);
        return connection;
      },
    },
    {
      // The gateway signs every request it forwards (who, subject, body, when, a unique id).
      provide: CALLER_SIGNER,
      inject: [GATEWAY_CONFIG],
      useFactory: (config: GatewayConfig) => {
        const keys = callerKeysFrom('gateway', config);
        if (!keys) {
          new Logger('Nats').warn(
            'Requests are not signed (development only): set CALLER_SIGNING_KEY and CALLER_PUBLIC_KEYS',
          );
        }
        return keys?.signer;
      },
    },
    ServiceClient,
  ],
  exports: [ServiceClient, NATS_CONNECTION, CALLER_SIGNER],
})
export class NatsModule implements OnApplicationShutdown {
  constructor(@Inject(NATS_CONNECTION) private readonly connection: NatsConnection) {}

  /** Runs after the HTTP server has closed, so in-flight requests got their replies first. */
  async onApplicationShutdown(): Promise<void> {
    if (!this.connection.isClosed()) await this.connection.drain();
  }
}
