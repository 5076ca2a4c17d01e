import type { EntityManager } from 'typeorm';
import type { CommuneOfResidence, CommuneOfResidenceInput } from '@portail/contracts';
import { Organisation } from '../organisations/organisation.entity';
import { invalidFields } from './household.exception';

/**
 * A commune of the directory is referenced by its organisation (its name comes from the
 * directory); another commune is kept as free text with its INSEE code when given.
 */
export async function resolveCommune(
  manager: EntityManager,
  input: CommuneOfResidenceInput,
  field: string,
): Promise<CommuneOfResidence> {
  if (input.organisationId) {
    const organisation = await manager.findOneBy(Organisation, { id: input.organisationId });
    if (!organisation || organisation.kind !== 'commune') {
      throw invalidFields([
        {
          field: `${field}.organisationId`,
          message: "Cette commune n'est pas une commune de l'annuaire.",
        },
      ]);
    }
    return {
      organisationId: organisation.id,
      inseeCode: input.inseeCode ?? null,
      name: organisation.name,
    };
  }
  if (!input.name) {
    throw invalidFields([
      {
        field: `${field}.name`,
        message:
          "Indiquez la commune de résidence : une commune de l'annuaire ou le nom de votre commune.",
      },
    ]);
  }
  return { organisationId: null, inseeCode: input.inseeCode ?? null, name: input.name };
}
