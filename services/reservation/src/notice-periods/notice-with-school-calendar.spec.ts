import { SchoolCalendar } from '../calendar';
import { deadlineOf } from './notice-deadline';

/** The notice rules read working days from the real calendar of the portal (public holidays). */
describe('notice periods on the school calendar', () => {
  const calendar = SchoolCalendar.fromBundledData();

  it('two working days before Monday 18 May 2026 skip Ascension Thursday: Wednesday 13 May 10:00', () => {
    const deadline = deadlineOf(
      { kind: 'workingDaysBefore', days: 2, at: '10:00' },
      { day: '2026-05-18', startsAt: '11:45' },
      calendar,
    );
    // Friday 15 May (the pupils' bridge) is still a working day; Thursday 14 May is not.
    expect(deadline.toUTC().toISO()).toBe('2026-05-13T08:00:00.000Z');
  });

  it('one working day before Tuesday 26 May 2026 skips Whit Monday: Friday 22 May 10:00', () => {
    const deadline = deadlineOf(
      { kind: 'workingDaysBefore', days: 1, at: '10:00' },
      { day: '2026-05-26', startsAt: '11:45' },
      calendar,
    );
    expect(deadline.toUTC().toISO()).toBe('2026-05-22T08:00:00.000Z');
  });
});
