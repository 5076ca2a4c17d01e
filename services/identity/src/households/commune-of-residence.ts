import type { EntityManager } from 'typeorm';
import {
  findDirectoryCommune,
  type CommuneOfResidence,
  type CommuneOfResidenceInput,
} from '@portail/contracts';
import { Organisation } from '../organisations/organisation.entity';
import { invalidFields } from './household.exception';

/**
 * A commune of the directory is referenced by its organisation (its name comes from the
 * directory), also when it is given by name or INSEE code only (`findDirectoryCommune`: accents,
 * case and hyphens ignored); another commune is kept as typed, with its INSEE code when given,
 * and no organisation (outside the directory).
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
      inseeCode: organisation.inseeCode ?? input.inseeCode ?? null,
      name: organisation.name,
    };
  }
  const communes = await manager.findBy(Organisation, { kind: 'commune' });
  const known = findDirectoryCommune(communes, input);
  if (known) {
    return {
      organisationId: known.id,
      inseeCode: known.inseeCode ?? input.inseeCode ?? null,
      name: known.name,
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
