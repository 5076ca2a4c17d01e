import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { KeysModule } from '../keys/keys.module';
import { AccountToken } from '../tokens/account-token.entity';
import { AccountTokens } from '../tokens/account-tokens';
import { Logout } from '../tokens/logout.use-case';
import { RefreshSession } from '../tokens/refresh-session.use-case';
import { RefreshToken } from '../tokens/refresh-token.entity';
import { SessionTokens } from '../tokens/session-tokens';
import { TokenPairIssuer } from '../tokens/token-pair.issuer';
import { CredentialFailures } from './credential-failures';
import { Account } from './account.entity';
import { AccountsController } from './accounts.controller';
import { AgentAssignmentScopeReader } from '../agents/agent-assignment-scope.reader';
import { AgentScopeReader } from './agent-scope.reader';
import { ChangeMyEmail } from './change-my-email.use-case';
import { ChangeMyPassword } from './change-my-password.use-case';
import { CreateStaffAccount } from './create-staff-account.use-case';
import { CreateVerifiedFamilyAccount } from './create-verified-family-account.use-case';
import { GetMailLinkToken } from './get-mail-link-token.use-case';
import { GetMyAccount } from './get-my-account.use-case';
import { Login } from './login.use-case';
import { PasswordHasher } from './password-hasher';
import { RequestPasswordReset } from './request-password-reset.use-case';
import { ResendVerification } from './resend-verification.use-case';
import { ResetPassword } from './reset-password.use-case';
import { SignUp } from './sign-up.use-case';
import { VerifyEmail } from './verify-email.use-case';

/**
 * Personal spaces, sessions and tokens. Exports CreateStaffAccount (agents and admins),
 * CreateVerifiedFamilyAccount (the demo seed; no controller), PasswordHasher and SessionTokens
 * (refresh-token chains, revoked by the closure of an account); the agents module replaces
 * NoAgentScopeReader with its own reader here.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Account, AccountToken, RefreshToken]), KeysModule],
  controllers: [AccountsController],
  providers: [
    PasswordHasher,
    CredentialFailures,
    AccountTokens,
    SessionTokens,
    TokenPairIssuer,
    { provide: AgentScopeReader, useClass: AgentAssignmentScopeReader },
    SignUp,
    VerifyEmail,
    ResendVerification,
    Login,
    RefreshSession,
    Logout,
    RequestPasswordReset,
    ResetPassword,
    GetMyAccount,
    GetMailLinkToken,
    ChangeMyPassword,
    ChangeMyEmail,
    CreateStaffAccount,
    CreateVerifiedFamilyAccount,
  ],
  exports: [
    CreateStaffAccount,
    CreateVerifiedFamilyAccount,
    PasswordHasher,
    SessionTokens,
    CredentialFailures,
  ],
})
export class AccountsModule {}
