import { Controller, Inject } from '@nestjs/common';
import type { JSONWebKeySet } from 'jose';
import { Subjects } from '@portail/contracts';
import { HandlesRequest } from '@portail/service-kit';
import { SIGNING_KEYS, type SigningKeys } from './signing-keys';

@Controller()
export class KeysController {
  constructor(@Inject(SIGNING_KEYS) private readonly keys: SigningKeys) {}

  /** The public keys of access tokens: the current one and those kept for rotation. */
  @HandlesRequest(Subjects.identity.keysJwks)
  jwks(): JSONWebKeySet {
    return { keys: this.keys.publicKeys };
  }
}
