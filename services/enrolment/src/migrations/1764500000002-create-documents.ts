import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Supporting documents ("pièces justificatives"): each household's documents with their
 * metadata, the bytes when stored in PostgreSQL (`document_blobs`), uploads in progress (a
 * NATS message holds ~1 MiB, so bytes come in parts), what each application attached, and
 * who among the staff read or downloaded a document.
 */
export class CreateDocuments1764500000002 implements MigrationInterface {
  name = 'CreateDocuments1764500000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY,
        household_id uuid NOT NULL,
        document_type text NOT NULL,
        label text NOT NULL,
        file_name text NOT NULL,
        content_type text NOT NULL
          CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
        size integer NOT NULL CHECK (size > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        valid_until date,
        storage_key text NOT NULL UNIQUE,
        uploaded_by uuid NOT NULL,
        uploaded_by_kind text NOT NULL CHECK (uploaded_by_kind IN ('family', 'agent', 'admin')),
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      'CREATE INDEX documents_household_idx ON documents (household_id, uploaded_at DESC, id DESC)',
    );

    await queryRunner.query(`
      CREATE TABLE document_blobs (
        storage_key text PRIMARY KEY,
        data bytea NOT NULL
      )`);
    // PDFs and images are already compressed: uncompressed TOAST lets substring() read one part.
    await queryRunner.query('ALTER TABLE document_blobs ALTER COLUMN data SET STORAGE EXTERNAL');

    await queryRunner.query(`
      CREATE TABLE document_uploads (
        id uuid PRIMARY KEY,
        household_id uuid NOT NULL,
        document_type text NOT NULL,
        label text NOT NULL,
        file_name text NOT NULL,
        valid_until date,
        size integer NOT NULL CHECK (size > 0),
        parts integer NOT NULL CHECK (parts > 0),
        uploaded_by uuid NOT NULL,
        uploaded_by_kind text NOT NULL CHECK (uploaded_by_kind IN ('family', 'agent', 'admin')),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX document_uploads_expiry_idx ON document_uploads (expires_at)',
    );
    await queryRunner.query(
      'CREATE INDEX document_uploads_uploader_idx ON document_uploads (uploaded_by, created_at DESC)',
    );
    await queryRunner.query(`
      CREATE TABLE document_upload_parts (
        upload_id uuid NOT NULL REFERENCES document_uploads (id) ON DELETE CASCADE,
        part_index integer NOT NULL CHECK (part_index >= 0),
        data bytea NOT NULL,
        PRIMARY KEY (upload_id, part_index)
      )`);
    await queryRunner.query(
      'ALTER TABLE document_upload_parts ALTER COLUMN data SET STORAGE EXTERNAL',
    );

    // What an application attached, copied so that a finished application still lists it once
    // the family has deleted the document (document_id then becomes NULL).
    await queryRunner.query(`
      CREATE TABLE application_documents (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
        document_id uuid REFERENCES documents (id) ON DELETE SET NULL,
        document_type text NOT NULL,
        file_name text NOT NULL,
        content_type text NOT NULL,
        size integer NOT NULL,
        attached_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (application_id, document_type, document_id)
      )`);
    await queryRunner.query(
      'CREATE INDEX application_documents_document_idx ON application_documents (document_id)',
    );

    // No foreign key to documents: the trace of an access outlives the document.
    await queryRunner.query(`
      CREATE TABLE document_access_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        document_id uuid NOT NULL,
        household_id uuid NOT NULL,
        application_ids uuid[] NOT NULL,
        action text NOT NULL CHECK (action IN ('metadata', 'download')),
        actor_kind text NOT NULL CHECK (actor_kind IN ('agent', 'admin')),
        actor_account_id uuid NOT NULL,
        organisation_id uuid,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      'CREATE INDEX document_access_log_document_idx ON document_access_log (document_id, at DESC)',
    );
    await queryRunner.query(
      'CREATE INDEX document_access_log_household_idx ON document_access_log (household_id, at DESC)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE document_access_log');
    await queryRunner.query('DROP TABLE application_documents');
    await queryRunner.query('DROP TABLE document_upload_parts');
    await queryRunner.query('DROP TABLE document_uploads');
    await queryRunner.query('DROP TABLE document_blobs');
    await queryRunner.query('DROP TABLE documents');
  }
}
