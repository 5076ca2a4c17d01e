import { spawnSync } from 'child_process';
import { createPrivateKey } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import {
  BACKEND_SERVICES,
  HTTP_PORTS,
  isMapping,
  mapping,
  ROOT,
  sequence,
  SERVICES,
  SHUTDOWN_TIMEOUT_MS_DEFAULT,
  text,
  type Mapping,
  type ServiceName,
} from './deploy-support';

/**
 * Static checks of docker-compose.yml, deploy/Dockerfile and .dockerignore: no Docker
 * engine is needed, the files are parsed and their content is checked.
 */

/** A command or health check test, as a list of words (string form split on blanks). */
function words(value: unknown, what: string): string[] {
  if (typeof value === 'string') {
    return value.split(/\s+/).filter((word) => word.length > 0);
  }
  return sequence(value, what).map((word, index) => text(word, `${what}[${index}]`));
}

/** Go-style durations used by compose: "30s", "1m30s", "500ms". */
function durationMs(value: unknown, what: string): number {
  const raw = text(value, what);
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001 };
  const parts = [...raw.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== raw) {
    throw new Error(`${what} is not a duration: ${raw}`);
  }
  return parts.reduce((total, part) => total + Number(part[1]) * units[part[2]], 0);
}

// ---------------------------------------------------------------------------
// docker-compose.yml
// ---------------------------------------------------------------------------

/**
 * Compose interpolation with the defaults written in the file, whatever the environment
 * of the test run: `${VAR:-default}` and `${VAR-default}` give the default, `$$` a `$`.
 */
function interpolate(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.replace(
      /\$\$|\$\{(\w+)(?::?-([^}]*))?\}/g,
      (match: string, name?: string, fallback?: string) => {
        if (match === '$$') {
          return '$';
        }
        if (fallback === undefined) {
          throw new Error(`\${${name ?? ''}} has no default value in docker-compose.yml`);
        }
        return fallback;
      },
    );
  }
  if (Array.isArray(value)) {
    return value.map(interpolate);
  }
  if (isMapping(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, entry]) => [key, interpolate(entry)]),
    );
  }
  return value;
}

function loadCompose(): Mapping {
  const source = fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
  const parsed: unknown = parse(source, { merge: true });
  return mapping(interpolate(parsed), 'docker-compose.yml');
}

const compose = loadCompose();
const composeServices = mapping(compose.services, 'services');

function service(name: string): Mapping {
  return mapping(composeServices[name], `services.${name}`);
}

function environment(name: string): Record<string, string> {
  const env = service(name).environment;
  const result: Record<string, string> = {};
  if (env === undefined) {
    return result;
  }
  if (Array.isArray(env)) {
    for (const entry of env) {
      const [key, ...rest] = text(entry, `services.${name}.environment[]`).split('=');
      result[key] = rest.join('=');
    }
    return result;
  }
  for (const [key, value] of Object.entries(mapping(env, `services.${name}.environment`))) {
    result[key] = value === null ? '' : text(value, `services.${name}.environment.${key}`);
  }
  return result;
}

function dependsOn(name: string): Record<string, string | undefined> {
  const raw = service(name).depends_on;
  const result: Record<string, string | undefined> = {};
  if (raw === undefined) {
    return result;
  }
  if (Array.isArray(raw)) {
    for (const dependency of raw) {
      result[text(dependency, `services.${name}.depends_on[]`)] = undefined;
    }
    return result;
  }
  for (const [dependency, spec] of Object.entries(mapping(raw, `services.${name}.depends_on`))) {
    result[dependency] =
      isMapping(spec) && typeof spec.condition === 'string' ? spec.condition : undefined;
  }
  return result;
}

interface PortMapping {
  hostIp?: string;
  published: number;
  target: number;
}

