import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * News, tiles, uploaded files and the log of every change. News are searched in French with
 * accents ignored: `french_unaccent` is the `french` configuration with `unaccent` before
 * stemming, used by a generated tsvector column (a regconfig constant keeps it immutable).
 */
export class CreateContent1764300000001 implements MigrationInterface {
  name = 'CreateContent1764300000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS unaccent');
    await queryRunner.query('CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french)');
    await queryRunner.query(`
      ALTER TEXT SEARCH CONFIGURATION french_unaccent
        ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem`);
    await queryRunner.query(`
      CREATE TABLE content_files (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('image', 'attachment')),
        file_name text NOT NULL,
        content_type text NOT NULL,
        size integer NOT NULL,
        sha256 text NOT NULL,
        data bytea NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE news_items (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL,
        title text NOT NULL,
        summary text NOT NULL,
        body_markdown text NOT NULL,
        body_html text NOT NULL,
        body_text text NOT NULL,
        image_id uuid REFERENCES content_files (id),
        category text NOT NULL,
        audience_service_ids uuid[] NOT NULL DEFAULT '{}',
        publish_from timestamptz,
        publish_until timestamptz,
        pinned boolean NOT NULL DEFAULT false,
        status text NOT NULL CHECK (status IN ('draft', 'published')),
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('french_unaccent'::regconfig, title), 'A') ||
          setweight(to_tsvector('french_unaccent'::regconfig, summary), 'B') ||
          setweight(to_tsvector('french_unaccent'::regconfig, body_text), 'C')
        ) STORED,
        CHECK (publish_until IS NULL OR publish_from IS NULL OR publish_until > publish_from)
      )`);
    await queryRunner.query(
      'CREATE INDEX news_items_search_idx ON news_items USING gin (search_vector)',
    );
    await queryRunner.query(`
      CREATE INDEX news_items_public_idx ON news_items
        (organisation_id, (coalesce(publish_from, published_at)) DESC) WHERE status = 'published'`);
    await queryRunner.query(`
      CREATE TABLE tiles (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('activity', 'contact')),
        title text NOT NULL,
        body_markdown text NOT NULL DEFAULT '',
        body_html text NOT NULL DEFAULT '',
        blocks jsonb NOT NULL DEFAULT '{}'::jsonb,
        position integer NOT NULL DEFAULT 0,
        status text NOT NULL CHECK (status IN ('draft', 'published')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      'CREATE INDEX tiles_organisation_idx ON tiles (organisation_id, position)',
    );
    await queryRunner.query(`
      CREATE TABLE content_changes (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL,
        subject_type text NOT NULL CHECK (subject_type IN ('news', 'tile', 'file')),
        subject_id uuid NOT NULL,
        action text NOT NULL,
        actor_account_id uuid NOT NULL,
        snapshot jsonb,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      'CREATE INDEX content_changes_subject_idx ON content_changes (organisation_id, subject_id, at)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE content_changes');
    await queryRunner.query('DROP TABLE tiles');
    await queryRunner.query('DROP TABLE news_items');
    await queryRunner.query('DROP TABLE content_files');
    await queryRunner.query('DROP TEXT SEARCH CONFIGURATION french_unaccent');
  }
}
