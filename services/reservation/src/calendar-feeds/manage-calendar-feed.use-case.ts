import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  CalendarFeedRevoked,
  CalendarFeedView,
  Caller,
  CreateCalendarFeedCommand,
  RevokeCalendarFeedCommand,
} from '@portail/contracts';
import { Clock } from '@portail/service-kit';
import { BookingRights } from '../rights/booking-rights';
import { CalendarFeed } from './calendar-feed.entity';
import { feedPath, feedTokenHash, newFeedToken } from './calendar-feed-token';

/**
 * A family account creates, rotates (a new token; the old URL answers 404 at once) or revokes
 * its feed of a child it may read (another household's child: 404, like every booking route).
 */
@Injectable()
export class ManageCalendarFeed {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rights: BookingRights,
    private readonly clock: Clock,
  ) {}

  async create(caller: Caller, command: CreateCalendarFeedCommand): Promise<CalendarFeedView> {
    await this.rights.ofChild(caller, command.childId);
    const token = newFeedToken();
    const createdAt = this.clock.now();
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(CalendarFeed)
      .values({
        childId: command.childId,
        accountId: caller.accountId,
        tokenHash: feedTokenHash(token),
        createdAt,
      })
      .orUpdate(['token_hash', 'created_at'], ['child_id', 'account_id'])
      .execute();
    return {
      childId: command.childId,
      token,
      path: feedPath(token),
      createdAt: createdAt.toISOString(),
    };
  }

  async revoke(caller: Caller, command: RevokeCalendarFeedCommand): Promise<CalendarFeedRevoked> {
    await this.rights.ofChild(caller, command.childId);
    const result = await this.dataSource
      .getRepository(CalendarFeed)
      .delete({ childId: command.childId, accountId: caller.accountId });
    return { childId: command.childId, revoked: (result.affected ?? 0) > 0 };
  }
}
