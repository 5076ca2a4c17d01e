import type { EntityManager } from 'typeorm';
import type { AgentRole } from '@portail/contracts';
import { MunicipalService } from '../municipal-services/municipal-service.entity';
import { AgentAssignment } from './agent-assignment.entity';
import { ServiceOutsideOrganisationException } from './agent.exception';

/**
 * Replaces an agent's services, inside the caller's transaction. Every service must be an
 * active service of the organisation (the table's foreign key checks the organisation again).
 */
export async function assignServices(
  manager: EntityManager,
  accountId: string,
  organisationId: string,
  serviceIds: string[],
  roles: AgentRole[],
): Promise<void> {
  const found = await manager.getRepository(MunicipalService).find({
    select: { id: true, organisationId: true, active: true },
    where: serviceIds.map((id) => ({ id })),
  });
  const valid = new Set(
    found
      .filter((service) => service.organisationId === organisationId && service.active)
      .map((service) => service.id),
  );
  const invalid = serviceIds.filter((id) => !valid.has(id));
  if (invalid.length) throw new ServiceOutsideOrganisationException(invalid);
  const assignments = manager.getRepository(AgentAssignment);
  await assignments.delete({ accountId });
  await assignments.insert(
    serviceIds.map((municipalServiceId) => ({
      accountId,
      organisationId,
      municipalServiceId,
      roles: [...roles],
    })),
  );
}
