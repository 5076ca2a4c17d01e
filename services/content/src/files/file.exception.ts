import { CommonErrorCode, ContentErrorCode } from '@portail/contracts';
import { DomainException } from '@portail/service-kit';

export class FileNotFoundException extends DomainException {
  constructor(id: string) {
    super(ContentErrorCode.FILE_NOT_FOUND, "Ce fichier n'existe pas.", { id });
  }
}

export class FileTypeNotAllowedException extends DomainException {
  constructor(expected: string) {
    super(ContentErrorCode.FILE_TYPE_NOT_ALLOWED, `Le contenu du fichier n'est pas ${expected}.`, {
      fields: [{ field: 'contentBase64', message: `Le fichier doit être ${expected}.` }],
    });
  }
}

export class FileTooLargeException extends DomainException {
  constructor(maxBytes: number) {
    super(
      ContentErrorCode.FILE_TOO_LARGE,
      `Le fichier dépasse la taille maximale de ${Math.floor(maxBytes / 1024)} Kio.`,
      { maxBytes },
    );
  }
}

/** A news image or tile attachment that is not a file of this organisation (of that kind). */
export class FileReferenceInvalidException extends DomainException {
  constructor(field: string) {
    super(CommonErrorCode.VALIDATION_FAILED, 'Le fichier indiqué est introuvable.', {
      fields: [{ field, message: "Ce fichier n'existe pas dans votre collectivité." }],
    });
  }
}
