/**
 * `npm run nats:config`: writes deploy/nats/nats-server.conf (one NATS user per service, with
 * the permissions of what it serves and calls) from the declaration in
 * libs/service-kit/src/nats/service-access.ts. test/security/nats-permissions.spec.ts checks
 * that the committed file is what this generates.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { natsServerConfig } from '@portail/service-kit';

export const NATS_CONFIG_PATH = join(__dirname, '../../deploy/nats/nats-server.conf');

if (require.main === module) {
  writeFileSync(NATS_CONFIG_PATH, natsServerConfig());
  process.stdout.write(`Wrote ${NATS_CONFIG_PATH}\n`);
}
