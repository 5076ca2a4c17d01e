import { DECORATORS } from '@nestjs/swagger';
import {
  AddUnitCommand,
  CALENDAR_FEED_FILE_PATTERN,
  CalendarFeedLink,
  CalendarFeedView,
  CreateActivityCommand,
} from '@portail/contracts';
import { DEMO_PROCEDURES } from '../../scripts/seed-enrolment';
import { parseNoticePolicy } from '../../services/reservation/src/notice-periods';

/**
 * The examples of reservation's messages are real, like enrolment's (issue 17, item 12): an
 * activity code a demo procedure grants, a notice policy the service parses, a feed URL the
 * gateway serves.
 */
function exampleOf<T>(type: new () => object, property: string): T {
  const metadata = Reflect.getMetadata(
    DECORATORS.API_MODEL_PROPERTIES,
    type.prototype as object,
    property,
  ) as { example?: T } | undefined;
  if (metadata?.example === undefined) throw new Error(`${type.name}.${property}: no example`);
  return metadata.example;
}

describe('the OpenAPI examples of reservation', () => {
  it('name an activity a demo procedure grants', () => {
    const codes = DEMO_PROCEDURES.flatMap((procedure) =>
      procedure.grant.kind === 'activity-booking' ? [procedure.grant.activityCode] : [],
    );
    expect(codes).toContain(exampleOf<string>(CreateActivityCommand, 'code'));
  });

  it('give a unit a notice policy the service accepts, and hours in order', () => {
    const parsed = parseNoticePolicy(exampleOf(AddUnitCommand, 'noticePolicy'));
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    expect(
      exampleOf<string>(AddUnitCommand, 'startsAt') < exampleOf<string>(AddUnitCommand, 'endsAt'),
    ).toBe(true);
  });

  it('show a feed path and URL the public route answers', () => {
    const path = exampleOf<string>(CalendarFeedView, 'path');
    expect(path.split('/').pop()).toMatch(CALENDAR_FEED_FILE_PATTERN);
    expect(exampleOf<string>(CalendarFeedLink, 'url').endsWith(path)).toBe(true);
  });
});
