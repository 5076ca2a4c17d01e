import { MessagePattern } from '@nestjs/microservices';
import type { NoPayload, ReplyOf, RequestOf, RequestSubject } from '@portail/contracts';

type Same<X, Y> = [X] extends [Y] ? ([Y] extends [X] ? true : false) : false;

/** `true` when one of the parameter types P is exactly the request R (distributes over P). */
type IsParameter<R, P> = P extends unknown ? (Same<R, P> extends true ? true : never) : never;

/**
 * F itself when it takes the subject's request as one of its parameters (or the subject has no
 * payload) and answers its reply; `never` otherwise, which makes the decorator fail to apply.
 */
type RequestHandlerOf<S extends RequestSubject, F> = F extends (...args: infer A) => infer R
  ? [Awaited<R>] extends [ReplyOf<S>]
    ? [RequestOf<S>] extends [NoPayload]
      ? F
      : true extends IsParameter<RequestOf<S>, A[number]>
        ? F
        : never
    : never
  : never;

/**
 * `@MessagePattern` typed from `RequestReplies`: the handler must take the subject's very request
 * class (e.g. `@Payload() command: SignUpCommand`, validated by the service's pipe) and return its
 * reply. A handler of the wrong payload or reply fails compilation with "Unable to resolve
 * signature of method decorator".
 */
export function HandlesRequest<S extends RequestSubject>(subject: S) {
  return <F extends (...args: never[]) => unknown>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<F & RequestHandlerOf<S, F>>,
  ): void => {
    // A parameter class imported with `import type` is emitted as `Function`: its payload would
    // not be validated. Refuse it when the class is defined, not on the first request.
    const parameters = Reflect.getMetadata('design:paramtypes', target, key) as
      unknown[] | undefined;
    if (parameters?.includes(Function)) {
      throw new Error(
        `${target.constructor.name}.${String(key)} (${subject}): import its request class as a value, not with "import type"`,
      );
    }
    MessagePattern(subject)(target, key, descriptor);
  };
}
