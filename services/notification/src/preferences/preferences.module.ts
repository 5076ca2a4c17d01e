import { Module } from '@nestjs/common';
import { GetNotificationPreferences } from './get-notification-preferences.use-case';
import { PreferencesController } from './preferences.controller';
import { UpdateNotificationPreferences } from './update-notification-preferences.use-case';

@Module({
  controllers: [PreferencesController],
  providers: [GetNotificationPreferences, UpdateNotificationPreferences],
})
export class PreferencesModule {}
