/**
 * Who is calling, as the gateway established it from a verified access token. The gateway
 * forwards it to services in the `x-portail-caller` NATS header; services trust it (only the
 * gateway reaches them) and still check ownership and scope themselves.
 */
export type AgentRole = 'agent' | 'supervisor' | 'editor';

/** Every agent role: `editor` edits the organisation's public content (news, tiles, files). */
const AGENT_ROLE_VALUES: readonly string[] = ['agent', 'supervisor', 'editor'];

export interface FamilyCaller {
  kind: 'family';
  accountId: string;
}

export interface AgentCaller {
  kind: 'agent';
  accountId: string;
  organisationId: string;
  /** Municipal services of its organisation the agent works for. */
  serviceIds: string[];
  roles: AgentRole[];
}

export interface AdminCaller {
  kind: 'admin';
  accountId: string;
}

export type Caller = FamilyCaller | AgentCaller | AdminCaller;
export type CallerKind = Caller['kind'];

export const CALLER_HEADER = 'x-portail-caller';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Parses the header value; undefined when absent or malformed (the caller is then anonymous). */
export function parseCaller(value: string | undefined | null): Caller | undefined {
  if (!value) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const candidate = raw as Record<string, unknown>;
  if (typeof candidate.accountId !== 'string' || !UUID.test(candidate.accountId)) return undefined;
  switch (candidate.kind) {
    case 'family':
      return { kind: 'family', accountId: candidate.accountId };
    case 'admin':
      return { kind: 'admin', accountId: candidate.accountId };
    case 'agent': {
      const { organisationId, serviceIds, roles } = candidate;
      if (typeof organisationId !== 'string' || !UUID.test(organisationId)) return undefined;
      if (
        !Array.isArray(serviceIds) ||
        !serviceIds.every((id) => typeof id === 'string' && UUID.test(id))
      ) {
        return undefined;
      }
      if (
        !Array.isArray(roles) ||
        !roles.every((role) => typeof role === 'string' && AGENT_ROLE_VALUES.includes(role))
      )
        return undefined;
      return {
        kind: 'agent',
        accountId: candidate.accountId,
        organisationId,
        serviceIds: serviceIds as string[],
        roles: roles as AgentRole[],
      };
    }
    default:
      return undefined;
  }
}

/** Claims of the access token that identity signs and the gateway verifies (JWKS). */
export interface AccessTokenClaims {
  sub: string;
  /** The session (refresh-token chain) the token belongs to: revoked sessions are refused. */
  sid?: string;
  kind: CallerKind;
  org?: string;
  svc?: string[];
  roles?: AgentRole[];
}

export const ACCESS_TOKEN_ISSUER = 'portail-famille-identity';
export const ACCESS_TOKEN_AUDIENCE = 'portail-famille';

export function callerFromClaims(claims: AccessTokenClaims): Caller | undefined {
  return parseCaller(
    JSON.stringify({
      kind: claims.kind,
      accountId: claims.sub,
      organisationId: claims.org,
      serviceIds: claims.svc,
      roles: claims.roles,
    }),
  );
}

/**
 * NATS header proving who sent a request: `<payload>.<signature>`, both base64url, the payload
 * being the JSON of `CallerProofClaims` and the signature Ed25519 by the issuer's key. Services
 * trust the caller it carries, never the plain `x-portail-caller` header (kept for readability).
 */
export const CALLER_PROOF_HEADER = 'x-portail-caller-proof';

/** What the gateway (or a service calling another) signs for one request. */
export interface CallerProofClaims {
  /** Who signed: `gateway` or the name of a back-end service. */
  iss: string;
  /** The NATS subject the request was sent on (with its prefix). */
  sub: string;
  /** Issued at, epoch milliseconds. */
  iat: number;
  /** Unique id: a service refuses a proof it has already seen (replay). */
  jti: string;
  /** SHA-256 of the request's bytes, base64url: the proof cannot be moved to another body. */
  bh: string;
  /** The end user the request is made for, when there is one. */
  caller?: Caller;
}