function publishedPorts(name: string): PortMapping[] {
  const raw = service(name).ports;
  if (raw === undefined) {
    return [];
  }
  return sequence(raw, `services.${name}.ports`).map((entry, index) => {
    const what = `services.${name}.ports[${index}]`;
    if (isMapping(entry)) {
      return {
        hostIp: typeof entry.host_ip === 'string' ? entry.host_ip : undefined,
        published: Number(text(entry.published, `${what}.published`)),
        target: Number(text(entry.target, `${what}.target`)),
      };
    }
    const parts = text(entry, what)
      .replace(/\/(tcp|udp)$/, '')
      .split(':');
    if (parts.length < 2) {
      throw new Error(`${what} does not publish the port on the host: ${parts.join(':')}`);
    }
    const target = Number(parts[parts.length - 1]);
    const published = Number(parts[parts.length - 2]);
    const hostIp = parts.length > 2 ? parts.slice(0, -2).join(':') : undefined;
    return { hostIp, published, target };
  });
}

interface VolumeMount {
  source: string;
  target: string;
  readOnly: boolean;
}

function volumeMounts(name: string): VolumeMount[] {
  const raw = service(name).volumes;
  if (raw === undefined) {
    return [];
  }
  return sequence(raw, `services.${name}.volumes`).map((entry, index) => {
    const what = `services.${name}.volumes[${index}]`;
    if (isMapping(entry)) {
      return {
        source: text(entry.source, `${what}.source`),
        target: text(entry.target, `${what}.target`),
        readOnly: entry.read_only === true,
      };
    }
    const [source, target, options = ''] = text(entry, what).split(':');
    return { source, target, readOnly: options.split(',').includes('ro') };
  });
}

function isBindMount(mount: VolumeMount): boolean {
  return (
    mount.source.startsWith('.') || mount.source.startsWith('/') || mount.source.startsWith('~')
  );
}

function optionalStrings(value: unknown): string[] {
  return value === undefined
    ? []
    : sequence(value, 'list').map((entry, index) => text(entry, `list[${index}]`));
}

function declaredVolumes(): string[] {
  return compose.volumes === undefined ? [] : Object.keys(mapping(compose.volumes, 'volumes'));
}

function healthcheckTest(name: string): string {
  const healthcheck = mapping(service(name).healthcheck, `services.${name}.healthcheck`);
  return words(healthcheck.test, `services.${name}.healthcheck.test`).join(' ');
}

function entryPoint(name: ServiceName): string {
  return `dist/services/${name}/src/main.js`;
}

function shutdownTimeoutMs(name: string): number {
  const configured = environment(name).SHUTDOWN_TIMEOUT_MS;
  return configured === undefined ? SHUTDOWN_TIMEOUT_MS_DEFAULT : Number(configured);
}

