/** The back-end services that the gateway talks to over NATS; each owns one PostgreSQL database. */
export const BACKEND_SERVICES = [
  'identity',
  'content',
  'enrolment',
  'reservation',
  'billing',
  'notification',
] as const;

export type BackendServiceName = (typeof BACKEND_SERVICES)[number];
export type ServiceName = 'gateway' | BackendServiceName;

export const ALL_SERVICES: readonly ServiceName[] = ['gateway', ...BACKEND_SERVICES];

/** Default HTTP port of each service (liveness/readiness; the gateway also serves the API there). */
export const DEFAULT_HTTP_PORTS: Readonly<Record<ServiceName, number>> = {
  gateway: 3000,
  identity: 3101,
  content: 3102,
  enrolment: 3103,
  reservation: 3104,
  billing: 3105,
  notification: 3106,
};

export function databaseNameOf(service: BackendServiceName): string {
  return `portail_${service}`;
}

export function isBackendService(name: string): name is BackendServiceName {
  return (BACKEND_SERVICES as readonly string[]).includes(name);
}
