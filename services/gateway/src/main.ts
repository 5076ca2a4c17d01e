import 'reflect-metadata';
import { loadConfig } from '@portail/config';
import { exitOnStartupError, runMain } from '@portail/service-kit';
import { gatewayEnvSchema, type GatewayConfig } from './config';
import { startGateway } from './start-gateway';

let config: GatewayConfig;
try {
  config = loadConfig('gateway', gatewayEnvSchema);
} catch (error) {
  exitOnStartupError(error);
}
runMain(
  () => startGateway(config),
  () => config.SHUTDOWN_TIMEOUT_MS,
);
