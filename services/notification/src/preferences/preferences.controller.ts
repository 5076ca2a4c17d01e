import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  NotificationSubjects,
  UpdateNotificationPreferencesCommand,
  type Caller,
  type NotificationPreferences,
} from '@portail/contracts';
import { CurrentCaller, HandlesRequest } from '@portail/service-kit';
import { GetNotificationPreferences } from './get-notification-preferences.use-case';
import { UpdateNotificationPreferences } from './update-notification-preferences.use-case';

@Controller()
export class PreferencesController {
  constructor(
    private readonly getPreferences: GetNotificationPreferences,
    private readonly updatePreferences: UpdateNotificationPreferences,
  ) {}

  @HandlesRequest(NotificationSubjects.getPreferences)
  get(@CurrentCaller() caller: Caller): Promise<NotificationPreferences> {
    return this.getPreferences.execute(caller);
  }

  @HandlesRequest(NotificationSubjects.updatePreferences)
  update(
    @CurrentCaller() caller: Caller,
    @Payload() command: UpdateNotificationPreferencesCommand,
  ): Promise<NotificationPreferences> {
    return this.updatePreferences.execute(caller, command);
  }
}
