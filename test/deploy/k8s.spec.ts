import * as fs from 'fs';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import {
  BACKEND_SERVICES,
  HTTP_PORTS,
  isMapping,
  mapping,
  optionalMapping,
  optionalSequence,
  ROOT,
  sequence,
  SERVICES,
  SHUTDOWN_TIMEOUT_MS_DEFAULT,
  text,
  type Mapping,
  type ServiceName,
} from './deploy-support';

/**
 * Static checks of the kustomize base in k8s/base: every resource file listed by
 * kustomization.yaml is parsed (multi-document YAML) and the objects are checked.
 */

const BASE = path.join(ROOT, 'k8s', 'base');
const IMAGE = 'portail-famille';

function stringMap(value: unknown, what: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, entry] of Object.entries(optionalMapping(value, what))) {
    result[key] = text(entry, `${what}.${key}`);
  }
  return result;
}

// ---------------------------------------------------------------------------
// Loading the kustomization
// ---------------------------------------------------------------------------

interface K8sObject {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  file: string;
  body: Mapping;
}

function loadKustomization(dir: string): Mapping {
  const file = path.join(dir, 'kustomization.yaml');
  const parsed: unknown = parse(fs.readFileSync(file, 'utf8'));
  return mapping(parsed, file);
}

function loadResources(dir: string): K8sObject[] {
  const kustomization = loadKustomization(dir);
  const objects: K8sObject[] = [];
  for (const entry of sequence(kustomization.resources, `${dir} resources`)) {
    const resource = path.resolve(dir, text(entry, 'resource'));
    if (fs.statSync(resource).isDirectory()) {
      objects.push(...loadResources(resource));
      continue;
    }
    const file = path.relative(ROOT, resource);
    for (const document of parseAllDocuments(fs.readFileSync(resource, 'utf8'))) {
      if (document.errors.length > 0) {
        throw new Error(`${file}: ${document.errors.map((error) => error.message).join('; ')}`);
      }
      const content: unknown = document.toJS();
      if (content === null || content === undefined) {
        continue;
      }
      const body = mapping(content, file);
      const metadata = mapping(body.metadata, `${file} metadata`);
      objects.push({
        apiVersion: text(body.apiVersion, `${file} apiVersion`),
        kind: text(body.kind, `${file} kind`),
        name: text(metadata.name, `${file} metadata.name`),
        namespace:
          metadata.namespace === undefined ? undefined : text(metadata.namespace, 'namespace'),
        file,
        body,
      });
    }
  }
  return objects;
}

const kustomization = loadKustomization(BASE);
const objects = loadResources(BASE);

function objectsOfKind(kind: string): K8sObject[] {
  return objects.filter((object) => object.kind === kind);
}

function findObject(kind: string, name: string): K8sObject | undefined {
  return objects.find((object) => object.kind === kind && object.name === name);
}

// ---------------------------------------------------------------------------
// Pods, containers and their environment
// ---------------------------------------------------------------------------

interface Container {
  name: string;
  body: Mapping;
  command: string[];
}

interface PodTemplate {
  labels: Record<string, string>;
  spec: Mapping;
  containers: Container[];
  initContainers: Container[];
}

function containers(value: unknown, what: string): Container[] {
  return optionalSequence(value, what).map((entry, index) => {
    const body = mapping(entry, `${what}[${index}]`);
    const command = [
      ...optionalSequence(body.command, `${what}[${index}].command`),
      ...optionalSequence(body.args, `${what}[${index}].args`),
    ].map((word) => text(word, `${what}[${index}] command`));
    return { name: text(body.name, `${what}[${index}].name`), body, command };
  });
}

/** The pod template of a Deployment, StatefulSet or Job. */
function podTemplate(object: K8sObject): PodTemplate {
  const spec = mapping(object.body.spec, `${object.kind}/${object.name} spec`);
  const template = mapping(spec.template, `${object.kind}/${object.name} template`);
  const metadata = optionalMapping(template.metadata, 'template metadata');
  const podSpec = mapping(template.spec, `${object.kind}/${object.name} pod spec`);
  return {
    labels: stringMap(metadata.labels, 'template labels'),
    spec: podSpec,
    containers: containers(podSpec.containers, `${object.name} containers`),
    initContainers: containers(podSpec.initContainers, `${object.name} initContainers`),
  };
}

function entryPoint(service: ServiceName): string {
  return `dist/services/${service}/src/main.js`;
}

function runsService(container: Container, service: ServiceName): boolean {
  return container.command.includes(entryPoint(service)) && !container.command.includes('migrate');
}

function runsMigrations(container: Container, service: ServiceName): boolean {
  return container.command.includes(entryPoint(service)) && container.command.includes('migrate');
}

type EnvSource =
  { kind: 'value'; value: string } | { kind: 'configMap' | 'secret'; name: string; key: string };

