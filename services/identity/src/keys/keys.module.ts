import { Logger, Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '@portail/service-kit';
import type { IdentityConfig } from '../config';
import { AccessTokenIssuer } from './access-token.issuer';
import { KeysController } from './keys.controller';
import { loadSigningKeys, SIGNING_KEYS } from './signing-keys';

@Module({
  controllers: [KeysController],
  providers: [
    {
      provide: SIGNING_KEYS,
      useFactory: (config: IdentityConfig) =>
        loadSigningKeys(config, (message) => new Logger('SigningKeys').warn(message)),
      inject: [SERVICE_CONFIG],
    },
    AccessTokenIssuer,
  ],
  exports: [AccessTokenIssuer, SIGNING_KEYS],
})
export class KeysModule {}
