import type { TestSystem } from '@portail/testing';

export interface JsonResponse<T = Record<string, unknown>> {
  status: number;
  contentType: string;
  body: T;
}

/** One call to the gateway's API with a JSON body (when given) and the caller's headers. */
export async function api<T = Record<string, unknown>>(
  system: TestSystem,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<JsonResponse<T>> {
  const response = await fetch(`${system.gatewayUrl}/api/v1${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: (text ? JSON.parse(text) : {}) as T,
  };
}

export interface Problem {
  code: string;
  status: number;
  detail: string;
  details?: { fields?: Array<{ field: string; message: string }> };
}

/** The fields named by a 400 problem+json. */
export function fieldsOf(response: JsonResponse<unknown>): string[] {
  const problem = response.body as Problem;
  return [...new Set((problem.details?.fields ?? []).map((field) => field.field))].sort();
}

let counter = 0;
/** A slug or code unique within a test run. */
export function uniqueSlug(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}
