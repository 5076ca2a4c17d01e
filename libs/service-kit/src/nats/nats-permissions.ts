import { BACKEND_SERVICES, type ServiceName } from '@portail/contracts';
import { SERVICE_ONLY_SUBJECTS, subjectsCalledBy } from './service-access';

/** What the generated server configuration is made for (the services' own settings). */
export interface NatsPermissionOptions {
  /** NATS_SUBJECT_PREFIX of the deployment ('' by default). */
  subjectPrefix: string;
  /** EVENTS_STREAM. */
  stream: string;
  /** EVENTS_SUBJECT_PREFIX. */
  eventsPrefix: string;
}

/** The one event the gateway reads (RevokedSessions). */
const SESSIONS_REVOKED_EVENT = 'identity.account.sessions-revoked';

export const DEFAULT_NATS_PERMISSION_OPTIONS: NatsPermissionOptions = {
  subjectPrefix: '',
  stream: 'PORTAIL_EVENTS',
  eventsPrefix: 'events',
};

export interface NatsPermissions {
  publish: { allow: string[]; deny?: string[] };
  subscribe: { allow: string[] };
}

/** The inbox prefix of a service's connections: replies to it reach only its own user. */
export function inboxPrefixOf(service: string): string {
  return `_INBOX_${service}`;
}

/** The environment variable of the NATS server holding a service's password. */
export function passwordVariableOf(service: ServiceName): string {
  return `${service.toUpperCase()}_NATS_PASSWORD`;
}

/**
 * What one service may publish and subscribe to: the subjects it serves (subscribe) and
 * calls (publish), replies to what it received (allow_responses), its own inbox, its own
 * events and the JetStream API of the events stream (its durable consumers, acks).
 */
export function natsPermissionsOf(
  service: ServiceName,
  options: NatsPermissionOptions = DEFAULT_NATS_PERMISSION_OPTIONS,
): NatsPermissions {
  const { subjectPrefix: p, stream, eventsPrefix } = options;
  const inbox = `${inboxPrefixOf(service)}.>`;
  if (service === 'gateway') {
    const kv = `KV_${stream}_RATE_LIMITS`;
    return {
      publish: {
        allow: [
          ...BACKEND_SERVICES.map((backend) => `${p}${backend}.>`),
          '$JS.API.INFO',
          `$JS.API.STREAM.INFO.${stream}`,
          // Its ordered consumer of ended sessions only: no other event is readable.
          `$JS.API.CONSUMER.CREATE.${stream}.*.${eventsPrefix}.${SESSIONS_REVOKED_EVENT}`,
          `$JS.API.CONSUMER.INFO.${stream}.*`,
          `$JS.API.CONSUMER.DELETE.${stream}.*`,
          `$JS.API.CONSUMER.MSG.NEXT.${stream}.*`,
          // The shared rate-limit counters (a key-value bucket).
          `$JS.API.STREAM.CREATE.${kv}`,
          `$JS.API.STREAM.UPDATE.${kv}`,
          `$JS.API.STREAM.INFO.${kv}`,
          `$JS.API.STREAM.MSG.GET.${kv}`,
          `$JS.API.DIRECT.GET.${kv}.>`,
          `$JS.API.CONSUMER.CREATE.${kv}.>`,
          `$JS.API.CONSUMER.INFO.${kv}.*`,
          `$JS.API.CONSUMER.DELETE.${kv}.*`,
          `$KV.${stream}_RATE_LIMITS.>`,
        ],
        deny: [
          ...Object.keys(SERVICE_ONLY_SUBJECTS)
            .sort()
            .map((subject) => `${p}${subject}`),
          `${p}*.dead-letters.>`,
        ],
      },
      subscribe: { allow: [inbox] },
    };
  }
  return {
    publish: {
      allow: [
        ...subjectsCalledBy(service).map((subject) => `${p}${subject}`),
        // Its own command line (main.js dead-letters) runs as the service.
        `${p}${service}.dead-letters.>`,
        `${eventsPrefix}.${service}.>`,
        '$JS.API.INFO',
        `$JS.API.STREAM.INFO.${stream}`,
        `$JS.API.STREAM.CREATE.${stream}`,
        `$JS.API.STREAM.UPDATE.${stream}`,
        // Its own durable consumers only (`<service>-from-<producer>`, README "Domain events").
        ...BACKEND_SERVICES.flatMap((producer) => {
          const consumer = `${service}-from-${producer}`;
          return [
            `$JS.API.CONSUMER.INFO.${stream}.${consumer}`,
            `$JS.API.CONSUMER.CREATE.${stream}.${consumer}.${eventsPrefix}.${producer}.>`,
            `$JS.API.CONSUMER.MSG.NEXT.${stream}.${consumer}`,
            `$JS.ACK.${stream}.${consumer}.>`,
          ];
        }),
      ],
    },
    subscribe: { allow: [`${p}${service}.>`, inbox] },
  };
}

const quote = (value: string) => JSON.stringify(value);

function list(values: string[], indent: string): string {
  return `[\n${values.map((value) => `${indent}  ${quote(value)}`).join(',\n')}\n${indent}]`;
}

/**
 * deploy/nats/nats-server.conf: one user per service with its permissions; no anonymous user.
 * Passwords are read from the server's environment (`$IDENTITY_NATS_PASSWORD`…), never written.
 */
export function natsServerConfig(
  options: NatsPermissionOptions = DEFAULT_NATS_PERMISSION_OPTIONS,
): string {
  const users = (['gateway', ...BACKEND_SERVICES] as ServiceName[]).map((service) => {
    const permissions = natsPermissionsOf(service, options);
    const deny = permissions.publish.deny
      ? `,\n          deny: ${list(permissions.publish.deny, '          ')}`
      : '';
    return [
      '    {',
      `      user: ${quote(service)}`,
      `      password: $${passwordVariableOf(service)}`,
      '      permissions: {',
      '        publish: {',
      `          allow: ${list(permissions.publish.allow, '          ')}${deny}`,
      '        }',
      `        subscribe: { allow: ${list(permissions.subscribe.allow, '        ')} }`,
      '        allow_responses: true',
      '      }',
      '    }',
    ].join('\n');
  });
  return [
    '# Generated by `npm run nats:config` from libs/service-kit/src/nats/service-access.ts',
    '# (who serves and calls what) and nats-permissions.ts: do not edit by hand.',
    `# Made for NATS_SUBJECT_PREFIX=${quote(options.subjectPrefix)}, EVENTS_STREAM=${options.stream},`,
    `# EVENTS_SUBJECT_PREFIX=${options.eventsPrefix}. Each service connects as its own user; the`,
    '# passwords come from the server environment (GATEWAY_NATS_PASSWORD, IDENTITY_NATS_PASSWORD…),',
    '# never from this file. There is no anonymous user: a connection without credentials is refused.',
    '',
    'authorization {',
    '  users = [',
    users.join(',\n'),
    '  ]',
    '}',
    '',
  ].join('\n');
}
