import { ContentErrorCode } from '@portail/contracts';
import { DomainException } from '@portail/service-kit';

export class TileNotFoundException extends DomainException {
  constructor(id: string) {
    super(ContentErrorCode.TILE_NOT_FOUND, "Cette dalle n'existe pas.", { id });
  }
}
