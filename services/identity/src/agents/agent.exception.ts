import { AgentErrorCode } from '@portail/contracts';
import { DomainException } from '@portail/service-kit';

export class AgentNotFoundException extends DomainException {
  constructor(id: string) {
    super(AgentErrorCode.AGENT_NOT_FOUND, "Cet agent n'existe pas.", { id });
  }
}

export class ServiceOutsideOrganisationException extends DomainException {
  constructor(serviceIds: string[]) {
    super(
      AgentErrorCode.SERVICE_OUTSIDE_ORGANISATION,
      "Les services d'un agent doivent appartenir à sa collectivité.",
      {
        serviceIds,
        fields: [
          {
            field: 'serviceIds',
            message: "Ces services n'existent pas dans la collectivité de l'agent.",
          },
        ],
      },
    );
  }
}
