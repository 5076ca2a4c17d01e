import { loadConfig } from '@portail/config';
import type { BackendServiceName } from '@portail/contracts';
import { TestSystem, type BackendUnderTest, type GatewayUnderTest } from '@portail/testing';
import { billingEnvSchema } from '../../services/billing/src/config';
import { billingService } from '../../services/billing/src/billing.service';
import { contentEnvSchema } from '../../services/content/src/config';
import { contentService } from '../../services/content/src/content.service';
import { enrolmentEnvSchema } from '../../services/enrolment/src/config';
import { enrolmentService } from '../../services/enrolment/src/enrolment.service';
import { gatewayEnvSchema } from '../../services/gateway/src/config';
import { startGateway } from '../../services/gateway/src/start-gateway';
import { identityEnvSchema } from '../../services/identity/src/config';
import { identityService } from '../../services/identity/src/identity.service';
import { notificationEnvSchema } from '../../services/notification/src/config';
import { notificationService } from '../../services/notification/src/notification.service';
import { reservationEnvSchema } from '../../services/reservation/src/config';
import { reservationService } from '../../services/reservation/src/reservation.service';

/** Every back-end service as the harness boots it: its definition and its own config schema. */
export const backends: Record<BackendServiceName, BackendUnderTest> = {
  identity: { definition: identityService, schema: identityEnvSchema },
  content: { definition: contentService, schema: contentEnvSchema },
  enrolment: { definition: enrolmentService, schema: enrolmentEnvSchema },
  reservation: { definition: reservationService, schema: reservationEnvSchema },
  billing: { definition: billingService, schema: billingEnvSchema },
  notification: { definition: notificationService, schema: notificationEnvSchema },
};

export const gateway: GatewayUnderTest = {
  start: (env, options) => startGateway(loadConfig('gateway', gatewayEnvSchema, env), options),
};

/** The gateway and the named back-end services, in this process, on real NATS and PostgreSQL. */
export function startSystem(
  names: BackendServiceName[],
  env: NodeJS.ProcessEnv = {},
): Promise<TestSystem> {
  return TestSystem.start({ backends: names.map((name) => backends[name]), gateway, env });
}
