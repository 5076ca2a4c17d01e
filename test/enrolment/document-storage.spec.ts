import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { DataSource } from 'typeorm';
import {
  dropDatabase,
  ensureDatabase,
  serviceDataSourceOptions,
  withDatabase,
} from '@portail/database';
import { TestSystem } from '@portail/testing';
import type { DocumentStorage } from '../../services/enrolment/src/documents/storage/document-storage';
import { FilesystemDocumentStorage } from '../../services/enrolment/src/documents/storage/filesystem-document-storage';
import { PostgresDocumentStorage } from '../../services/enrolment/src/documents/storage/postgres-document-storage';
import { S3DocumentStorage } from '../../services/enrolment/src/documents/storage/s3-document-storage';
import { CreateApplications1764500000001 } from '../../services/enrolment/src/migrations/1764500000001-create-applications';
import { CreateDocuments1764500000002 } from '../../services/enrolment/src/migrations/1764500000002-create-documents';

/** Each storage against the real thing: PostgreSQL, a temporary directory, an S3-protocol server. */
interface StorageUnderTest {
  storage: DocumentStorage;
  dispose(): Promise<void>;
}

async function postgresStorage(): Promise<StorageUnderTest> {
  const database = TestSystem.uniqueDatabaseName('documentstore');
  await ensureDatabase(TestSystem.serverUrl(), database);
  const dataSource = new DataSource(
    serviceDataSourceOptions({
      service: 'enrolment',
      url: withDatabase(TestSystem.serverUrl(), database),
      poolSize: 2,
      entities: [],
      migrations: [CreateApplications1764500000001, CreateDocuments1764500000002],
    }),
  );
  await dataSource.initialize();
  await dataSource.runMigrations();
  return {
    storage: new PostgresDocumentStorage(dataSource),
    dispose: async () => {
      await dataSource.destroy();
      await dropDatabase(TestSystem.serverUrl(), database);
    },
  };
}

async function filesystemStorage(): Promise<StorageUnderTest> {
  const directory = await mkdtemp(join(tmpdir(), 'portail-documents-'));
  return {
    storage: new FilesystemDocumentStorage(directory),
    dispose: () => rm(directory, { recursive: true, force: true }),
  };
}

async function s3Storage(): Promise<StorageUnderTest> {
  const directory = await mkdtemp(join(tmpdir(), 'portail-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: 'pieces-justificatives' }],
  });
  const { port } = await server.run();
  const storage = new S3DocumentStorage({
    bucket: 'pieces-justificatives',
    region: 'eu-west-3',
    endpoint: `http://127.0.0.1:${port}`,
    forcePathStyle: true,
    // s3rver checks signatures made with its fixed key pair.
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
  });
  return {
    storage,
    dispose: async () => {
      await storage.close();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

describe.each([
  ['PostgreSQL', postgresStorage],
  ['filesystem', filesystemStorage],
  ['S3', s3Storage],
])('document storage: %s', (_name, create) => {
  let underTest: StorageUnderTest;
  let storage: DocumentStorage;
  const key = (suffix: string) => `households/0195a8e0-0000-7000-8000-00000000000a/${suffix}`;

  beforeAll(async () => {
    underTest = await create();
    storage = underTest.storage;
  });

  afterAll(async () => {
    await underTest?.dispose();
  });

  it('gives back the bytes it stored, byte for byte', async () => {
    const bytes = randomBytes(1_300_000);
    await storage.put(key('whole'), bytes);
    expect((await storage.get(key('whole')))?.equals(bytes)).toBe(true);
  });

  it('reads a range, as downloads in parts do', async () => {
    const bytes = randomBytes(200_000);
    await storage.put(key('range'), bytes);
    const part = await storage.get(key('range'), { start: 150_000, length: 50_000 });
    expect(part?.equals(bytes.subarray(150_000))).toBe(true);
    const middle = await storage.get(key('range'), { start: 1, length: 10 });
    expect(middle?.equals(bytes.subarray(1, 11))).toBe(true);
  });

  it('answers undefined for a key it does not hold', async () => {
    expect(await storage.get(key('missing'))).toBeUndefined();
    expect(await storage.get(key('missing'), { start: 0, length: 10 })).toBeUndefined();
  });

  it('deletes, and deleting again or an unknown key is not an error', async () => {
    await storage.put(key('deleted'), Buffer.from('%PDF-1.4 à supprimer'));
    await storage.delete(key('deleted'));
    expect(await storage.get(key('deleted'))).toBeUndefined();
    await expect(storage.delete(key('deleted'))).resolves.toBeUndefined();
    await expect(storage.delete(key('never-stored'))).resolves.toBeUndefined();
  });

  it('refuses a key that could reach outside its place', async () => {
    await expect(storage.put('../../etc/passwd', Buffer.from('x'))).rejects.toThrow(
      /Invalid document storage key/,
    );
    await expect(storage.get('households/../secret')).rejects.toThrow(
      /Invalid document storage key/,
    );
  });
});

describe('filesystem document storage', () => {
  it('leaves no temporary file behind', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'portail-documents-'));
    try {
      const storage = new FilesystemDocumentStorage(directory);
      await storage.put('households/h1/d1', Buffer.from('%PDF-1.7'));
      expect(await readdir(join(directory, 'households', 'h1'))).toEqual(['d1']);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