describe('docker-compose.yml', () => {
  describe('infrastructure', () => {
    it('runs NATS with JetStream storing on a named volume and a /healthz check on port 8222', () => {
      const nats = service('nats');
      const command = words(nats.command, 'services.nats.command');
      expect(command.some((word) => word === '-js' || word === '--jetstream')).toBe(true);

      const storeFlag = command.findIndex((word) => word === '-sd' || word === '--store_dir');
      expect(storeFlag).toBeGreaterThanOrEqual(0);
      const storeDir = command[storeFlag + 1];
      const storeMount = volumeMounts('nats').find(
        (mount) => storeDir === mount.target || storeDir.startsWith(`${mount.target}/`),
      );
      expect(storeMount).toBeDefined();
      expect(storeMount !== undefined && isBindMount(storeMount)).toBe(false);
      expect(declaredVolumes()).toContain(storeMount?.source);

      const monitorFlag = command.findIndex((word) => word === '-m' || word === '--http_port');
      expect(command[monitorFlag + 1]).toBe('8222');
      expect(healthcheckTest('nats')).toMatch(/:8222\/healthz\b/);
    });

    it('runs PostgreSQL on a named volume with a pg_isready health check', () => {
      const dataMount = volumeMounts('postgres').find((mount) =>
        mount.target.startsWith('/var/lib/postgresql'),
      );
      expect(dataMount).toBeDefined();
      expect(dataMount !== undefined && isBindMount(dataMount)).toBe(false);
      expect(declaredVolumes()).toContain(dataMount?.source);
      expect(healthcheckTest('postgres')).toContain('pg_isready');
    });

    it('mounts an init script in PostgreSQL that creates the database of every back-end service', () => {
      const initMounts = volumeMounts('postgres').filter((mount) =>
        mount.target.startsWith('/docker-entrypoint-initdb.d'),
      );
      expect(initMounts).toHaveLength(1);
      const [initMount] = initMounts;
      expect(isBindMount(initMount)).toBe(true);
      const script = fs.readFileSync(path.resolve(ROOT, initMount.source), 'utf8');
      for (const name of BACKEND_SERVICES) {
        expect(script).toMatch(new RegExp(`CREATE DATABASE\\s+"?portail_${name}"?`, 'i'));
      }
    });

    it('runs Mailpit with SMTP on 1025 and its web UI published on 8025', () => {
      const mailpit = service('mailpit');
      expect(text(mailpit.image, 'services.mailpit.image')).toMatch(/mailpit/);
      expect(publishedPorts('mailpit')).toContainEqual(
        expect.objectContaining({ published: 8025, target: 8025 }),
      );
      expect(mailpit.healthcheck).toBeDefined();
    });

    it('declares every named volume it uses', () => {
      for (const name of Object.keys(composeServices)) {
        for (const mount of volumeMounts(name).filter((candidate) => !isBindMount(candidate))) {
          expect(declaredVolumes()).toContain(mount.source);
        }
      }
    });
  });

  describe.each(SERVICES)('service %s', (name) => {
    const port = HTTP_PORTS[name];

    it('is built from deploy/Dockerfile with the repository as context', () => {
      const build = service(name).build;
      const context =
        typeof build === 'string' ? build : text(mapping(build, 'build').context, 'build.context');
      const dockerfile =
        isMapping(build) && build.dockerfile !== undefined
          ? text(build.dockerfile, 'build.dockerfile')
          : 'Dockerfile';
      expect(path.resolve(ROOT, context)).toBe(ROOT);
      expect(path.resolve(ROOT, context, dockerfile)).toBe(path.join(ROOT, 'deploy', 'Dockerfile'));
    });

    it('runs its own entry point, not the migrations', () => {
      const command = words(service(name).command, `services.${name}.command`);
      expect(command).toEqual(['node', entryPoint(name)]);
    });

    it(`listens on HTTP_PORT ${port}`, () => {
      expect(environment(name).HTTP_PORT).toBe(String(port));
    });

    it('has a health check fetching its own /health/ready', () => {
      const test = healthcheckTest(name);
      expect(test).toMatch(new RegExp(`//(127\\.0\\.0\\.1|localhost):${port}/health/ready\\b`));
      expect(test).toMatch(/^CMD node -e /);
    });

    it('connects to the compose NATS and has the shared settings', () => {
      const env = environment(name);
      expect(env.NATS_URL).toBe('nats://nats:4222');
      expect(env.LOG_LEVEL).toBeDefined();
      expect(env.NODE_ENV).toBeDefined();
      expect(env.SHUTDOWN_TIMEOUT_MS).toBeDefined();
    });

    it('has a restart policy', () => {
      expect(['always', 'unless-stopped', 'on-failure']).toContain(service(name).restart);
    });

    it('is given more time to stop than its SHUTDOWN_TIMEOUT_MS', () => {
      const grace = durationMs(
        service(name).stop_grace_period,
        `services.${name}.stop_grace_period`,
      );
      expect(grace).toBeGreaterThan(shutdownTimeoutMs(name));
    });

    if (name === 'gateway') {
      it('waits for NATS and every back-end service to be healthy', () => {
        const dependencies = dependsOn(name);
        for (const backend of BACKEND_SERVICES) {
          expect(dependencies[backend]).toBe('service_healthy');
        }
        expect(dependencies.nats).toBe('service_healthy');
      });

      it('publishes port 3000 and has no database', () => {
        expect(publishedPorts(name)).toContainEqual(
          expect.objectContaining({ published: 3000, target: 3000 }),
        );
        expect(environment(name).DATABASE_URL).toBeUndefined();
      });

      it('sets the gateway settings', () => {
        const env = environment(name);
        expect(Number(env.SERVICE_TIMEOUT_MS)).toBeGreaterThan(0);
        expect(Number(env.RATE_LIMIT_PER_MINUTE)).toBeGreaterThan(0);
        expect(Number(env.AUTH_RATE_LIMIT_PER_MINUTE)).toBeGreaterThan(0);
        expect(env.CORS_ORIGINS).toMatch(/^https?:\/\//);
      });

      it('trusts no X-Forwarded-For, being published directly', () => {
        expect(environment(name).TRUST_PROXY).toBe('');
      });
    } else {
      it('waits for NATS and PostgreSQL to be healthy', () => {
        const dependencies = dependsOn(name);
        expect(dependencies.nats).toBe('service_healthy');
        expect(dependencies.postgres).toBe('service_healthy');
      });

      it(`uses its own database portail_${name} on the compose PostgreSQL`, () => {
        const url = new URL(environment(name).DATABASE_URL);
        expect(url.protocol).toMatch(/^postgres(ql)?:$/);
        expect(url.hostname).toBe('postgres');
        expect(url.pathname).toBe(`/portail_${name}`);
      });

      it('runs its migrations at start-up and has a pool size', () => {
        const env = environment(name);
        expect(env.RUN_MIGRATIONS).toBe('true');
        expect(Number(env.DATABASE_POOL_SIZE)).toBeGreaterThan(0);
      });

      it('is not published on the host (only the gateway is)', () => {
        expect(publishedPorts(name)).toEqual([]);
      });
    }

    if (name === 'notification') {
      it('sends its e-mails to Mailpit and waits for it', () => {
        const env = environment(name);
        const smtp = new URL(env.SMTP_URL);
        expect(smtp.protocol).toBe('smtp:');
        expect(smtp.hostname).toBe('mailpit');
        expect(smtp.port).toBe('1025');
        expect(env.MAIL_FROM).toMatch(/@/);
        expect(dependsOn(name).mailpit).toBe('service_healthy');
      });
    }
  });
});

// ---------------------------------------------------------------------------
// docker-compose.yml: what is reachable, and with which database rights
// ---------------------------------------------------------------------------

/** The init script mounted in the compose PostgreSQL, without its comments. */
function postgresInitScript(): string {
  const [initMount] = volumeMounts('postgres').filter((mount) =>
    mount.target.startsWith('/docker-entrypoint-initdb.d'),
  );
  return fs
    .readFileSync(path.resolve(ROOT, initMount.source), 'utf8')
    .replace(/--.*$/gm, '')
    .replace(/\s+/g, ' ');
}

/** The statements of the init script that name a role or database, as written. */
function statementsAbout(script: string, name: string): string[] {
  return script
    .split(';')
    .map((statement) => statement.trim())
    .filter((statement) => new RegExp(`\\b"?${name}"?(\\b|$)`).test(statement));
}

describe('docker-compose.yml exposure', () => {
  it('publishes the Mailpit web UI on 127.0.0.1 only, and not its SMTP port', () => {
    const ports = publishedPorts('mailpit');
    expect(ports).toContainEqual({ hostIp: '127.0.0.1', published: 8025, target: 8025 });
    expect(ports.filter((port) => port.hostIp !== '127.0.0.1')).toEqual([]);
    expect(ports.filter((port) => port.target === 1025)).toEqual([]);
  });

  it('publishes NATS and PostgreSQL on 127.0.0.1 only', () => {
    for (const name of ['nats', 'postgres']) {
      const ports = publishedPorts(name);
      expect({ name, open: ports.filter((port) => port.hostIp !== '127.0.0.1') }).toEqual({
        name,
        open: [],
      });
    }
  });

  it('still lets notification reach Mailpit SMTP over the compose network', () => {
    expect(new URL(environment('notification').SMTP_URL).host).toBe('mailpit:1025');
  });
});

describe('docker-compose.yml database roles', () => {
  const script = postgresInitScript();
  const admin = environment('postgres').POSTGRES_USER;

  it('gives every back-end service its own role, none of them the administrator', () => {
    const users = BACKEND_SERVICES.map((name) => new URL(environment(name).DATABASE_URL).username);
    expect(users).toEqual(BACKEND_SERVICES.map((name) => `portail_${name}`));
    expect(new Set(users).size).toBe(users.length);
    expect(users).not.toContain(admin);
    expect(admin).toBeDefined();
  });

  it.each(BACKEND_SERVICES)(
    'creates the login role of %s with the password of its DATABASE_URL, and no other power',
    (name) => {
      const url = new URL(environment(name).DATABASE_URL);
      const role = decodeURIComponent(url.username);
      const creates = statementsAbout(script, role).filter((statement) =>
        /^CREATE (ROLE|USER)\b/i.test(statement),
      );
      expect(creates).toHaveLength(1);
      const [create] = creates;
      expect(create).toMatch(/\bLOGIN\b/i);
      expect(create).toContain(`PASSWORD '${decodeURIComponent(url.password)}'`);
      for (const power of ['SUPERUSER', 'CREATEDB', 'CREATEROLE', 'BYPASSRLS', 'REPLICATION']) {
        expect({ power, granted: new RegExp(`(^|[^O])\\b${power}\\b`, 'i').test(create) }).toEqual({
          power,
          granted: false,
        });
      }
    },
  );

  it.each(BACKEND_SERVICES)(
    'makes that role the owner of portail_%s and lets no one else connect to it',
    (name) => {
      const database = `portail_${name}`;
      const role = new URL(environment(name).DATABASE_URL).username;
      expect(script).toMatch(
        new RegExp(`CREATE DATABASE "?${database}"? (WITH )?OWNER "?${role}"?( |;|$)`, 'i'),
      );
      expect(script).toMatch(
        new RegExp(
          `REVOKE (ALL( PRIVILEGES)?|CONNECT) ON DATABASE "?${database}"? FROM PUBLIC`,
          'i',
        ),
      );
    },
  );

  it('lets the service roles connect to none of the databases every cluster has', () => {
    const database = environment('postgres').POSTGRES_DB;
    for (const name of ['postgres', 'template1', database]) {
      expect({
        name,
        revoked: new RegExp(
          `REVOKE (ALL( PRIVILEGES)?|CONNECT) ON DATABASE "?${name}"? FROM PUBLIC`,
          'i',
        ).test(script),
      }).toEqual({ name, revoked: true });
    }
  });

  it('grants no role rights on a database of another service', () => {
    const grants = script
      .split(';')
      .map((statement) => statement.trim())
      .filter((statement) => /^(GRANT|ALTER DEFAULT PRIVILEGES)\b/i.test(statement));
    for (const grant of grants) {
      const databases = BACKEND_SERVICES.filter((name) =>
        new RegExp(`\\bportail_${name}\\b`).test(grant.replace(/\bTO\b.*$/i, '')),
      );
      const grantees = BACKEND_SERVICES.filter((name) =>
        new RegExp(`\\bportail_${name}\\b`).test(/\bTO\b(.*)$/i.exec(grant)?.[1] ?? ''),
      );
      expect({ grant, across: grantees.some((name) => !databases.includes(name)) }).toEqual({
        grant,
        across: false,
      });
    }
  });

  it('runs the migrations with the same role (RUN_MIGRATIONS in the service itself)', () => {
    for (const name of BACKEND_SERVICES) {
      expect(environment(name).RUN_MIGRATIONS).toBe('true');
      const migrators = Object.keys(composeServices).filter(
        (other) =>
          other !== name &&
          words(service(other).command ?? [], `services.${other}.command`).includes('migrate') &&
          words(service(other).command ?? [], `services.${other}.command`).includes(
            entryPoint(name),
          ),
      );
      for (const migrator of migrators) {
        expect(environment(migrator).DATABASE_URL).toBe(environment(name).DATABASE_URL);
      }
    }
  });
});

// ---------------------------------------------------------------------------
// docker-compose.yml: the key that signs access tokens
// ---------------------------------------------------------------------------

const KEYGEN = 'keygen';
/** What identity accepts as JWT_KEY_ID (services/identity/src/config.ts). */
const KEY_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** The mount of a service that holds a file (the deepest one). */
function mountHolding(name: string, file: string): VolumeMount | undefined {
  return volumeMounts(name)
    .filter((mount) => file.startsWith(`${mount.target.replace(/\/+$/, '')}/`))
    .sort((a, b) => b.target.length - a.target.length)[0];
}

/** Where identity reads its signing key, and the mount it comes through. */
function identityKey(): { file: string; mount: VolumeMount } {
  const file = environment('identity').JWT_PRIVATE_KEY_FILE;
  if (file === undefined) {
    throw new Error('identity does not set JWT_PRIVATE_KEY_FILE');
  }
  const mount = mountHolding('identity', file);
  if (mount === undefined) {
    throw new Error(`no volume of identity holds ${file}`);
  }
  return { file, mount };
}

/** The same file as keygen sees it, through its own mount of the same volume. */
function keygenKey(): { file: string; mount: VolumeMount } {
  const { file, mount } = identityKey();
  const own = volumeMounts(KEYGEN).find((candidate) => candidate.source === mount.source);
  if (own === undefined) {
    throw new Error(`keygen does not mount the volume ${mount.source}`);
  }
  const relative = path.posix.relative(mount.target, file);
  return { file: path.posix.join(own.target, relative), mount: own };
}

describe('docker-compose.yml signing key', () => {
  it('has a one-shot keygen service, built from deploy/Dockerfile and not restarted once done', () => {
    const keygen = service(KEYGEN);
    const build = mapping(keygen.build, 'services.keygen.build');
    expect(path.resolve(ROOT, text(build.context, 'context'), text(build.dockerfile, 'file'))).toBe(
      path.join(ROOT, 'deploy', 'Dockerfile'),
    );
    expect([undefined, 'no', 'on-failure']).toContain(keygen.restart);
    expect(words(keygen.command, 'services.keygen.command').slice(0, 2)).toEqual(['node', '-e']);
  });

  it('runs keygen without network and with no capability but CHOWN', () => {
    const keygen = service(KEYGEN);
    expect(keygen.network_mode).toBe('none');
    expect(optionalStrings(keygen.cap_drop)).toContain('ALL');
    expect(optionalStrings(keygen.cap_add).filter((cap) => cap !== 'CHOWN')).toEqual([]);
  });

  it('has identity read JWT_PRIVATE_KEY_FILE from a named volume mounted read-only', () => {
    const { mount } = identityKey();
    expect(isBindMount(mount)).toBe(false);
    expect(declaredVolumes()).toContain(mount.source);
    expect(mount.readOnly).toBe(true);
    expect(environment('identity').JWT_PRIVATE_KEY).toBeUndefined();
  });

  it('has keygen write that very file, through a writable mount of the same volume', () => {
    const { file, mount } = keygenKey();
    expect(mount.readOnly).toBe(false);
    const keygen = service(KEYGEN);
    const mentioned = [
      ...Object.values(environment(KEYGEN)),
      ...words(keygen.command, 'services.keygen.command'),
    ];
    expect(mentioned.some((value) => value.includes(file))).toBe(true);
  });

  it('starts identity only once keygen has completed successfully', () => {
    expect(dependsOn('identity')[KEYGEN]).toBe('service_completed_successfully');
  });

  it('gives identity a key id', () => {
    expect(environment('identity').JWT_KEY_ID).toMatch(KEY_ID);
  });

  it('mounts the key volume in keygen and identity only', () => {
    const { mount } = identityKey();
    const holders = Object.keys(composeServices).filter((name) =>
      volumeMounts(name).some((candidate) => candidate.source === mount.source),
    );
    expect(holders.sort()).toEqual(['identity', KEYGEN]);
  });

  it('generates an Ed25519 PKCS#8 key once, mode 0600 for the node user, never printing it', () => {
    const { file, mount } = keygenKey();
    const script = words(service(KEYGEN).command, 'services.keygen.command')[2];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portail-keygen-'));
    // The script and its environment, with the volume moved to a temporary directory.
    const relocate = (value: string): string => value.split(`${mount.target}/`).join(`${dir}/`);
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH };
    for (const [key, value] of Object.entries(environment(KEYGEN))) {
      env[key] = relocate(value);
    }
    const local = relocate(file);
    const run = () =>
      spawnSync(process.execPath, ['-e', relocate(script)], { env, encoding: 'utf8' });
    try {
      const first = run();
      expect({ status: first.status, stderr: first.stderr }).toEqual({ status: 0, stderr: '' });
      const pem = fs.readFileSync(local, 'utf8');
      expect(pem.startsWith('-----BEGIN PRIVATE KEY-----\n')).toBe(true);
      expect(createPrivateKey(pem).asymmetricKeyType).toBe('ed25519');
      const stat = fs.statSync(local);
      expect((stat.mode & 0o777).toString(8)).toBe('600');
      // As root (in the container) the file is handed to `node` (uid 1000).
      const uid = process.getuid?.();
      expect(stat.uid).toBe(uid === 0 ? 1000 : uid);
      const body = pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
      const printed = `${first.stdout}${first.stderr}`.replace(/\s+/g, '');
      // Booleans, so that a failure does not print the key either.
      expect(printed.includes('PRIVATEKEY')).toBe(false);
      expect(printed.includes(body.slice(-24))).toBe(false);

      const second = run();
      expect(second.status).toBe(0);
      expect(fs.readFileSync(local, 'utf8') === pem).toBe(true);
      expect(fs.readdirSync(path.dirname(local))).toEqual([path.basename(local)]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---------------------------------------------------------------------------
// deploy/Dockerfile
// ---------------------------------------------------------------------------

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  name?: string;
  from: string;
  instructions: Instruction[];
}

function parseDockerfile(source: string): Stage[] {
  const logical: string[] = [];
  let current = '';
  for (const line of source.split('\n')) {
    const trimmed = line.trim();
    if (current === '' && (trimmed === '' || trimmed.startsWith('#'))) {
      continue;
    }
    if (trimmed.startsWith('#')) {
      continue;
    }
    if (trimmed.endsWith('\\')) {
      current += `${trimmed.slice(0, -1)} `;
      continue;
    }
    logical.push(`${current}${trimmed}`.trim());
    current = '';
  }
  const stages: Stage[] = [];
  for (const line of logical) {
    const match = /^(\S+)\s*(.*)$/.exec(line);
    if (match === null) {
      continue;
    }
    const keyword = match[1].toUpperCase();
    const args = match[2];
    if (keyword === 'FROM') {
      const from = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (from === null) {
        throw new Error(`unreadable FROM: ${args}`);
      }
      stages.push({ from: from[1], name: from[2], instructions: [] });
    } else if (stages.length > 0) {
      stages[stages.length - 1].instructions.push({ keyword, args });
    }
  }
  return stages;
}

function argsOf(stage: Stage, keyword: string): string[] {
  return stage.instructions
    .filter((instruction) => instruction.keyword === keyword)
    .map((i) => i.args);
}

/** Follows `FROM <earlier stage>` to collect the instructions a stage inherits. */
function lineage(stages: Stage[], stage: Stage): Stage[] {
  const parent = stages.find((candidate) => candidate.name === stage.from);
  return parent === undefined || parent === stage ? [stage] : [...lineage(stages, parent), stage];
}

function runsIn(stages: Stage[], stage: Stage): string[] {
  return lineage(stages, stage).flatMap((ancestor) => argsOf(ancestor, 'RUN'));
}

describe('deploy/Dockerfile', () => {
  const dockerfile = fs.readFileSync(path.join(ROOT, 'deploy', 'Dockerfile'), 'utf8');
  const stages = parseDockerfile(dockerfile);
  const runtime = stages[stages.length - 1];

  it('is a multi-stage build', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
  });

  it('compiles the full sources with npm run build after a complete npm ci', () => {
    const build = stages.find((stage) =>
      argsOf(stage, 'RUN').some((run) => run.includes('npm run build')),
    );
    expect(build).toBeDefined();
    if (build === undefined) {
      return;
    }
    const runs = runsIn(stages, build);
    expect(runs.some((run) => /\bnpm ci\b(?!.*--omit=dev)/.test(run))).toBe(true);
    const copied = lineage(stages, build)
      .flatMap((stage) => argsOf(stage, 'COPY'))
      .join(' ');
    for (const needed of ['package.json', 'package-lock.json', 'tsconfig', 'services', 'libs']) {
      expect(copied).toContain(needed);
    }
  });

  it('ships only production dependencies and the compiled dist/ in the runtime stage', () => {
    expect(runsIn(stages, runtime).join('\n')).not.toMatch(/\bnpm (ci|install)\b(?!.*--omit=dev)/);
    const copies = argsOf(runtime, 'COPY');
    const nodeModules = copies.find((copy) => /node_modules/.test(copy));
    if (nodeModules === undefined) {
      expect(runsIn(stages, runtime).some((run) => run.includes('npm ci --omit=dev'))).toBe(true);
    } else {
      const from = /--from=(\S+)/.exec(nodeModules);
      const source = stages.find((stage) => stage.name === from?.[1]);
      expect(source).toBeDefined();
      expect(
        source !== undefined &&
          runsIn(stages, source).some((run) => run.includes('npm ci --omit=dev')),
      ).toBe(true);
    }
    expect(copies.some((copy) => /--from=\S+\s+\S*dist\b/.test(copy))).toBe(true);
    expect(
      copies.some((copy) => /^(?!--from)/.test(copy) && /\b(services|libs)\b/.test(copy)),
    ).toBe(false);
  });

  it('runs as the non-root node user with NODE_ENV=production', () => {
    const users = argsOf(runtime, 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users[users.length - 1]).toMatch(/^(node|1000)(:(node|1000))?$/);
    expect(argsOf(runtime, 'ENV').join(' ')).toMatch(/\bNODE_ENV[= ]production\b/);
  });

  it('uses a Node 22 image', () => {
    const variable = /^\$\{?(\w+)\}?$/.exec(runtime.from);
    const image =
      variable === null
        ? runtime.from
        : (new RegExp(`^ARG\\s+${variable[1]}=(\\S+)`, 'm').exec(dockerfile)?.[1] ?? '');
    expect(image).toMatch(/^node:22\b/);
  });

  it('stops with SIGTERM and starts node in exec form so that it receives the signal', () => {
    expect(argsOf(runtime, 'STOPSIGNAL')).toEqual(['SIGTERM']);
    const cmd = argsOf(runtime, 'CMD');
    const entrypoint = argsOf(runtime, 'ENTRYPOINT');
    for (const form of [...cmd, ...entrypoint]) {
      const parsed: unknown = JSON.parse(form);
      expect(Array.isArray(parsed)).toBe(true);
    }
    const command = [...entrypoint, ...cmd].map((form) => words(JSON.parse(form), form)).flat();
    expect(command).toContain('node');
    expect(command.join(' ')).toMatch(/dist\/services\/\w+\/src\/main\.js/);
  });
});

// ---------------------------------------------------------------------------
// .dockerignore
// ---------------------------------------------------------------------------

function ignorePatternToRegExp(pattern: string): RegExp {
  const cleaned = pattern.replace(/^\/+/, '').replace(/\/+$/, '');
  let source = '';
  for (let index = 0; index < cleaned.length; index += 1) {
    const char = cleaned[index];
    if (char === '*' && cleaned[index + 1] === '*') {
      source += '.*';
      index += 1;
      if (cleaned[index + 1] === '/') {
        source += '/?';
        index += 1;
      }
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  // A pattern matching a directory excludes everything below it.
  return new RegExp(`^${source}(/.*)?$`);
}

function isIgnored(patterns: string[], file: string): boolean {
  let ignored = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    if (ignorePatternToRegExp(negated ? pattern.slice(1) : pattern).test(file)) {
      ignored = !negated;
    }
  }
  return ignored;
}

describe('.dockerignore', () => {
  const patterns = fs
    .readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

  it('keeps local builds, dependencies and history out of the build context', () => {
    for (const file of [
      'node_modules/x/index.js',
      'libs/messaging/node_modules/x/index.js',
      'dist/services/gateway/src/main.js',
      '.git/HEAD',
      'coverage/lcov.info',
      'bench/results/run.json',
    ]) {
      expect({ file, ignored: isIgnored(patterns, file) }).toEqual({ file, ignored: true });
    }
  });

  it('keeps everything the build stage needs', () => {
    for (const file of [
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'tsconfig.build.json',
      'services/gateway/src/main.ts',
      'libs/contracts/src/index.ts',
    ]) {
      expect({ file, ignored: isIgnored(patterns, file) }).toEqual({ file, ignored: false });
    }
  });
});
