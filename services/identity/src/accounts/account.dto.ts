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
import {
  ACCOUNT_TEXT_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  type AccountProfile,
  type ChangeEmailCommand,
  type ChangePasswordCommand,
  type EmailCommand,
  type LoginCommand,
  type PostalAddress,
  type RefreshCommand,
  type ResetPasswordCommand,
  type SignUpCommand,
  type TokenCommand,
} from '@portail/contracts';
import type { Account } from './account.entity';
import { IsAcceptablePassword } from '@portail/validation';

const MAX = ACCOUNT_TEXT_MAX_LENGTH;
const tooLong = (what: string) => ({ message: `${what} ne doit pas dépasser ${MAX} caractères.` });
const EMAIL = { message: "L'adresse e-mail est invalide." };
const PASSWORD_TOO_LONG = {
  message: `Le mot de passe ne doit pas dépasser ${PASSWORD_MAX_LENGTH} caractères.`,
};
/** Opaque tokens are 43 base64url characters; anything else is refused before any lookup. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,200}$/;
const TOKEN = { message: "Le jeton n'a pas un format valide." };

export class PostalAddressDto implements PostalAddress {
  @IsString({ message: "L'adresse doit être une chaîne de caractères." })
  @IsNotEmpty({ message: "L'adresse est obligatoire." })
  @MaxLength(MAX, tooLong("L'adresse"))
  line1!: string;

  @IsOptional()
  @IsString({ message: "Le complément d'adresse doit être une chaîne de caractères." })
  @MaxLength(MAX, tooLong("Le complément d'adresse"))
  line2?: string;

  @IsString({ message: 'Le code postal doit être une chaîne de caractères.' })
  @Matches(/^\d{5}$/, { message: 'Le code postal doit comporter 5 chiffres.' })
  postalCode!: string;

  @IsString({ message: 'La commune doit être une chaîne de caractères.' })
  @IsNotEmpty({ message: 'La commune est obligatoire.' })
  @MaxLength(MAX, tooLong('La commune'))
  city!: string;
}

export class SignUpDto implements SignUpCommand {
  @IsEmail({}, EMAIL)
  @MaxLength(MAX, tooLong("L'adresse e-mail"))
  email!: string;

  @IsString({ message: 'Le mot de passe doit être une chaîne de caractères.' })
  @MaxLength(PASSWORD_MAX_LENGTH, PASSWORD_TOO_LONG)
  @IsAcceptablePassword('email')
  password!: string;

  @IsString({ message: 'Le prénom doit être une chaîne de caractères.' })
  @IsNotEmpty({ message: 'Le prénom est obligatoire.' })
  @MaxLength(MAX, tooLong('Le prénom'))
  firstName!: string;

  @IsString({ message: 'Le nom doit être une chaîne de caractères.' })
  @IsNotEmpty({ message: 'Le nom est obligatoire.' })
  @MaxLength(MAX, tooLong('Le nom'))
  lastName!: string;

  @IsString({ message: 'Le téléphone doit être une chaîne de caractères.' })
  @Matches(/^\+?[0-9][0-9 .-]{5,19}$/, { message: "Le numéro de téléphone n'est pas valide." })
  phone!: string;

  @ValidateNested()
  @Type(() => PostalAddressDto)
  @IsNotEmpty({ message: "L'adresse postale est obligatoire." })
  address!: PostalAddressDto;

  @Equals(true, { message: "Vous devez accepter les conditions d'utilisation." })
  acceptTerms!: boolean;
}

export class EmailDto implements EmailCommand {
  @IsEmail({}, EMAIL)
  @MaxLength(MAX, tooLong("L'adresse e-mail"))
  email!: string;
}

export class TokenDto implements TokenCommand {
  @IsString(TOKEN)
  @Matches(TOKEN_SHAPE, TOKEN)
  token!: string;
}

export class LoginDto implements LoginCommand {
  @IsEmail({}, EMAIL)
  @MaxLength(MAX, tooLong("L'adresse e-mail"))
  email!: string;

  @IsString({ message: 'Le mot de passe doit être une chaîne de caractères.' })
  @IsNotEmpty({ message: 'Le mot de passe est obligatoire.' })
  @MaxLength(PASSWORD_MAX_LENGTH, PASSWORD_TOO_LONG)
  password!: string;
}

export class RefreshDto implements RefreshCommand {
  @IsString(TOKEN)
  @Matches(TOKEN_SHAPE, TOKEN)
  refreshToken!: string;
}

export class ResetPasswordDto implements ResetPasswordCommand {
  @IsString(TOKEN)
  @Matches(TOKEN_SHAPE, TOKEN)
  token!: string;

  @IsString({ message: 'Le mot de passe doit être une chaîne de caractères.' })
  @MaxLength(PASSWORD_MAX_LENGTH, PASSWORD_TOO_LONG)
  @IsAcceptablePassword()
  newPassword!: string;
}

export class ChangePasswordDto implements ChangePasswordCommand {
  @IsString({ message: 'Le mot de passe actuel doit être une chaîne de caractères.' })
  @IsNotEmpty({ message: 'Le mot de passe actuel est obligatoire.' })
  @MaxLength(PASSWORD_MAX_LENGTH, PASSWORD_TOO_LONG)
  currentPassword!: string;

  @IsString({ message: 'Le mot de passe doit être une chaîne de caractères.' })
  @MaxLength(PASSWORD_MAX_LENGTH, PASSWORD_TOO_LONG)
  @IsAcceptablePassword()
  newPassword!: string;
}

export class ChangeEmailDto implements ChangeEmailCommand {
  @IsString({ message: 'Le mot de passe actuel doit être une chaîne de caractères.' })
  @IsNotEmpty({ message: 'Le mot de passe actuel est obligatoire.' })
  @MaxLength(PASSWORD_MAX_LENGTH, PASSWORD_TOO_LONG)
  currentPassword!: string;

  @IsEmail({}, EMAIL)
  @MaxLength(MAX, tooLong("L'adresse e-mail"))
  newEmail!: string;
}

export function toAccountProfile(account: Account): AccountProfile {
  const hasAddress = account.addressLine1 && account.postalCode && account.city;
  return {
    id: account.id,
    kind: account.kind,
    status: account.status,
    email: account.email,
    pendingEmail: account.pendingEmail,
    emailVerifiedAt: account.emailVerifiedAt?.toISOString() ?? null,
    firstName: account.firstName,
    lastName: account.lastName,
    phone: account.phone,
    address: hasAddress
      ? {
          line1: account.addressLine1 ?? '',
          ...(account.addressLine2 ? { line2: account.addressLine2 } : {}),
          postalCode: account.postalCode ?? '',
          city: account.city ?? '',
        }
      : null,
    termsAcceptedAt: account.termsAcceptedAt?.toISOString() ?? null,
    createdAt: account.createdAt.toISOString(),
  };
}
