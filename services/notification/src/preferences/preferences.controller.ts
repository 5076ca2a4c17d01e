import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  NotificationSubjects,
  type Caller,
  type NotificationPreferences,
} from '@portail/contracts';
import { CurrentCaller } from '@portail/service-kit';
import { GetNotificationPreferences } from './get-notification-preferences.use-case';
import { UpdatePreferencesDto } from './preferences.dto';
import { UpdateNotificationPreferences } from './update-notification-preferences.use-case';

@Controller()
export class PreferencesController {
  constructor(
    private readonly getPreferences: GetNotificationPreferences,
    private readonly updatePreferences: UpdateNotificationPreferences,
  ) {}

  @MessagePattern(NotificationSubjects.getPreferences)
  get(@CurrentCaller() caller: Caller): Promise<NotificationPreferences> {
    return this.getPreferences.execute(caller);
  }

  @MessagePattern(NotificationSubjects.updatePreferences)
  update(
    @CurrentCaller() caller: Caller,
    @Payload() command: UpdatePreferencesDto,
  ): Promise<NotificationPreferences> {
    return this.updatePreferences.execute(caller, command);
  }
}
