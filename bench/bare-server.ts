/**
 * Baseline of the gateway round-trip benchmark: the least a server can do to answer
 * `GET /api/v1/organisations` from the identity database. One Fastify handler runs the queries
 * of the identity service with `pg` (a Pool of the same size) and returns the same JSON:
 * no NATS hop, no Nest, no TypeORM, no guards, hooks or security headers.
 *
 * Child process of bench/run.ts. Environment: DATABASE_URL (the identity database),
 * HTTP_PORT, DATABASE_POOL_SIZE (default 10).
 */
import Fastify from 'fastify';
import { Pool } from 'pg';

interface OrganisationRow {
  id: string;
  slug: string;
  name: string;
  kind: 'intercommunality' | 'commune';
  inseeCode: string | null;
  contact: Record<string, unknown>;
  active: boolean;
}

interface MunicipalServiceRow {
  id: string;
  organisationId: string;
  code: string;
  name: string;
  category: string;
  description: string | null;
  contact: Record<string, unknown>;
  active: boolean;
}

/**
 * The two queries of identity's ListOrganisations (active organisations by name, then their
 * active services by name) and its answer: each organisation with its `services`.
 */
const LIST_ORGANISATIONS =
  'SELECT id, slug, name, kind, insee_code AS "inseeCode", contact, active FROM organisations' +
  ' WHERE active ORDER BY name ASC';
const LIST_SERVICES =
  'SELECT id, organisation_id AS "organisationId", code, name, category, description, contact, active' +
  ' FROM municipal_services WHERE organisation_id = ANY($1::uuid[]) AND active ORDER BY name ASC';

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required');
  const port = Number(process.env.HTTP_PORT ?? 0);
  const pool = new Pool({
    connectionString: databaseUrl,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    application_name: 'portail-bench-bare',
  });
  const app = Fastify({ logger: false });

  app.get('/api/v1/organisations', async () => {
    const organisations = (await pool.query<OrganisationRow>(LIST_ORGANISATIONS)).rows;
    if (!organisations.length) return [];
    const services = (
      await pool.query<MunicipalServiceRow>(LIST_SERVICES, [organisations.map((o) => o.id)])
    ).rows;
    return organisations.map((organisation) => ({
      ...organisation,
      services: services.filter((service) => service.organisationId === organisation.id),
    }));
  });
  app.get('/health/ready', async () => {
    await pool.query('SELECT 1');
    return { status: 'ok' };
  });

  await app.listen({ port, host: '127.0.0.1' });

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    app
      .close()
      .then(() => pool.end())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        process.stderr.write(`bare server: shutdown failed: ${String(error)}\n`);
        process.exit(1);
      });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bare server: start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