function environment(container: Container): Map<string, EnvSource> {
  const result = new Map<string, EnvSource>();
  const what = `container ${container.name}`;
  for (const entry of optionalSequence(container.body.envFrom, `${what} envFrom`)) {
    const source = mapping(entry, `${what} envFrom[]`);
    const prefix = source.prefix === undefined ? '' : text(source.prefix, 'envFrom prefix');
    const kind = source.configMapRef !== undefined ? 'configMap' : 'secret';
    const ref = mapping(source.configMapRef ?? source.secretRef, `${what} envFrom ref`);
    const name = text(ref.name, `${what} envFrom name`);
    const target = findObject(kind === 'configMap' ? 'ConfigMap' : 'Secret', name);
    if (target === undefined) {
      throw new Error(`${what}: envFrom refers to a missing ${kind} ${name}`);
    }
    for (const key of Object.keys(dataOf(target))) {
      result.set(`${prefix}${key}`, { kind, name, key });
    }
  }
  for (const entry of optionalSequence(container.body.env, `${what} env`)) {
    const variable = mapping(entry, `${what} env[]`);
    const name = text(variable.name, `${what} env name`);
    if (variable.value !== undefined) {
      result.set(name, { kind: 'value', value: text(variable.value, `${what} env ${name}`) });
      continue;
    }
    const from = mapping(variable.valueFrom, `${what} env ${name} valueFrom`);
    const kind = from.configMapKeyRef !== undefined ? 'configMap' : 'secret';
    const ref = mapping(from.configMapKeyRef ?? from.secretKeyRef, `${what} env ${name} ref`);
    result.set(name, {
      kind,
      name: text(ref.name, `${what} env ${name} ref name`),
      key: text(ref.key, `${what} env ${name} ref key`),
    });
  }
  return result;
}

/** data/stringData of a ConfigMap or Secret, decoded. */
function dataOf(object: K8sObject): Record<string, string> {
  const result = stringMap(object.body.data, `${object.name} data`);
  if (object.kind === 'Secret') {
    for (const [key, value] of Object.entries(result)) {
      result[key] = Buffer.from(value, 'base64').toString('utf8');
    }
    Object.assign(result, stringMap(object.body.stringData, `${object.name} stringData`));
  }
  return result;
}

function envValue(container: Container, name: string): string | undefined {
  const source = environment(container).get(name);
  if (source === undefined) {
    return undefined;
  }
  if (source.kind === 'value') {
    return source.value;
  }
  const target = findObject(source.kind === 'configMap' ? 'ConfigMap' : 'Secret', source.name);
  if (target === undefined) {
    throw new Error(`${name} refers to a missing ${source.kind} ${source.name}`);
  }
  const value = dataOf(target)[source.key];
  if (value === undefined) {
    throw new Error(
      `${name} refers to a missing key ${source.key} of ${source.kind} ${source.name}`,
    );
  }
  return value;
}

/** The port number a probe or Service targets, resolving named container ports. */
function resolvePort(container: Container, port: unknown): number {
  if (typeof port === 'number') {
    return port;
  }
  const wanted = text(port, 'port');
  if (/^\d+$/.test(wanted)) {
    return Number(wanted);
  }
  for (const entry of optionalSequence(container.body.ports, `${container.name} ports`)) {
    const declared = mapping(entry, `${container.name} port`);
    if (declared.name === wanted) {
      return Number(declared.containerPort);
    }
  }
  throw new Error(`container ${container.name} has no port named ${wanted}`);
}

function httpProbe(container: Container, probe: string): { path: string; port: number } {
  const spec = mapping(container.body[probe], `${container.name} ${probe}`);
  const httpGet = mapping(spec.httpGet, `${container.name} ${probe}.httpGet`);
  return { path: text(httpGet.path, `${probe} path`), port: resolvePort(container, httpGet.port) };
}

/** Kubernetes quantities: "250m", "1", "512Mi", "1G". */
function quantity(value: unknown, what: string): number {
  const raw = text(value, what);
  const match = /^(\d+(?:\.\d+)?)(m|k|M|G|Ki|Mi|Gi)?$/.exec(raw);
  if (match === null) {
    throw new Error(`${what} is not a quantity: ${raw}`);
  }
  const factors: Record<string, number> = {
    '': 1,
    m: 0.001,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    Ki: 1024,
    Mi: 1024 ** 2,
    Gi: 1024 ** 3,
  };
  return Number(match[1]) * factors[match[2] ?? ''];
}

function containerSecurity(pod: PodTemplate, container: Container): Mapping {
  const podLevel = optionalMapping(pod.spec.securityContext, 'pod securityContext');
  const containerLevel = optionalMapping(
    container.body.securityContext,
    `${container.name} securityContext`,
  );
  return { ...podLevel, ...containerLevel };
}

function preStopSleepSeconds(container: Container): number {
  const lifecycle = optionalMapping(container.body.lifecycle, 'lifecycle');
  const preStop = optionalMapping(lifecycle.preStop, 'preStop');
  if (isMapping(preStop.sleep)) {
    return Number(preStop.sleep.seconds);
  }
  const command = isMapping(preStop.exec)
    ? optionalSequence(preStop.exec.command, 'preStop command').map((word) => text(word, 'word'))
    : [];
  const seconds = /\bsleep\s+(\d+)/.exec(command.join(' '));
  return seconds === null ? 0 : Number(seconds[1]);
}

function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}

function deploymentOf(service: ServiceName): {
  deployment: K8sObject;
  pod: PodTemplate;
  main: Container;
} {
  const matches = objectsOfKind('Deployment').filter((deployment) =>
    podTemplate(deployment).containers.some((container) => runsService(container, service)),
  );
  if (matches.length !== 1) {
    throw new Error(`expected one Deployment running ${service}, found ${matches.length}`);
  }
  const [deployment] = matches;
  const pod = podTemplate(deployment);
  const main = pod.containers.find((container) => runsService(container, service));
  if (main === undefined) {
    throw new Error(`no container runs ${service}`);
  }
  return { deployment, pod, main };
}

