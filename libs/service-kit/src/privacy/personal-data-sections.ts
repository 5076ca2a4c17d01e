import {
  CommonErrorCode,
  type PersonalDataPart,
  type PersonalDataPartQuery,
} from '@portail/contracts';
import { DomainException } from '../errors/domain.exception';

/**
 * One kind of record a service keeps about a family (`applications`, `bookings`…), read in
 * pages of `pageSize` rows in a stable order, so that a page fits in one NATS reply.
 */
export interface PersonalDataSection {
  name: string;
  pageSize: number;
  read(offset: number, limit: number): Promise<object[]>;
}

/**
 * The page of a service's part that `query` asks for (the first section's first page by
 * default), and where the next one starts: the same section further on, the next section, or
 * null after the last. Shared by every service that answers `<service>.privacy.export`.
 */
export async function personalDataPage(
  service: string,
  sections: PersonalDataSection[],
  query: PersonalDataPartQuery,
): Promise<PersonalDataPart> {
  const index = query.section ? sections.findIndex(({ name }) => name === query.section) : 0;
  const section = sections[index];
  if (!section) {
    throw new DomainException(CommonErrorCode.VALIDATION_FAILED, 'Cette section est inconnue.', {
      fields: [{ field: 'section', message: 'Cette section est inconnue.' }],
    });
  }
  const offset = query.offset ?? 0;
  // One row more than a page tells whether another page follows.
  const rows = await section.read(offset, section.pageSize + 1);
  const following = sections[index + 1];
  const next =
    rows.length > section.pageSize
      ? { section: section.name, offset: offset + section.pageSize }
      : following
        ? { section: following.name, offset: 0 }
        : null;
  return { service, section: section.name, offset, items: rows.slice(0, section.pageSize), next };
}
