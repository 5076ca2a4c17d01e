import { offerExpiryOf } from '../bookings/booking-ledger';

const meal = { startsAt: '11:30', offerHoldMinutes: 24 * 60 };

describe('offerExpiryOf: how long a freed place is held', () => {
  it('holds the place for the unit hold time when the unit starts later', () => {
    expect(offerExpiryOf(meal, '2026-10-12', new Date('2026-10-08T08:00:00Z'))).toEqual(
      new Date('2026-10-09T08:00:00Z'),
    );
  });

  it('holds it until the unit starts (Paris time) when that comes first', () => {
    // 11:30 in Paris on 12 October 2026 (summer time, UTC+2) is 09:30 UTC.
    expect(offerExpiryOf(meal, '2026-10-12', new Date('2026-10-11T20:00:00Z'))).toEqual(
      new Date('2026-10-12T09:30:00Z'),
    );
  });

  it('reads the start in winter time after the October change', () => {
    // Sunday 25 October 2026 the clocks go back: on Monday 26, 11:30 in Paris is 10:30 UTC.
    expect(offerExpiryOf(meal, '2026-10-26', new Date('2026-10-25T22:00:00Z'))).toEqual(
      new Date('2026-10-26T10:30:00Z'),
    );
  });

  it('offers nothing once the unit has started', () => {
    expect(offerExpiryOf(meal, '2026-10-12', new Date('2026-10-12T09:30:00Z'))).toBeNull();
    expect(offerExpiryOf(meal, '2026-10-12', new Date('2026-10-13T06:00:00Z'))).toBeNull();
  });
});
