import { Module } from '@nestjs/common';
import { AudienceReader, NoEnrolmentAudienceReader } from './audience';

/** What every content module shares: who belongs to a news item's audience. */
@Module({
  providers: [{ provide: AudienceReader, useClass: NoEnrolmentAudienceReader }],
  exports: [AudienceReader],
})
export class PublishingModule {}