/** initContainers of the service's Deployment, or Jobs, running `main.js migrate`. */
function migrationSteps(service: ServiceName): Container[] {
  const { pod } = deploymentOf(service);
  const inPod = pod.initContainers.filter((container) => runsMigrations(container, service));
  const inJobs = objectsOfKind('Job').flatMap((job) =>
    podTemplate(job).containers.filter((container) => runsMigrations(container, service)),
  );
  return [...inPod, ...inJobs];
}

// ---------------------------------------------------------------------------
// Specs
// ---------------------------------------------------------------------------

describe('k8s/base kustomization', () => {
  it('lists resource files that parse into Kubernetes objects', () => {
    expect(objects.length).toBeGreaterThan(0);
    for (const object of objects) {
      expect(object.apiVersion).not.toBe('');
      expect(object.kind).not.toBe('');
    }
  });

  it('is namespace-agnostic', () => {
    expect(kustomization.namespace).toBeUndefined();
    expect(objects.filter((object) => object.namespace !== undefined)).toEqual([]);
    expect(objectsOfKind('Namespace')).toEqual([]);
  });

  it('has no two objects of the same kind and name', () => {
    const ids = objects.map((object) => `${object.kind}/${object.name}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('sets the tag of the portail-famille image through kustomize images', () => {
    const images = optionalSequence(kustomization.images, 'images').map((entry) =>
      mapping(entry, 'image'),
    );
    const image = images.find((entry) => entry.name === IMAGE);
    expect(image).toBeDefined();
    expect(typeof image?.newTag === 'string' && image.newTag.length > 0).toBe(true);
  });

  it('runs every container from the untagged portail-famille image, so that kustomize tags it', () => {
    for (const workload of [...objectsOfKind('Deployment'), ...objectsOfKind('Job')]) {
      const pod = podTemplate(workload);
      for (const container of [...pod.containers, ...pod.initContainers]) {
        expect({ container: container.name, image: container.body.image }).toEqual({
          container: container.name,
          image: IMAGE,
        });
      }
    }
  });

  it('only holds placeholder values in the example Secret', () => {
    const secrets = objectsOfKind('Secret');
    expect(secrets.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      for (const [key, value] of Object.entries(dataOf(secret))) {
        // No previous signing key, no card shop, no SEPA creditor (nor its IBAN key): an empty
        // list or map is not a value to replace.
        const placeholder =
          value.includes('CHANGE_ME') ||
          (key === 'jwt-previous-public-keys.json' && value === '[]') ||
          (['card-shops.json', 'sepa-creditors.json'].includes(key) && value === '{}') ||
          (key === 'sepa-iban-key' && value === '');
        expect({ key, placeholder }).toEqual({
          key,
          placeholder: true,
        });
      }
    }
  });

  it('resolves every environment variable against the ConfigMaps and Secrets it lists', () => {
    for (const workload of [...objectsOfKind('Deployment'), ...objectsOfKind('Job')]) {
      const pod = podTemplate(workload);
      for (const container of [...pod.containers, ...pod.initContainers]) {
        for (const name of environment(container).keys()) {
          expect(() => envValue(container, name)).not.toThrow();
        }
      }
    }
  });
});

describe.each(SERVICES)('k8s/base service %s', (service) => {
  const port = HTTP_PORTS[service];

  it('has exactly one Deployment running its entry point', () => {
    expect(() => deploymentOf(service)).not.toThrow();
  });

  it(`listens on HTTP_PORT ${port} and declares it as a container port`, () => {
    const { main } = deploymentOf(service);
    expect(envValue(main, 'HTTP_PORT')).toBe(String(port));
    const ports = optionalSequence(main.body.ports, 'ports').map((entry) =>
      Number(mapping(entry, 'port').containerPort),
    );
    expect(ports).toContain(port);
  });

  it('selects its own pods', () => {
    const { deployment, pod } = deploymentOf(service);
    const spec = mapping(deployment.body.spec, 'spec');
    const selector = stringMap(mapping(spec.selector, 'selector').matchLabels, 'matchLabels');
    expect(selects(selector, pod.labels)).toBe(true);
  });

  it(service === 'gateway' ? 'runs at least 2 replicas' : 'runs at least 1 replica', () => {
    const spec = mapping(deploymentOf(service).deployment.body.spec, 'spec');
    const replicas = spec.replicas === undefined ? 1 : Number(spec.replicas);
    expect(replicas).toBeGreaterThanOrEqual(service === 'gateway' ? 2 : 1);
  });

  it('probes liveness on /health/live and readiness on /health/ready of its port', () => {
    const { main } = deploymentOf(service);
    expect(httpProbe(main, 'livenessProbe')).toEqual({ path: '/health/live', port });
    expect(httpProbe(main, 'readinessProbe')).toEqual({ path: '/health/ready', port });
  });

  it('has a startup probe on its port', () => {
    const { main } = deploymentOf(service);
    expect(httpProbe(main, 'startupProbe').port).toBe(port);
  });

  it('sets cpu and memory requests and limits on every container, requests within limits', () => {
    const { pod } = deploymentOf(service);
    for (const container of [...pod.containers, ...pod.initContainers]) {
      const resources = mapping(container.body.resources, `${container.name} resources`);
      const requests = mapping(resources.requests, `${container.name} requests`);
      const limits = mapping(resources.limits, `${container.name} limits`);
      for (const resource of ['cpu', 'memory']) {
        const requested = quantity(requests[resource], `${container.name} requests.${resource}`);
        const limit = quantity(limits[resource], `${container.name} limits.${resource}`);
        expect(requested).toBeGreaterThan(0);
        expect(limit).toBeGreaterThanOrEqual(requested);
      }
    }
  });

  it('runs every container as non-root, read-only, without privilege escalation or capabilities', () => {
    const { pod } = deploymentOf(service);
    for (const container of [...pod.containers, ...pod.initContainers]) {
      const security = containerSecurity(pod, container);
      expect(security.runAsNonRoot).toBe(true);
      if (security.runAsUser !== undefined) {
        expect(Number(security.runAsUser)).toBeGreaterThan(0);
      }
      expect(security.readOnlyRootFilesystem).toBe(true);
      expect(security.allowPrivilegeEscalation).toBe(false);
      const capabilities = optionalMapping(security.capabilities, 'capabilities');
      expect(optionalSequence(capabilities.drop, 'capabilities.drop')).toContain('ALL');
      expect(security.privileged === undefined || security.privileged === false).toBe(true);
    }
  });

  it('mounts a writable emptyDir on /tmp, the root filesystem being read-only', () => {
    const { pod } = deploymentOf(service);
    const volumes = optionalSequence(pod.spec.volumes, 'volumes').map((entry) =>
      mapping(entry, 'volume'),
    );
    for (const container of [...pod.containers, ...pod.initContainers]) {
      const mounts = optionalSequence(container.body.volumeMounts, 'volumeMounts').map((entry) =>
        mapping(entry, 'volumeMount'),
      );
      const tmp = mounts.find((mount) => mount.mountPath === '/tmp');
      expect(tmp).toBeDefined();
      const volume = volumes.find((candidate) => candidate.name === tmp?.name);
      expect(volume?.emptyDir).toBeDefined();
      expect(tmp?.readOnly === undefined || tmp.readOnly === false).toBe(true);
    }
  });

  it('gives a graceful stop more time than SHUTDOWN_TIMEOUT_MS plus the preStop pause', () => {
    const { pod, main } = deploymentOf(service);
    const configured = envValue(main, 'SHUTDOWN_TIMEOUT_MS');
    const shutdownSeconds =
      (configured === undefined ? SHUTDOWN_TIMEOUT_MS_DEFAULT : Number(configured)) / 1000;
    const grace = Number(pod.spec.terminationGracePeriodSeconds);
    expect(grace).toBeGreaterThan(shutdownSeconds + preStopSleepSeconds(main));
  });

  it('pauses in preStop so that endpoints are removed before SIGTERM', () => {
    expect(preStopSleepSeconds(deploymentOf(service).main)).toBeGreaterThan(0);
  });

  it('reaches NATS and has the shared settings', () => {
    const { main } = deploymentOf(service);
    expect(envValue(main, 'NATS_URL')).toMatch(/^nats:\/\//);
    expect(envValue(main, 'NODE_ENV')).toBe('production');
    expect(envValue(main, 'LOG_LEVEL')).toBeDefined();
  });

  if (service === 'gateway') {
    it('is exposed by a Service targeting port 3000 of its pods', () => {
      const { pod, main } = deploymentOf(service);
      const services = objectsOfKind('Service').filter((candidate) => {
        const spec = mapping(candidate.body.spec, 'Service spec');
        return selects(stringMap(spec.selector, 'Service selector'), pod.labels);
      });
      expect(services).toHaveLength(1);
      const spec = mapping(services[0].body.spec, 'Service spec');
      const targets = sequence(spec.ports, 'Service ports').map((entry) => {
        const servicePort = mapping(entry, 'Service port');
        return resolvePort(main, servicePort.targetPort ?? servicePort.port);
      });
      expect(targets).toContain(port);
    });

    it('keeps at least one pod through voluntary disruptions', () => {
      const { pod } = deploymentOf(service);
      const budgets = objectsOfKind('PodDisruptionBudget').filter((budget) => {
        const spec = mapping(budget.body.spec, 'PodDisruptionBudget spec');
        const selector = mapping(spec.selector, 'PodDisruptionBudget selector');
        return selects(stringMap(selector.matchLabels, 'matchLabels'), pod.labels);
      });
      expect(budgets).toHaveLength(1);
    });

    it('has no database and sets the gateway settings', () => {
      const { pod, main } = deploymentOf(service);
      expect(envValue(main, 'DATABASE_URL')).toBeUndefined();
      expect(
        pod.initContainers.filter((container) => container.command.includes('migrate')),
      ).toEqual([]);
      expect(Number(envValue(main, 'SERVICE_TIMEOUT_MS'))).toBeGreaterThan(0);
      expect(Number(envValue(main, 'RATE_LIMIT_PER_MINUTE'))).toBeGreaterThan(0);
      expect(Number(envValue(main, 'AUTH_RATE_LIMIT_PER_MINUTE'))).toBeGreaterThan(0);
      expect(envValue(main, 'CORS_ORIGINS')).toMatch(/^https?:\/\//);
      expect(envValue(main, 'TRUST_PROXY')).toBeDefined();
    });
  } else {
    it('leaves migrations to a dedicated step (RUN_MIGRATIONS=false)', () => {
      expect(envValue(deploymentOf(service).main, 'RUN_MIGRATIONS')).toBe('false');
    });

    it('runs its migrations with `main.js migrate` before the service starts', () => {
      const { main } = deploymentOf(service);
      const steps = migrationSteps(service);
      expect(steps).toHaveLength(1);
      const [step] = steps;
      expect(step.body.image).toBe(main.body.image);
      expect(envValue(step, 'DATABASE_URL')).toBe(envValue(main, 'DATABASE_URL'));
    });

    it(`uses its own database portail_${service}`, () => {
      const url = new URL(envValue(deploymentOf(service).main, 'DATABASE_URL') ?? '');
      expect(url.protocol).toMatch(/^postgres(ql)?:$/);
      expect(url.pathname).toBe(`/portail_${service}`);
      expect(Number(envValue(deploymentOf(service).main, 'DATABASE_POOL_SIZE'))).toBeGreaterThan(0);
    });

    it('does not share its database URL with another service', () => {
      const own = environment(deploymentOf(service).main).get('DATABASE_URL');
      for (const other of BACKEND_SERVICES.filter((candidate) => candidate !== service)) {
        expect(environment(deploymentOf(other).main).get('DATABASE_URL')).not.toEqual(own);
      }
    });
  }

  if (service === 'notification') {
    it('has an SMTP URL and a sender address', () => {
      const { main } = deploymentOf(service);
      expect(envValue(main, 'SMTP_URL')).toMatch(/^smtps?:\/\//);
      expect(envValue(main, 'MAIL_FROM')).toMatch(/@/);
    });
  }
});

// ---------------------------------------------------------------------------
// Database credentials: one Secret and one PostgreSQL role per service
// ---------------------------------------------------------------------------

/** The Secret a container's DATABASE_URL comes from. */
function databaseSecretOf(container: Container): { name: string; key: string } | undefined {
  const source = environment(container).get('DATABASE_URL');
  return source === undefined || source.kind !== 'secret'
    ? undefined
    : { name: source.name, key: source.key };
}

/** Secrets a Deployment's containers read, through env, envFrom or volumes. */
function secretsReadBy(deployment: K8sObject): string[] {
  const pod = podTemplate(deployment);
  const names = new Set<string>();
  for (const container of [...pod.containers, ...pod.initContainers]) {
    for (const source of environment(container).values()) {
      if (source.kind === 'secret') names.add(source.name);
    }
  }
  for (const entry of optionalSequence(pod.spec.volumes, 'volumes')) {
    for (const source of secretSources(mapping(entry, 'volume'))) names.add(source.secret);
  }
  return [...names];
}

describe('k8s/base database credentials', () => {
  it.each(BACKEND_SERVICES)(
    'gives %s (service and migrate step) its DATABASE_URL from a Secret of its own',
    (service) => {
      const { pod, main } = deploymentOf(service);
      const own = databaseSecretOf(main);
      expect(own).toBeDefined();
      for (const step of pod.initContainers) {
        expect(databaseSecretOf(step)).toEqual(own);
      }
      const secret = findObject('Secret', own?.name ?? '');
      expect(secret).toBeDefined();
      // Nothing but the database URL in it, and no other Deployment reads it.
      expect(Object.keys(secret === undefined ? {} : dataOf(secret))).toEqual([own?.key]);
      const readers = objectsOfKind('Deployment').filter((deployment) =>
        secretsReadBy(deployment).includes(own?.name ?? ''),
      );
      expect(readers.map((deployment) => deployment.name)).toEqual([
        deploymentOf(service).deployment.name,
      ]);
    },
  );

  it('connects each service as its own PostgreSQL role portail_<service>', () => {
    const roles = BACKEND_SERVICES.map(
      (service) => new URL(envValue(deploymentOf(service).main, 'DATABASE_URL') ?? '').username,
    );
    expect(roles).toEqual(BACKEND_SERVICES.map((service) => `portail_${service}`));
  });

  it('keeps database URLs out of the shared Secret', () => {
    const shared = findObject('Secret', SECRET);
    expect(shared).toBeDefined();
    expect(
      Object.keys(shared === undefined ? {} : dataOf(shared)).filter((key) =>
        /DATABASE_URL/.test(key),
      ),
    ).toEqual([]);
  });
});

describe('k8s/overlays/example database credentials', () => {
  const dir = path.join(ROOT, 'k8s', 'overlays', 'example');
  const overlay = loadKustomization(dir);
  const generators = optionalSequence(overlay.secretGenerator, 'secretGenerator').map((entry) =>
    mapping(entry, 'secretGenerator[]'),
  );
  const ignored = fs.readFileSync(path.join(ROOT, 'k8s', '.gitignore'), 'utf8');

  it.each(BACKEND_SERVICES)(
    'replaces the database Secret of %s from its own git-ignored env file, with a committed example',
    (service) => {
      const name = databaseSecretOf(deploymentOf(service).main)?.name;
      const matching = generators.filter((generator) => generator.name === name);
      expect(matching).toHaveLength(1);
      const [generator] = matching;
      expect(generator.behavior).toBe('replace');
      const envs = optionalSequence(generator.envs, 'envs').map((entry) => text(entry, 'env'));
      expect(envs).toHaveLength(1);
      const [file] = envs;
      // k8s/.gitignore ignores it (overlays/*/databases/*.env).
      const relative = path.posix.join('overlays', 'example', file);
      const patterns = ignored
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '' && !line.startsWith('#'));
      const globToRegExp = (glob: string) =>
        new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
      expect(patterns.some((pattern) => globToRegExp(pattern).test(relative))).toBe(true);
      const example = fs.readFileSync(path.join(dir, `${file}.example`), 'utf8');
      const url = /^DATABASE_URL=(.+)$/m.exec(example)?.[1] ?? '';
      expect(new URL(url).username).toBe(`portail_${service}`);
      expect(new URL(url).pathname).toBe(`/portail_${service}`);
      expect(url).toContain('CHANGE_ME');
    },
  );
});

// ---------------------------------------------------------------------------
// NetworkPolicies
// ---------------------------------------------------------------------------

function labelSelectorMatches(selector: Mapping, labels: Record<string, string>): boolean {
  const matchLabels = stringMap(selector.matchLabels, 'matchLabels');
  if (!Object.entries(matchLabels).every(([key, value]) => labels[key] === value)) return false;
  return optionalSequence(selector.matchExpressions, 'matchExpressions').every((entry) => {
    const expression = mapping(entry, 'matchExpression');
    const key = text(expression.key, 'key');
    const values = optionalSequence(expression.values, 'values').map((v) => text(v, 'value'));
    switch (text(expression.operator, 'operator')) {
      case 'In':
        return key in labels && values.includes(labels[key]);
      case 'NotIn':
        return !(key in labels) || !values.includes(labels[key]);
      case 'Exists':
        return key in labels;
      case 'DoesNotExist':
        return !(key in labels);
      default:
        throw new Error(`unknown operator ${String(expression.operator)}`);
    }
  });
}

interface Policy {
  name: string;
  selector: Mapping;
  types: string[];
  ingress: Mapping[];
  egress: Mapping[];
}

const policies: Policy[] = objectsOfKind('NetworkPolicy').map((object) => {
  const spec = mapping(object.body.spec, `NetworkPolicy/${object.name} spec`);
  const ingress = optionalSequence(spec.ingress, 'ingress').map((rule) => mapping(rule, 'rule'));
  const egress = optionalSequence(spec.egress, 'egress').map((rule) => mapping(rule, 'rule'));
  const declared = optionalSequence(spec.policyTypes, 'policyTypes').map((t) => text(t, 'type'));
  return {
    name: object.name,
    selector: mapping(spec.podSelector, `NetworkPolicy/${object.name} podSelector`),
    // Without policyTypes: Ingress, and Egress when there are egress rules.
    types: declared.length > 0 ? declared : ['Ingress', ...(egress.length > 0 ? ['Egress'] : [])],
    ingress,
    egress,
  };
});

function rulesFor(service: ServiceName, direction: 'Ingress' | 'Egress'): Mapping[] {
  const { pod } = deploymentOf(service);
  return policies
    .filter((policy) => policy.types.includes(direction))
    .filter((policy) => labelSelectorMatches(policy.selector, pod.labels))
    .flatMap((policy) => (direction === 'Ingress' ? policy.ingress : policy.egress));
}

function peers(rule: Mapping, field: 'from' | 'to'): Mapping[] {
  return optionalSequence(rule[field], field).map((peer) => mapping(peer, 'peer'));
}

/** A rule's ports as "TCP/3000", named ports resolved against the service's container. */
function rulePorts(service: ServiceName, rule: Mapping): string[] {
  const { main } = deploymentOf(service);
  return optionalSequence(rule.ports, 'ports').map((entry) => {
    const port = mapping(entry, 'port');
    const protocol = port.protocol === undefined ? 'TCP' : text(port.protocol, 'protocol');
    if (port.port === undefined || port.endPort !== undefined) return `${protocol}/any`;
    return `${protocol}/${resolvePort(main, port.port)}`;
  });
}

const DNS = ['UDP/53', 'TCP/53'];
const NATS = ['TCP/4222'];
const POSTGRES = ['TCP/5432'];
const SMTP = ['TCP/25', 'TCP/465', 'TCP/587'];
/** Billing calls PayFIP's web service over HTTPS. */
const HTTPS = ['TCP/443'];

describe('k8s/base network policies', () => {
  it('deny every ingress and egress of the namespace by default', () => {
    const defaults = policies.filter(
      (policy) =>
        Object.keys(policy.selector).length === 0 &&
        policy.types.includes('Ingress') &&
        policy.types.includes('Egress') &&
        policy.ingress.length === 0 &&
        policy.egress.length === 0,
    );
    expect(defaults).toHaveLength(1);
  });

  it('let the ingress controller namespace, chosen by label, reach the gateway on port 3000 only', () => {
    const rules = rulesFor('gateway', 'Ingress');
    expect(rules.length).toBeGreaterThan(0);
    const fromIngressController = rules.filter((rule) =>
      peers(rule, 'from').some(
        (peer) =>
          isMapping(peer.namespaceSelector) &&
          Object.keys(stringMap(peer.namespaceSelector.matchLabels, 'matchLabels')).length > 0,
      ),
    );
    expect(fromIngressController.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(rulePorts('gateway', rule)).toEqual(['TCP/3000']);
      // Never from anywhere: no empty `from`, no empty namespace selector, no 0.0.0.0/0.
      const sources = peers(rule, 'from');
      expect(sources.length).toBeGreaterThan(0);
      for (const peer of sources) {
        if (isMapping(peer.namespaceSelector)) {
          expect(Object.keys(peer.namespaceSelector).length).toBeGreaterThan(0);
        }
        if (isMapping(peer.ipBlock)) {
          expect(['0.0.0.0/0', '::/0']).not.toContain(peer.ipBlock.cidr);
        }
      }
    }
  });

  it.each(BACKEND_SERVICES)(
    'let nothing but the nodes (kubelet probes) reach %s, on its probe port only',
    (service) => {
      const { main } = deploymentOf(service);
      expect(httpProbe(main, 'readinessProbe').port).toBe(HTTP_PORTS[service]);
      for (const rule of rulesFor(service, 'Ingress')) {
        expect(rulePorts(service, rule)).toEqual([`TCP/${HTTP_PORTS[service]}`]);
        const sources = peers(rule, 'from');
        expect(sources.length).toBeGreaterThan(0);
        for (const peer of sources) {
          expect(Object.keys(peer)).toEqual(['ipBlock']);
          const cidr = text(mapping(peer.ipBlock, 'ipBlock').cidr, 'cidr');
          expect(['0.0.0.0/0', '::/0']).not.toContain(cidr);
        }
      }
    },
  );

  it.each(SERVICES)('let %s out only to DNS, NATS and what it needs', (service) => {
    const allowed = [
      ...DNS,
      ...NATS,
      ...(service === 'gateway' ? [] : POSTGRES),
      ...(service === 'notification' ? SMTP : []),
      ...(service === 'billing' ? HTTPS : []),
    ];
    const rules = rulesFor(service, 'Egress');
    const ports = rules.flatMap((rule) => {
      const listed = rulePorts(service, rule);
      // A rule without ports opens every port.
      return listed.length === 0 ? ['any'] : listed;
    });
    expect(ports.filter((port) => !allowed.includes(port))).toEqual([]);
    for (const needed of [
      ...DNS,
      ...NATS,
      ...(service === 'gateway' ? [] : POSTGRES),
      ...(service === 'notification' ? ['TCP/587'] : []),
      ...(service === 'billing' ? HTTPS : []),
    ]) {
      expect(ports).toContain(needed);
    }
    // DNS only to the cluster DNS.
    for (const rule of rules.filter((candidate) =>
      rulePorts(service, candidate).some((port) => DNS.includes(port)),
    )) {
      expect(peers(rule, 'to')).toEqual([
        expect.objectContaining({
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
        }),
      ]);
    }
  });
});

// ---------------------------------------------------------------------------
// The key that signs access tokens
// ---------------------------------------------------------------------------

const SECRET = 'portail-secrets';
const PRIVATE_KEY = 'jwt-private-key.pem';
const PREVIOUS_KEYS = 'jwt-previous-public-keys.json';
/** What identity accepts as JWT_KEY_ID (services/identity/src/config.ts). */
const KEY_ID = /^[A-Za-z0-9._-]{1,100}$/;

interface SecretFile {
  secret: string;
  key: string;
  /** File mode, as a number (0o400 is 256). */
  mode: number | undefined;
  readOnly: boolean;
}

/** The Secret volumes of a pod, plain or projected, as (secret, items, mode) sources. */
function secretSources(
  volume: Mapping,
): { secret: string; items: Mapping[] | undefined; defaultMode: number | undefined }[] {
  const numberOrUndefined = (value: unknown) => (value === undefined ? undefined : Number(value));
  if (isMapping(volume.secret)) {
    return [
      {
        secret: text(volume.secret.secretName, 'secretName'),
        items:
          volume.secret.items === undefined
            ? undefined
            : sequence(volume.secret.items, 'items').map((item) => mapping(item, 'item')),
        defaultMode: numberOrUndefined(volume.secret.defaultMode),
      },
    ];
  }
  if (isMapping(volume.projected)) {
    const defaultMode = numberOrUndefined(volume.projected.defaultMode);
    return optionalSequence(volume.projected.sources, 'projected sources')
      .map((source) => mapping(source, 'projected source'))
      .filter((source) => isMapping(source.secret))
      .map((source) => {
        const secret = mapping(source.secret, 'projected secret');
        return {
          secret: text(secret.name, 'projected secret name'),
          items:
            secret.items === undefined
              ? undefined
              : sequence(secret.items, 'items').map((item) => mapping(item, 'item')),
          defaultMode,
        };
      });
  }
  return [];
}

function podVolume(pod: PodTemplate, name: unknown): Mapping | undefined {
  return optionalSequence(pod.spec.volumes, 'volumes')
    .map((entry) => mapping(entry, 'volume'))
    .find((volume) => volume.name === name);
}

function mountsOf(container: Container): Mapping[] {
  return optionalSequence(container.body.volumeMounts, `${container.name} volumeMounts`).map(
    (entry) => mapping(entry, 'volumeMount'),
  );
}

/** Which Secret entry a container sees at an absolute path, through which mount. */
function secretFileAt(pod: PodTemplate, container: Container, file: string): SecretFile[] {
  const found: SecretFile[] = [];
  for (const mount of mountsOf(container)) {
    const mountPath = text(mount.mountPath, 'mountPath').replace(/\/+$/, '');
    let relative: string | undefined;
    if (mount.subPath !== undefined) {
      relative = file === mountPath ? text(mount.subPath, 'subPath') : undefined;
    } else if (file.startsWith(`${mountPath}/`)) {
      relative = file.slice(mountPath.length + 1);
    }
    const volume = podVolume(pod, mount.name);
    if (relative === undefined || volume === undefined) {
      continue;
    }
    for (const source of secretSources(volume)) {
      const item = source.items?.find((candidate) => candidate.path === relative);
      const key = source.items === undefined ? relative : item?.key;
      if (key === undefined) {
        continue;
      }
      found.push({
        secret: source.secret,
        key: text(key, 'item key'),
        mode: item?.mode === undefined ? source.defaultMode : Number(item.mode),
        readOnly: mount.readOnly === true,
      });
    }
  }
  return found;
}

/** Whether a container has the signing key of the Secret mounted. */
function mountsPrivateKey(pod: PodTemplate, container: Container): boolean {
  return mountsOf(container).some((mount) => {
    const volume = podVolume(pod, mount.name);
    return (
      volume !== undefined &&
      secretSources(volume).some(
        (source) =>
          source.secret === SECRET &&
          (source.items === undefined || source.items.some((item) => item.key === PRIVATE_KEY)),
      )
    );
  });
}

function workloadContainers(): { workload: K8sObject; pod: PodTemplate; container: Container }[] {
  return [...objectsOfKind('Deployment'), ...objectsOfKind('Job')].flatMap((workload) => {
    const pod = podTemplate(workload);
    return [...pod.containers, ...pod.initContainers].map((container) => ({
      workload,
      pod,
      container,
    }));
  });
}

describe('k8s/base signing key', () => {
  it('holds a marked placeholder of the private key, and no previous key, in the example Secret', () => {
    const secret = findObject('Secret', SECRET);
    expect(secret).toBeDefined();
    const data = secret === undefined ? {} : dataOf(secret);
    expect(data[PRIVATE_KEY]?.trim()).toBe(
      '-----BEGIN PRIVATE KEY-----\nCHANGE_ME\n-----END PRIVATE KEY-----',
    );
    expect(JSON.parse(data[PREVIOUS_KEYS] ?? 'null')).toEqual([]);
  });

  it('gives identity the private key as JWT_PRIVATE_KEY_FILE, a Secret file mounted read-only, mode 0400', () => {
    const { pod, main } = deploymentOf('identity');
    const file = envValue(main, 'JWT_PRIVATE_KEY_FILE') ?? '';
    expect(file).toMatch(/^\//);
    expect(secretFileAt(pod, main, file)).toEqual([
      { secret: SECRET, key: PRIVATE_KEY, mode: 0o400, readOnly: true },
    ]);
    // The files of a Secret volume belong to root: fsGroup lets the non-root user read them.
    expect(optionalMapping(pod.spec.securityContext, 'securityContext').fsGroup).toBeDefined();
  });

  it('gives identity the previous public keys as JWT_PREVIOUS_PUBLIC_KEYS_FILE, from the same Secret', () => {
    const { pod, main } = deploymentOf('identity');
    const file = envValue(main, 'JWT_PREVIOUS_PUBLIC_KEYS_FILE') ?? '';
    expect(secretFileAt(pod, main, file)).toEqual([
      expect.objectContaining({ secret: SECRET, key: PREVIOUS_KEYS, readOnly: true }),
    ]);
  });

  it('takes JWT_KEY_ID from a ConfigMap', () => {
    const { main } = deploymentOf('identity');
    expect(environment(main).get('JWT_KEY_ID')?.kind).toBe('configMap');
    expect(envValue(main, 'JWT_KEY_ID')).toMatch(KEY_ID);
  });

  it('mounts the private key in the identity container only (not in its migrate step)', () => {
    const holders = workloadContainers()
      .filter(({ pod, container }) => mountsPrivateKey(pod, container))
      .map(({ workload, container }) => `${workload.name}/${container.name}`);
    expect(holders).toEqual([`portail-identity/identity`]);
  });

  it('never passes signing keys through the environment', () => {
    for (const { container } of workloadContainers()) {
      const env = environment(container);
      for (const name of ['JWT_PRIVATE_KEY', 'JWT_PREVIOUS_PUBLIC_KEYS']) {
        expect({ container: container.name, name, set: env.has(name) }).toEqual({
          container: container.name,
          name,
          set: false,
        });
      }
      const fromKeys = [...env.values()].filter(
        (source) => source.kind === 'secret' && [PRIVATE_KEY, PREVIOUS_KEYS].includes(source.key),
      );
      expect(fromKeys).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------------------
// k8s/overlays/example
// ---------------------------------------------------------------------------

describe('k8s/overlays/example', () => {
  const dir = path.join(ROOT, 'k8s', 'overlays', 'example');
  const overlay = loadKustomization(dir);

  it('replaces the example Secret with one generated from secrets.env and the key files', () => {
    const generators = optionalSequence(overlay.secretGenerator, 'secretGenerator')
      .map((entry) => mapping(entry, 'secretGenerator[]'))
      .filter((generator) => generator.name === SECRET);
    expect(generators).toHaveLength(1);
    const [generator] = generators;
    expect(generator.behavior).toBe('replace');
    expect(optionalSequence(generator.envs, 'envs')).toContain('secrets.env');
    // `key=path` or `path` (the key is then the file name).
    const keys = optionalSequence(generator.files, 'files').map((entry) => {
      const value = text(entry, 'file');
      return value.includes('=') ? value.split('=')[0] : path.basename(value);
    });
    expect(keys).toEqual(expect.arrayContaining([PRIVATE_KEY, PREVIOUS_KEYS]));
  });

  it('commits the previous keys as a JSON array of public JWKs only', () => {
    const keys: unknown = JSON.parse(fs.readFileSync(path.join(dir, PREVIOUS_KEYS), 'utf8'));
    expect(Array.isArray(keys)).toBe(true);
    for (const key of sequence(keys, PREVIOUS_KEYS)) {
      expect(mapping(key, 'JWK').d).toBeUndefined();
      expect(typeof mapping(key, 'JWK').kid).toBe('string');
    }
  });
});
