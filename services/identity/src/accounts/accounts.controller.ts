import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AccountSubjects,
  type AccountProfile,
  type Acknowledgement,
  type Caller,
  type TokenPair,
  ChangeEmailCommand,
  ChangePasswordCommand,
  EmailCommand,
  LoginCommand,
  MailLinkTokenQuery,
  type MailLinkToken,
  RefreshCommand,
  ResetPasswordCommand,
  SignUpCommand,
  TokenCommand,
} from '@portail/contracts';
import { ClientAddress, CurrentCaller, HandlesRequest, OptionalCaller } from '@portail/service-kit';
import { Logout } from '../tokens/logout.use-case';
import { RefreshSession } from '../tokens/refresh-session.use-case';
import { ChangeMyEmail } from './change-my-email.use-case';
import { ChangeMyPassword } from './change-my-password.use-case';
import { GetMailLinkToken } from './get-mail-link-token.use-case';
import { GetMyAccount } from './get-my-account.use-case';
import { Login } from './login.use-case';
import { RequestPasswordReset } from './request-password-reset.use-case';
import { ResendVerification } from './resend-verification.use-case';
import { ResetPassword } from './reset-password.use-case';
import { SignUp } from './sign-up.use-case';
import { VerifyEmail } from './verify-email.use-case';

@Controller()
export class AccountsController {
  constructor(
    private readonly signUpUseCase: SignUp,
    private readonly verifyEmailUseCase: VerifyEmail,
    private readonly resendVerificationUseCase: ResendVerification,
    private readonly loginUseCase: Login,
    private readonly refreshSession: RefreshSession,
    private readonly logoutUseCase: Logout,
    private readonly requestPasswordReset: RequestPasswordReset,
    private readonly resetPasswordUseCase: ResetPassword,
    private readonly getMyAccount: GetMyAccount,
    private readonly changeMyPassword: ChangeMyPassword,
    private readonly changeMyEmail: ChangeMyEmail,
    private readonly getMailLinkToken: GetMailLinkToken,
  ) {}

  @HandlesRequest(AccountSubjects.signUp)
  signUp(@Payload() command: SignUpCommand): Promise<Acknowledgement> {
    return this.signUpUseCase.execute(command);
  }

  @HandlesRequest(AccountSubjects.verifyEmail)
  async verifyEmail(@Payload() command: TokenCommand): Promise<Record<string, never>> {
    await this.verifyEmailUseCase.execute(command.token);
    return {};
  }

  @HandlesRequest(AccountSubjects.resendVerification)
  resendVerification(@Payload() command: EmailCommand): Promise<Acknowledgement> {
    return this.resendVerificationUseCase.execute(command.email);
  }

  @HandlesRequest(AccountSubjects.login)
  login(
    @Payload() command: LoginCommand,
    @ClientAddress() clientAddress: string | undefined,
  ): Promise<TokenPair> {
    return this.loginUseCase.execute(command, clientAddress);
  }

  @HandlesRequest(AccountSubjects.refresh)
  refresh(@Payload() command: RefreshCommand): Promise<TokenPair> {
    return this.refreshSession.execute(command.refreshToken);
  }

  @HandlesRequest(AccountSubjects.logout)
  async logout(@Payload() command: RefreshCommand): Promise<Record<string, never>> {
    await this.logoutUseCase.execute(command.refreshToken);
    return {};
  }

  @HandlesRequest(AccountSubjects.requestPasswordReset)
  forgotPassword(@Payload() command: EmailCommand): Promise<Acknowledgement> {
    return this.requestPasswordReset.execute(command.email);
  }

  @HandlesRequest(AccountSubjects.resetPassword)
  async resetPassword(@Payload() command: ResetPasswordCommand): Promise<Record<string, never>> {
    await this.resetPasswordUseCase.execute(command);
    return {};
  }

  @HandlesRequest(AccountSubjects.getMe)
  me(@CurrentCaller() caller: Caller): Promise<AccountProfile> {
    return this.getMyAccount.execute(caller);
  }

  @HandlesRequest(AccountSubjects.changeMyPassword)
  changePassword(
    @CurrentCaller() caller: Caller,
    @Payload() command: ChangePasswordCommand,
    @ClientAddress() clientAddress: string | undefined,
  ): Promise<TokenPair> {
    return this.changeMyPassword.execute(caller, command, clientAddress);
  }

  @HandlesRequest(AccountSubjects.changeMyEmail)
  changeEmail(
    @CurrentCaller() caller: Caller,
    @Payload() command: ChangeEmailCommand,
    @ClientAddress() clientAddress: string | undefined,
  ): Promise<Acknowledgement> {
    return this.changeMyEmail.execute(caller, command, clientAddress);
  }

  @HandlesRequest(AccountSubjects.mailLinkToken)
  mailLinkToken(
    @OptionalCaller() caller: Caller | undefined,
    @Payload() query: MailLinkTokenQuery,
  ): Promise<MailLinkToken> {
    return this.getMailLinkToken.execute(caller, query.linkId);
  }
}
