import * as path from 'path';
import {
  ALL_SERVICES,
  BACKEND_SERVICES as BACKENDS,
  DEFAULT_HTTP_PORTS,
  type ServiceName,
} from '@portail/contracts';

/** What the deployment specs share: the services as the code declares them, and YAML narrowing. */
export const ROOT = path.resolve(__dirname, '..', '..');
export const HTTP_PORTS = DEFAULT_HTTP_PORTS;
export type { ServiceName };
export const SERVICES: readonly ServiceName[] = ALL_SERVICES;
export const BACKEND_SERVICES: readonly ServiceName[] = BACKENDS;
/** The default of SHUTDOWN_TIMEOUT_MS in libs/config. */
export const SHUTDOWN_TIMEOUT_MS_DEFAULT = 10000;

export type Mapping = Record<string, unknown>;

export function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function mapping(value: unknown, what: string): Mapping {
  if (!isMapping(value)) {
    throw new Error(`${what} should be a mapping, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function optionalMapping(value: unknown, what: string): Mapping {
  return value === undefined ? {} : mapping(value, what);
}

export function sequence(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) {
    throw new Error(`${what} should be a sequence, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function optionalSequence(value: unknown, what: string): unknown[] {
  return value === undefined ? [] : sequence(value, what);
}

export function text(value: unknown, what: string): string {
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (typeof value !== 'string') {
    throw new Error(`${what} should be a string, got ${JSON.stringify(value)}`);
  }
  return value;
}
