import { In, type EntityManager } from 'typeorm';
import type { FileKind } from '@portail/contracts';
import { ContentFile } from './content-file.entity';
import { FileReferenceInvalidException } from './file.exception';

/** Files a news item or tile refers to must be uploads of its organisation (images for images). */
export async function checkFileReferences(
  manager: EntityManager,
  organisationId: string,
  ids: string[],
  field: string,
  kind?: FileKind,
): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const found = await manager.count(ContentFile, {
    where: { id: In(unique), organisationId, ...(kind ? { kind } : {}) },
  });
  if (found !== unique.length) throw new FileReferenceInvalidException(field);
}
