import { IsBoolean, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, type CloseAccountCommand } from '@portail/contracts';

export class CloseAccountDto implements CloseAccountCommand {
  @IsBoolean({ message: 'La confirmation doit valoir true ou false.' })
  confirm!: boolean;

  /** Not trimmed: a password is compared as typed. */
  @IsString({ message: 'Le mot de passe doit être un texte.' })
  @IsNotEmpty({ message: 'Le mot de passe actuel est obligatoire.' })
  @MaxLength(PASSWORD_MAX_LENGTH, {
    message: `Le mot de passe ne doit pas dépasser ${PASSWORD_MAX_LENGTH} caractères.`,
  })
  password!: string;
}
