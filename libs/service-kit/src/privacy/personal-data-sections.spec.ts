import { CommonErrorCode } from '@portail/contracts';
import { DomainException } from '../errors/domain.exception';
import { personalDataPage, type PersonalDataSection } from './personal-data-sections';

/** A section over `count` numbered rows. */
function aSection(name: string, count: number, pageSize: number): PersonalDataSection {
  const rows = Array.from({ length: count }, (_, index) => ({ n: index }));
  return {
    name,
    pageSize,
    read: (offset, limit) => Promise.resolve(rows.slice(offset, offset + limit)),
  };
}

describe('personalDataPage: a service part read page by page', () => {
  const sections = [aSection('applications', 5, 2), aSection('documents', 0, 10)];

  it('starts with the first section and points further into it while rows remain', async () => {
    const page = await personalDataPage('enrolment', sections, {});
    expect(page).toEqual({
      service: 'enrolment',
      section: 'applications',
      offset: 0,
      items: [{ n: 0 }, { n: 1 }],
      next: { section: 'applications', offset: 2 },
    });
  });

  it('moves on to the next section after the last page of one, even an empty one', async () => {
    const last = await personalDataPage('enrolment', sections, {
      section: 'applications',
      offset: 4,
    });
    expect(last.items).toEqual([{ n: 4 }]);
    expect(last.next).toEqual({ section: 'documents', offset: 0 });
  });

  it('ends with next null after the last section', async () => {
    const page = await personalDataPage('enrolment', sections, { section: 'documents' });
    expect(page).toMatchObject({ section: 'documents', items: [], next: null });
  });

  it('refuses an unknown section with a validation error', async () => {
    const refusal = personalDataPage('enrolment', sections, { section: 'secrets' });
    await expect(refusal).rejects.toBeInstanceOf(DomainException);
    await expect(refusal).rejects.toMatchObject({
      envelope: { code: CommonErrorCode.VALIDATION_FAILED },
    });
  });

  it('gathers every row exactly once when followed to the end', async () => {
    const seen: object[] = [];
    let cursor: { section?: string; offset?: number } = {};
    for (;;) {
      const page = await personalDataPage('enrolment', sections, cursor);
      seen.push(...page.items);
      if (!page.next) break;
      cursor = page.next;
    }
    expect(seen).toEqual([0, 1, 2, 3, 4].map((n) => ({ n })));
  });
});
