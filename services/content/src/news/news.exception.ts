import { CommonErrorCode, ContentErrorCode } from '@portail/contracts';
import { DomainException } from '@portail/service-kit';

export class NewsNotFoundException extends DomainException {
  constructor(id: string) {
    super(ContentErrorCode.NEWS_NOT_FOUND, "Cette actualité n'existe pas.", { id });
  }
}

export class PublicationWindowInvalidException extends DomainException {
  constructor() {
    super(CommonErrorCode.VALIDATION_FAILED, 'La fin de publication doit suivre son début.', {
      fields: [{ field: 'publishUntil', message: 'La fin de publication doit suivre son début.' }],
    });
  }
}
