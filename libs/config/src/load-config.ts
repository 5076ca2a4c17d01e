import { z } from 'zod';
import { ConfigError } from './config-error';

/**
 * Parses the environment with a zod schema. The first problem stops start-up with one
 * readable line naming the variable, e.g.
 * `Invalid configuration for identity: HTTP_PORT must be a port number (1-65535), got "abc"`.
 */
export function loadConfig<S extends z.ZodType>(
  service: string,
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    // A list variable (e.g. CORS_ORIGINS) reports the index of the bad item after its name.
    const name = String(issue.path[0] ?? '');
    const item = issue.path.length > 1 ? ` (item ${issue.path.slice(1).join('.')})` : '';
    const raw = env[name];
    const got = raw === undefined ? 'it is not set' : `got "${raw}"`;
    return `${name}${item} ${issue.message} (${got})`;
  });
  throw new ConfigError(`Invalid configuration for ${service}: ${problems.join('; ')}`);
}
