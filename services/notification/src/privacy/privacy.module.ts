import { Module } from '@nestjs/common';
import { AccountClosedHandler } from './account-closed.handler';

/** What the notification service forgets when a family closes its account. */
@Module({ providers: [AccountClosedHandler] })
export class PrivacyModule {}
