import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { Payload } from '@nestjs/microservices';
import {
  AccountSubjects,
  EmailCommand,
  SignUpCommand,
  type Acknowledgement,
  type TokenPair,
} from '@portail/contracts';
import { HandlesRequest } from './handles-request.decorator';

/* The lines marked @ts-expect-error are the proof: `npm run typecheck` fails if they compile. */
class Handlers {
  @HandlesRequest(AccountSubjects.signUp)
  right(@Payload() command: SignUpCommand): Promise<Acknowledgement> {
    return Promise.resolve({ message: command.email });
  }

  // @ts-expect-error -- another request class than the subject's (even a narrower one)
  @HandlesRequest(AccountSubjects.signUp)
  wrongPayload(@Payload() command: EmailCommand): Promise<Acknowledgement> {
    return Promise.resolve({ message: command.email });
  }

  // @ts-expect-error -- a reply that is not the subject's
  @HandlesRequest(AccountSubjects.signUp)
  wrongReply(@Payload() command: SignUpCommand): Promise<TokenPair> {
    return Promise.resolve({
      accessToken: command.email,
      refreshToken: '',
      expiresIn: 1,
      tokenType: 'Bearer',
    });
  }
}

describe('HandlesRequest', () => {
  it('registers the handler for its subject as @MessagePattern does', () => {
    const metadata: unknown = Reflect.getMetadata(PATTERN_METADATA, Handlers.prototype.right);
    expect(metadata).toEqual([AccountSubjects.signUp]);
  });
});
