/**
 * Baseline of the content-home benchmark: the least a server can do to answer
 * `GET /api/v1/content/home` for a visitor from the content database. One Fastify handler
 * runs the three queries of the content service (pinned news, latest news, published tiles)
 * with `pg` and returns the same JSON, with the same ETag and If-None-Match handling: no
 * NATS hop, no Nest, no TypeORM, no guards, hooks or security headers.
 *
 * Child process of bench/run.ts. Environment: DATABASE_URL (the content database),
 * HTTP_PORT, DATABASE_POOL_SIZE (default 10).
 */
import { createHash } from 'node:crypto';
import Fastify from 'fastify';
import { Pool } from 'pg';

interface NewsRow {
  id: string;
  organisation_id: string;
  title: string;
  summary: string;
  image_id: string | null;
  category: string;
  audience_service_ids: string[];
  publish_from: Date | null;
  publish_until: Date | null;
  pinned: boolean;
  status: string;
  published_at: Date | null;
  updated_at: Date;
}

interface TileRow {
  id: string;
  organisation_id: string;
  kind: string;
  title: string;
  body_html: string;
  blocks: unknown;
  position: number;
  status: string;
  updated_at: Date;
}

const NEWS = `
  SELECT id, organisation_id, title, summary, image_id, category, audience_service_ids,
         publish_from, publish_until, pinned, status, published_at, updated_at
    FROM news_items
   WHERE status = 'published'
     AND (publish_from IS NULL OR publish_from <= now())
     AND (publish_until IS NULL OR publish_until > now())
     AND cardinality(audience_service_ids) = 0
     AND pinned = $1
   ORDER BY COALESCE(publish_from, published_at) DESC, id DESC
   LIMIT $2`;
const TILES = `
  SELECT id, organisation_id, kind, title, body_html, blocks, position, status, updated_at
    FROM tiles WHERE status = 'published'
   ORDER BY organisation_id ASC, position ASC, title ASC`;

/** Same fields, same order as the content service's views. */
const newsView = (row: NewsRow) => ({
  id: row.id,
  organisationId: row.organisation_id,
  title: row.title,
  summary: row.summary,
  imageId: row.image_id,
  category: row.category,
  audienceServiceIds: row.audience_service_ids,
  publishFrom: row.publish_from?.toISOString() ?? null,
  publishUntil: row.publish_until?.toISOString() ?? null,
  pinned: row.pinned,
  status: row.status,
  publishedAt: row.published_at?.toISOString() ?? null,
  updatedAt: row.updated_at.toISOString(),
});
const tileView = (row: TileRow) => ({
  id: row.id,
  organisationId: row.organisation_id,
  kind: row.kind,
  title: row.title,
  bodyHtml: row.body_html,
  blocks: row.blocks,
  position: row.position,
  status: row.status,
  updatedAt: row.updated_at.toISOString(),
});

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required');
  const port = Number(process.env.HTTP_PORT ?? 0);
  const pool = new Pool({
    connectionString: databaseUrl,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    application_name: 'portail-bench-bare-content',
  });
  const app = Fastify({ logger: false });

  app.get('/api/v1/content/home', async (request, reply) => {
    const [pinned, latest, tiles] = await Promise.all([
      pool.query<NewsRow>(NEWS, [true, 10]),
      pool.query<NewsRow>(NEWS, [false, 5]),
      pool.query<TileRow>(TILES),
    ]);
    const body = {
      pinned: pinned.rows.map(newsView),
      latest: latest.rows.map(newsView),
      tiles: tiles.rows.map(tileView),
    };
    const json = JSON.stringify(body);
    const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
    void reply
      .header('etag', etag)
      .header('cache-control', 'public, max-age=0, must-revalidate')
      .header('vary', 'Authorization');
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    return reply.header('content-type', 'application/json; charset=utf-8').send(json);
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
        process.stderr.write(`bare content server: shutdown failed: ${String(error)}\n`);
        process.exit(1);
      });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bare content server: start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
