import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestSystem } from '@portail/testing';
import { startSystem } from './services';

const run = promisify(execFile);

/** The repository root (this file is test/support/openapi.ts). */
export const ROOT_DIR = join(__dirname, '..', '..');

/** The OpenAPI document the gateway serves, as served (text) and parsed. */
export interface OpenApiDocument {
  text: string;
  document: Record<string, unknown>;
}

/** `GET /openapi.json` on a running gateway. */
export async function fetchOpenApiDocument(gatewayUrl: string): Promise<OpenApiDocument> {
  const response = await fetch(`${gatewayUrl}/openapi.json`);
  const text = await response.text();
  if (response.status !== 200) {
    throw new Error(`GET /openapi.json answered ${response.status}: ${text.slice(0, 500)}`);
  }
  return { text, document: JSON.parse(text) as Record<string, unknown> };
}

/**
 * The OpenAPI document without a live system: starts the gateway alone with the test harness
 * (it builds the document at start and needs no back-end service for it), fetches
 * `/openapi.json` and stops it. For tooling: linters, client generators.
 */
export async function openApiDocumentFromTestGateway(): Promise<OpenApiDocument> {
  const system: TestSystem = await startSystem([]);
  try {
    return await fetchOpenApiDocument(system.gatewayUrl);
  } finally {
    await system.close();
  }
}

/** A temporary directory for tools that read files, removed by the returned function. */
export async function temporaryDirectory(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'portail-openapi-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes the document to `<dir>/openapi.json` and returns that path. */
export async function writeOpenApiDocument(dir: string, openApi: OpenApiDocument): Promise<string> {
  const path = join(dir, 'openapi.json');
  await writeFile(path, openApi.text);
  return path;
}

/** Runs `node <script> <args>` from the repository root; rejects with its output on failure. */
export async function runNode(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [script, ...args], {
    cwd: ROOT_DIR,
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
}
