import { Module } from '@nestjs/common';
import { AudienceReader, IdentityAudienceReader } from './audience';
import { OrganisationDirectory } from './organisation-directory';

/** What every content module shares: who belongs to a news item's audience, which organisations exist. */
@Module({
  providers: [{ provide: AudienceReader, useClass: IdentityAudienceReader }, OrganisationDirectory],
  exports: [AudienceReader, OrganisationDirectory],
})
export class PublishingModule {}
