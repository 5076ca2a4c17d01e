/** Reply to `<service>.health` over NATS. */
export interface ServiceHealth {
  service: string;
  status: 'up' | 'down';
  /** Applied migrations: tells an operator which schema a replica runs on. */
  migrations: number;
  uptimeSeconds: number;
  version: string;
}
