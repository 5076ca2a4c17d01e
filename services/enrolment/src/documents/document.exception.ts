import {
  CommonErrorCode,
  EnrolmentErrorCode,
  HouseholdErrorCode,
  type FieldError,
} from '@portail/contracts';
import { DomainException } from '@portail/service-kit';

const MIB = 1024 * 1024;

/** A size in "Mo" as families read it: 10 Mo, 0,5 Mo. */
export function megabytes(bytes: number): string {
  const value = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(bytes / MIB);
  return `${value} Mo`;
}

/** Also the answer for another household's document: existence is never revealed. */
export class DocumentNotFoundException extends DomainException {
  constructor(id: string) {
    super(EnrolmentErrorCode.DOCUMENT_NOT_FOUND, "Ce document n'existe pas.", { id });
  }
}

export class UploadNotFoundException extends DomainException {
  constructor(uploadId: string) {
    super(
      EnrolmentErrorCode.UPLOAD_NOT_FOUND,
      "Ce dépôt de fichier n'existe pas ou a expiré. Veuillez déposer le fichier à nouveau.",
      { uploadId },
    );
  }
}

export class DocumentTypeNotAllowedException extends DomainException {
  constructor(fileName: string) {
    super(
      EnrolmentErrorCode.DOCUMENT_TYPE_NOT_ALLOWED,
      `Le fichier « ${fileName} » n'est ni un PDF, ni une image JPEG ou PNG : seuls ces formats ` +
        'sont acceptés, quel que soit le nom du fichier. Enregistrez ou numérisez votre ' +
        'document dans l’un de ces formats.',
      { accepted: ['application/pdf', 'image/jpeg', 'image/png'] },
    );
  }
}

export class DocumentTooLargeException extends DomainException {
  constructor(maxBytes: number, size: number) {
    super(
      EnrolmentErrorCode.DOCUMENT_TOO_LARGE,
      `Le fichier fait ${megabytes(size)} : la taille maximale d’un document est de ` +
        `${megabytes(maxBytes)}. Réduisez sa taille (résolution de numérisation plus faible, ` +
        'compression) puis déposez-le à nouveau.',
      { maxBytes, size },
    );
  }
}

export class DocumentQuotaExceededException extends DomainException {
  constructor(usedBytes: number, quotaBytes: number, size: number) {
    super(
      EnrolmentErrorCode.DOCUMENT_QUOTA_EXCEEDED,
      `L’espace de stockage de votre foyer est insuffisant : ${megabytes(usedBytes)} utilisés ` +
        `sur ${megabytes(quotaBytes)}, et ce fichier fait ${megabytes(size)}. Supprimez des ` +
        'documents dont vous n’avez plus besoin avant d’en déposer un nouveau.',
      { usedBytes, quotaBytes, size },
    );
  }
}

export class DocumentInUseException extends DomainException {
  constructor(applicationIds: string[]) {
    super(
      EnrolmentErrorCode.DOCUMENT_IN_USE,
      'Ce document est joint à une demande en préparation : retirez-le de la demande avant de ' +
        'le supprimer.',
      { applicationIds },
    );
  }
}

export class DocumentForbiddenException extends DomainException {
  constructor() {
    super(
      CommonErrorCode.FORBIDDEN,
      'Seule la famille peut consulter la liste de ses documents, les modifier ou les supprimer.',
    );
  }
}

export class HouseholdUnknownException extends DomainException {
  constructor() {
    super(HouseholdErrorCode.HOUSEHOLD_NOT_FOUND, "Ce foyer n'existe pas.");
  }
}

export function invalidDocumentFields(fields: FieldError[]): DomainException {
  return new DomainException(
    CommonErrorCode.VALIDATION_FAILED,
    'La requête contient des données invalides.',
    { fields },
  );
}
