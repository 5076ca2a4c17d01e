import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import {
  PASSWORD_MAX_LENGTH,
  type AccountClosedView,
  type CloseAccountCommand,
  type PersonalDataExport,
} from '@portail/contracts';
import { HouseholdChangeDto, HouseholdDto } from '../households/household.dto';

export class CloseAccountDto implements CloseAccountCommand {
  @ApiProperty({ description: 'Must be true: closing an account cannot be undone.' })
  @IsBoolean({ message: 'La confirmation doit valoir true ou false.' })
  confirm!: boolean;

  @ApiProperty({ description: 'The current password.', maxLength: PASSWORD_MAX_LENGTH })
  @IsString({ message: 'Le mot de passe doit être un texte.' })
  @IsNotEmpty({ message: 'Le mot de passe actuel est obligatoire.' })
  @MaxLength(PASSWORD_MAX_LENGTH, {
    message: `Le mot de passe ne doit pas dépasser ${PASSWORD_MAX_LENGTH} caractères.`,
  })
  password!: string;
}

export class AccountClosedDto implements AccountClosedView {
  @ApiProperty({ format: 'uuid' })
  accountId!: string;

  @ApiProperty({ format: 'date-time' })
  closedAt!: string;

  @ApiProperty({ description: 'For the family, in French.' })
  message!: string;

  @ApiProperty({
    type: [String],
    description: 'What the law requires to keep, and why (French).',
  })
  kept!: string[];
}

class ExportedAddressDto {
  @ApiProperty({ type: String, nullable: true })
  line1!: string | null;

  @ApiProperty({ type: String, nullable: true })
  line2!: string | null;

  @ApiProperty({ type: String, nullable: true })
  postalCode!: string | null;

  @ApiProperty({ type: String, nullable: true })
  city!: string | null;
}

class ExportedAccountDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty({ type: String, nullable: true })
  pendingEmail!: string | null;

  @ApiProperty()
  firstName!: string;

  @ApiProperty()
  lastName!: string;

  @ApiProperty({ type: String, nullable: true })
  phone!: string | null;

  @ApiProperty({ type: ExportedAddressDto })
  address!: ExportedAddressDto;

  @ApiProperty()
  status!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  emailVerifiedAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

class ConsentsDto {
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  termsAcceptedAt!: string | null;
}

export class PersonalDataExportDto implements PersonalDataExport {
  @ApiProperty({ format: 'date-time' })
  exportedAt!: string;

  @ApiProperty({ type: ExportedAccountDto })
  account!: ExportedAccountDto;

  @ApiProperty({ type: ConsentsDto })
  consents!: ConsentsDto;

  @ApiProperty({ type: HouseholdDto, nullable: true })
  household!: HouseholdDto | null;

  @ApiProperty({ type: [HouseholdChangeDto] })
  history!: HouseholdChangeDto[];

  @ApiProperty({ description: 'Where the data held by the other services is (French).' })
  notice!: string;
}
