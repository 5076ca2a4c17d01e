import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Equals,
  IsEmail,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsAcceptablePassword, UuidField } from '@portail/validation';
import type { NoPayload, NoReply } from '../requests';
import { ACCOUNT_TEXT_MAX_LENGTH, AccountSubjects, PASSWORD_MAX_LENGTH } from './accounts';

/*
 * Personal spaces and sessions: each command and query of identity's accounts, declared once.
 * The class is the payload type, the validation (gateway pipe, then identity's pipe) and the
 * OpenAPI schema all at once.
 */

const MAX = ACCOUNT_TEXT_MAX_LENGTH;
const tooLong = (what: string) => ({ message: `${what} ne doit pas dépasser ${MAX} caractères.` });
const EMAIL = { message: "L'adresse e-mail est invalide." };
const PASSWORD_TOO_LONG = {
  message: `Le mot de passe ne doit pas dépasser ${PASSWORD_MAX_LENGTH} caractères.`,
};
/** Opaque tokens are 43 base64url characters; anything else is refused before any lookup. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,200}$/;
const TOKEN = { message: "Le jeton n'a pas un format valide." };
const PASSWORD_RULES =
  'At least 12 characters with letters and digits, or at least 16 characters; not the e-mail address.';

export class PostalAddress {
  @ApiProperty({ example: '12 rue de Paris', maxLength: MAX })
  @IsString({ message: "L'adresse doit être une chaîne de caractères." })
  @IsNotEmpty({ message: "L'adresse est obligatoire." })
  @MaxLength(MAX, tooLong("L'adresse"))
  line1!: string;

  @ApiPropertyOptional({ example: 'Bâtiment B', maxLength: MAX })
  @IsOptional()
  @IsString({ message: "Le complément d'adresse doit être une chaîne de caractères." })
  @MaxLength(MAX, tooLong("Le complément d'adresse"))
  line2?: string;

  @ApiProperty({ example: '03200', pattern: '^\\d{5}$' })
  @IsString({ message: 'Le code postal doit être une chaîne de caractères.' })
  @Matches(/^\d{5}$/, { message: 'Le code postal doit comporter 5 chiffres.' })
  postalCode!: string;

  @ApiProperty({ example: 'Vichy', maxLength: MAX })
  @IsString({ message: 'La commune doit être une chaîne de caractères.' })
  @IsNotEmpty({ message: 'La commune est obligatoire.' })
  @MaxLength(MAX, tooLong('La commune'))
  city!: string;
}

export class EmailCommand {
  @ApiProperty({ example: 'camille.martin@example.fr', format: 'email', maxLength: MAX })
  @IsEmail({}, EMAIL)
  @MaxLength(MAX, tooLong("L'adresse e-mail"))
  email!: string;
}

export class SignUpCommand extends EmailCommand {
  @ApiProperty({ description: PASSWORD_RULES, format: 'password', maxLength: PASSWORD_MAX_LENGTH })
  @IsString({ message: 'Le mot de passe doit être une chaîne de caractères.' })
  @MaxLength(PASSWORD_MAX_LENGTH, PASSWORD_TOO_LONG)
  @IsAcceptablePassword('email')
  password!: string;

  @ApiProperty({ example: 'Camille', maxLength: MAX })
  @IsString({ message: 'Le prénom doit être une chaîne de caractères.' })
  @IsNotEmpty({ message: 'Le prénom est obligatoire.' })
  @MaxLength(MAX, tooLong('Le prénom'))
  firstName!: string;

  @ApiProperty({ example: 'Martin', maxLength: MAX })
  @IsString({ message: 'Le nom doit être une chaîne de caractères.' })
  @IsNotEmpty({ message: 'Le nom est obligatoire.' })
  @MaxLength(MAX, tooLong('Le nom'))
  lastName!: string;

  @ApiProperty({ example: '04 70 30 17 17', pattern: '^\\+?[0-9][0-9 .-]{5,19}$' })
  @IsString({ message: 'Le téléphone doit être une chaîne de caractères.' })
  @Matches(/^\+?[0-9][0-9 .-]{5,19}$/, { message: "Le numéro de téléphone n'est pas valide." })
  phone!: string;

  @ApiProperty({ type: PostalAddress })
  @ValidateNested()
  @Type(() => PostalAddress)
  @IsNotEmpty({ message: "L'adresse postale est obligatoire." })
  address!: PostalAddress;

  @ApiProperty({ description: 'Consent to the terms of use; must be true.', example: true })
  @Equals(true, { message: "Vous devez accepter les conditions d'utilisation." })
  acceptTerms!: boolean;
}

export class TokenCommand {
  @ApiProperty({
    description: 'The token of the link received by e-mail.',
    pattern: TOKEN_SHAPE.source,
  })
  @IsString(TOKEN)
  @Matches(TOKEN_SHAPE, TOKEN)
  token!: string;
}

export class LoginCommand extends EmailCommand {
  @ApiProperty({ format: 'password', maxLength: PASSWORD_MAX_LENGTH })
  @IsString({ message: 'Le mot de passe doit être une chaîne de caractères.' })
  @IsNotEmpty({ message: 'Le mot de passe est obligatoire.' })
  @MaxLength(PASSWORD_MAX_LENGTH, PASSWORD_TOO_LONG)
  password!: string;
}

export class RefreshCommand {
  @ApiProperty({
    description: 'The refresh token of the last login or refresh.',
    pattern: TOKEN_SHAPE.source,
  })
  @IsString(TOKEN)
  @Matches(TOKEN_SHAPE, TOKEN)
  refreshToken!: string;
}

export class ResetPasswordCommand extends TokenCommand {
  @ApiProperty({ description: PASSWORD_RULES, format: 'password', maxLength: PASSWORD_MAX_LENGTH })
  @IsString({ message: 'Le mot de passe doit être une chaîne de caractères.' })
  @MaxLength(PASSWORD_MAX_LENGTH, PASSWORD_TOO_LONG)
  @IsAcceptablePassword()
  newPassword!: string;
}

class CurrentPasswordCommand {
  @ApiProperty({ format: 'password', maxLength: PASSWORD_MAX_LENGTH })
  @IsString({ message: 'Le mot de passe actuel doit être une chaîne de caractères.' })
  @IsNotEmpty({ message: 'Le mot de passe actuel est obligatoire.' })
  @MaxLength(PASSWORD_MAX_LENGTH, PASSWORD_TOO_LONG)
  currentPassword!: string;
}

export class ChangePasswordCommand extends CurrentPasswordCommand {
  @ApiProperty({ description: PASSWORD_RULES, format: 'password', maxLength: PASSWORD_MAX_LENGTH })
  @IsString({ message: 'Le mot de passe doit être une chaîne de caractères.' })
  @MaxLength(PASSWORD_MAX_LENGTH, PASSWORD_TOO_LONG)
  @IsAcceptablePassword()
  newPassword!: string;
}

export class ChangeEmailCommand extends CurrentPasswordCommand {
  @ApiProperty({ example: 'camille.martin@example.org', format: 'email', maxLength: MAX })
  @IsEmail({}, EMAIL)
  @MaxLength(MAX, tooLong("L'adresse e-mail"))
  newEmail!: string;
}

/** What a login, a refresh or a password change returns. */
export class TokenPair {
  @ApiProperty({ description: 'JWT (EdDSA) to send as `Authorization: Bearer …`.' })
  accessToken!: string;

