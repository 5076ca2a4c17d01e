import type { ServiceHealth } from './health';

/**
 * Commands and queries over NATS request/reply: for each subject, what is sent and what comes
 * back. Each domain declares its own subjects by augmenting this interface, once, beside the
 * request and reply classes (which carry the validation rules and the OpenAPI description):
 *
 *   declare module '../requests' {
 *     interface RequestReplies {
 *       [AccountSubjects.signUp]: { request: SignUpCommand; reply: Acknowledgement };
 *     }
 *   }
 *
 * `ServiceClient.request` (gateway), `ServiceRequester.request` (service to service) and
 * `@HandlesRequest` (the handler) are typed from it, so a wrong payload or a misuse of a reply
 * does not compile.
 */
export interface RequestReplies {
  [health: `${string}.health`]: { request: NoPayload; reply: ServiceHealth };
}

/** The payload of a query that needs nothing but the caller (sent as `{}`). */
export type NoPayload = Record<string, never>;

/** A command whose reply carries nothing (the gateway answers 204). */
export type NoReply = Record<string, never>;

export type RequestSubject = Extract<keyof RequestReplies, string>;

export type RequestOf<S extends RequestSubject> = RequestReplies[S] extends { request: infer R }
  ? R
  : never;

export type ReplyOf<S extends RequestSubject> = RequestReplies[S] extends { reply: infer R }
  ? R
  : never;
