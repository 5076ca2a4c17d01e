import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AccountSubjects,
  type AccountProfile,
  type Acknowledgement,
  type Caller,
  type TokenPair,
} from '@portail/contracts';
import { CurrentCaller } from '@portail/service-kit';
import { Logout } from '../tokens/logout.use-case';
import { RefreshSession } from '../tokens/refresh-session.use-case';
import {
  ChangeEmailDto,
  ChangePasswordDto,
  EmailDto,
  LoginDto,
  RefreshDto,
  ResetPasswordDto,
  SignUpDto,
  TokenDto,
} from './account.dto';
import { ChangeMyEmail } from './change-my-email.use-case';
import { ChangeMyPassword } from './change-my-password.use-case';
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
  ) {}

  @MessagePattern(AccountSubjects.signUp)
  signUp(@Payload() command: SignUpDto): Promise<Acknowledgement> {
    return this.signUpUseCase.execute(command);
  }

  @MessagePattern(AccountSubjects.verifyEmail)
  async verifyEmail(@Payload() command: TokenDto): Promise<Record<string, never>> {
    await this.verifyEmailUseCase.execute(command.token);
    return {};
  }

  @MessagePattern(AccountSubjects.resendVerification)
  resendVerification(@Payload() command: EmailDto): Promise<Acknowledgement> {
    return this.resendVerificationUseCase.execute(command.email);
  }

  @MessagePattern(AccountSubjects.login)
  login(@Payload() command: LoginDto): Promise<TokenPair> {
    return this.loginUseCase.execute(command);
  }

  @MessagePattern(AccountSubjects.refresh)
  refresh(@Payload() command: RefreshDto): Promise<TokenPair> {
    return this.refreshSession.execute(command.refreshToken);
  }

  @MessagePattern(AccountSubjects.logout)
  async logout(@Payload() command: RefreshDto): Promise<Record<string, never>> {
    await this.logoutUseCase.execute(command.refreshToken);
    return {};
  }

  @MessagePattern(AccountSubjects.requestPasswordReset)
  forgotPassword(@Payload() command: EmailDto): Promise<Acknowledgement> {
    return this.requestPasswordReset.execute(command.email);
  }

  @MessagePattern(AccountSubjects.resetPassword)
  async resetPassword(@Payload() command: ResetPasswordDto): Promise<Record<string, never>> {
    await this.resetPasswordUseCase.execute(command);
    return {};
  }

  @MessagePattern(AccountSubjects.getMe)
  me(@CurrentCaller() caller: Caller): Promise<AccountProfile> {
    return this.getMyAccount.execute(caller);
  }

  @MessagePattern(AccountSubjects.changeMyPassword)
  changePassword(
    @CurrentCaller() caller: Caller,
    @Payload() command: ChangePasswordDto,
  ): Promise<TokenPair> {
    return this.changeMyPassword.execute(caller, command);
  }

  @MessagePattern(AccountSubjects.changeMyEmail)
  changeEmail(
    @CurrentCaller() caller: Caller,
    @Payload() command: ChangeEmailDto,
  ): Promise<Acknowledgement> {
    return this.changeMyEmail.execute(caller, command);
  }
}