  @ApiProperty({ description: 'Opaque, single use: exchange it at /auth/refresh for a new pair.' })
  refreshToken!: string;

  @ApiProperty({ description: 'Lifetime of the access token in seconds.', example: 900 })
  expiresIn!: number;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';
}

/** A neutral acknowledgement, the same whether the address exists or not. */
export class Acknowledgement {
  @ApiProperty({ description: 'Message for people, in French; the same whatever the address.' })
  message!: string;
}

export class AccountProfile {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['family', 'agent', 'admin'] })
  kind!: 'family' | 'agent' | 'admin';

  @ApiProperty({ enum: ['pending', 'active', 'closed'] })
  status!: 'pending' | 'active' | 'closed';

  @ApiProperty({ format: 'email' })
  email!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'A new address waiting for its verification.',
  })
  pendingEmail!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  emailVerifiedAt!: string | null;

  @ApiProperty()
  firstName!: string;

  @ApiProperty()
  lastName!: string;

  @ApiProperty({ type: String, nullable: true })
  phone!: string | null;

  @ApiProperty({ type: PostalAddress, nullable: true })
  address!: PostalAddress | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  termsAcceptedAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

/** Notification's question at send time: the token of the link an e-mail event named. */
export class MailLinkTokenQuery {
  @UuidField("L'identifiant du lien", 'The `linkId` of the e-mail event.')
  linkId!: string;
}

export class MailLinkToken {
  @ApiProperty({ description: 'The single-use token to put in the link; never stored.' })
  token!: string;
}

declare module '../requests' {
  interface RequestReplies {
    [AccountSubjects.mailLinkToken]: { request: MailLinkTokenQuery; reply: MailLinkToken };
    [AccountSubjects.signUp]: { request: SignUpCommand; reply: Acknowledgement };
    [AccountSubjects.verifyEmail]: { request: TokenCommand; reply: NoReply };
    [AccountSubjects.resendVerification]: { request: EmailCommand; reply: Acknowledgement };
    [AccountSubjects.login]: { request: LoginCommand; reply: TokenPair };
    [AccountSubjects.refresh]: { request: RefreshCommand; reply: TokenPair };
    [AccountSubjects.logout]: { request: RefreshCommand; reply: NoReply };
    [AccountSubjects.requestPasswordReset]: { request: EmailCommand; reply: Acknowledgement };
    [AccountSubjects.resetPassword]: { request: ResetPasswordCommand; reply: NoReply };
    [AccountSubjects.getMe]: { request: NoPayload; reply: AccountProfile };
    [AccountSubjects.changeMyPassword]: { request: ChangePasswordCommand; reply: TokenPair };
    [AccountSubjects.changeMyEmail]: { request: ChangeEmailCommand; reply: Acknowledgement };
  }
}
