import { Injectable, type OnModuleInit } from '@nestjs/common';
import { argon2id, hash as argon2Hash, verify as argon2Verify } from 'argon2';
import { randomBytes } from 'node:crypto';

/** argon2id with the library's defaults (64 MiB, 3 passes, 4 lanes), as OWASP recommends. */
const OPTIONS = { type: argon2id } as const;

@Injectable()
export class PasswordHasher implements OnModuleInit {
  /** Verified against when the e-mail is unknown, so that both answers take as long. */
  private dummyHash = '';

  async onModuleInit(): Promise<void> {
    this.dummyHash = await argon2Hash(randomBytes(32).toString('base64url'), OPTIONS);
  }

  hash(password: string): Promise<string> {
    return argon2Hash(password, OPTIONS);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2Verify(hash, password);
    } catch {
      return false;
    }
  }

  /** Spends the time of a verification and answers false. */
  async verifyNothing(password: string): Promise<false> {
    await this.verify(this.dummyHash, password);
    return false;
  }
}
