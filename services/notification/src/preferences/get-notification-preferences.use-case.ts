import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller, NotificationPreferences } from '@portail/contracts';
import { readPreferences } from './email-preferences';

@Injectable()
export class GetNotificationPreferences {
  constructor(private readonly dataSource: DataSource) {}

  execute(caller: Caller): Promise<NotificationPreferences> {
    return readPreferences(this.dataSource.manager, caller.accountId);
  }
}
