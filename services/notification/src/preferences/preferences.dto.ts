import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsOptional, ValidateNested } from 'class-validator';
import type {
  OptionalNotificationCategory,
  UpdateNotificationPreferencesCommand,
} from '@portail/contracts';

const BOOLEAN = { message: 'Chaque préférence doit valoir true ou false.' };

export class EmailPreferencesDto implements Partial<Record<OptionalNotificationCategory, boolean>> {
  @IsOptional() @IsBoolean(BOOLEAN) applications?: boolean;
  @IsOptional() @IsBoolean(BOOLEAN) bookings?: boolean;
  @IsOptional() @IsBoolean(BOOLEAN) invoices?: boolean;
  @IsOptional() @IsBoolean(BOOLEAN) news?: boolean;
}

/** A partial update: categories not named keep their current setting. */
export class UpdatePreferencesDto implements UpdateNotificationPreferencesCommand {
  @IsDefined({ message: 'Les préférences e-mail sont obligatoires.' })
  @ValidateNested()
  @Type(() => EmailPreferencesDto)
  emails!: EmailPreferencesDto;
}
