import { AccountErrorCode, CommonErrorCode, counted, type FieldError } from '@portail/contracts';
import { DomainException } from '@portail/service-kit';

export class InvalidCredentialsException extends DomainException {
  constructor() {
    super(AccountErrorCode.INVALID_CREDENTIALS, 'Adresse e-mail ou mot de passe incorrect.');
  }
}

export class AccountNotVerifiedException extends DomainException {
  constructor() {
    super(
      AccountErrorCode.ACCOUNT_NOT_VERIFIED,
      "Votre adresse e-mail n'est pas encore confirmée. Cliquez sur le lien reçu par e-mail, ou demandez un nouvel envoi.",
    );
  }
}

export class AccountClosedException extends DomainException {
  constructor() {
    super(AccountErrorCode.ACCOUNT_CLOSED, 'Ce compte est fermé.');
  }
}

export class AccountNotAssignedException extends DomainException {
  constructor() {
    super(
      AccountErrorCode.ACCOUNT_NOT_ASSIGNED,
      "Votre compte agent n'est rattaché à aucun service. Contactez un administrateur.",
    );
  }
}

export class AccountLockedException extends DomainException {
  constructor(lockedUntil: Date) {
    const retryAfterSeconds = Math.max(1, Math.ceil((lockedUntil.getTime() - Date.now()) / 1000));
    const minutes = Math.ceil(retryAfterSeconds / 60);
    super(
      AccountErrorCode.ACCOUNT_LOCKED,
      `Trop de mots de passe erronés depuis cette connexion : votre compte y est bloqué pendant ${counted(minutes, 'minute')}.`,
      { retryAfterSeconds, lockedUntil: lockedUntil.toISOString() },
    );
  }
}

export class TokenInvalidException extends DomainException {
  constructor() {
    super(AccountErrorCode.TOKEN_INVALID, "Ce lien n'est pas valide ou a déjà été utilisé.");
  }
}

export class TokenExpiredException extends DomainException {
  constructor() {
    super(AccountErrorCode.TOKEN_EXPIRED, 'Ce lien a expiré. Veuillez en demander un nouveau.');
  }
}

export class RefreshTokenInvalidException extends DomainException {
  constructor() {
    super(
      AccountErrorCode.REFRESH_TOKEN_INVALID,
      'Votre session a expiré. Veuillez vous reconnecter.',
    );
  }
}

export class RefreshTokenReusedException extends DomainException {
  constructor() {
    super(
      AccountErrorCode.REFRESH_TOKEN_REUSED,
      'Cette session a été fermée par sécurité. Veuillez vous reconnecter.',
    );
  }
}

export class SessionExpiredException extends DomainException {
  constructor() {
    super(
      AccountErrorCode.SESSION_EXPIRED,
      'Votre session a atteint sa durée maximale. Veuillez vous reconnecter.',
    );
  }
}

export class CurrentPasswordIncorrectException extends DomainException {
  constructor() {
    super(AccountErrorCode.CURRENT_PASSWORD_INCORRECT, 'Le mot de passe actuel est incorrect.');
  }
}

export class EmailAlreadyRegisteredException extends DomainException {
  constructor() {
    super(
      AccountErrorCode.EMAIL_ALREADY_REGISTERED,
      'Cette adresse e-mail est déjà utilisée par un autre compte.',
    );
  }
}

/** A rule checked by a use case rather than by the DTO, reported like a DTO failure. */
export class InvalidFieldException extends DomainException {
  constructor(fields: FieldError[]) {
    super(CommonErrorCode.VALIDATION_FAILED, 'La requête contient des données invalides.', {
      fields,
    });
  }
}

export class AccountNotFoundException extends DomainException {
  constructor() {
    super(CommonErrorCode.NOT_FOUND, "Ce compte n'existe pas.");
  }
}
