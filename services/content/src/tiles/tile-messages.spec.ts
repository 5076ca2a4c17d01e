import type { ArgumentMetadata } from '@nestjs/common';
import { CreateTileCommand, UpdateTileCommand, type FieldError } from '@portail/contracts';
import { DomainException, rpcValidationPipe } from '@portail/service-kit';

/** The names of the refused fields, once each (a field may break several rules). */
const namesOf = (fields: FieldError[]) => [...new Set(fields.map((field) => field.field))].sort();

const VICHY = '0195a8e0-0000-7000-8000-000000000001';
const TILE = '0195a8e0-0000-7000-8000-000000000002';

/** The fields refused by content's own pipe, as the gateway's pipe refuses them too. */
async function refusedFields(
  metatype: ArgumentMetadata['metatype'],
  payload: object,
): Promise<FieldError[]> {
  try {
    await rpcValidationPipe().transform(payload, { type: 'body', metatype });
  } catch (error) {
    if (error instanceof DomainException) return error.envelope.details?.fields ?? [];
    throw error;
  }
  return [];
}

describe('tile messages: bounded blocks', () => {
  const tile = { organisationId: VICHY, kind: 'contact', title: 'Contacts' };

  it('refuses a list longer than allowed with one error, whatever its elements', async () => {
    const contacts = Array.from({ length: 10_001 }, () => ({ service: '', phone: '12', x: 1 }));
    const fields = await refusedFields(CreateTileCommand, { ...tile, blocks: { contacts } });
    expect(fields).toEqual([{ field: 'blocks.contacts', message: 'Au plus 50 contacts.' }]);
  });

  it('still names each wrong field of a list within its bound', async () => {
    const fields = await refusedFields(CreateTileCommand, {
      ...tile,
      blocks: { contacts: [{ service: '', phone: '12' }] },
    });
    expect(namesOf(fields)).toEqual(['blocks.contacts.0.phone', 'blocks.contacts.0.service']);
  });

  it('refuses blocks that are not an object, without looking inside an array', async () => {
    const many = Array.from({ length: 10_001 }, () => ({ unknown: true }));
    for (const blocks of [null, 'contacts', many]) {
      const fields = await refusedFields(UpdateTileCommand, { id: TILE, blocks });
      expect(namesOf(fields)).toEqual(['blocks']);
    }
    const nested = await refusedFields(CreateTileCommand, {
      ...tile,
      blocks: { schools: [[{ name: 'École maternelle Jean Zay' }]], contacts: null },
    });
    expect(namesOf(nested)).toEqual(['blocks.contacts', 'blocks.schools.0']);
  });

  it('refuses null for what cannot be cleared, and accepts a well-formed tile', async () => {
    const fields = await refusedFields(UpdateTileCommand, {
      id: TILE,
      title: null,
      bodyMarkdown: null,
      position: null,
      status: null,
    });
    expect(namesOf(fields)).toEqual(['bodyMarkdown', 'position', 'status', 'title']);
    expect(
      await refusedFields(CreateTileCommand, {
        ...tile,
        position: 2,
        blocks: {
          contacts: [{ service: 'Restauration scolaire', phone: '04 70 30 55 04', email: null }],
          openingHours: [{ label: 'Espace Écoles', hours: 'Du lundi au vendredi' }],
        },
      }),
    ).toEqual([]);
  });
});
