import { Global, Injectable, Module } from '@nestjs/common';

/**
 * A service's one reading of the time: business rules (notice periods, late cancellations,
 * expiries, month-end runs) and timed jobs are judged against it, so tests move it
 * (`jest.spyOn(app.get(Clock), 'now')`) instead of sleeping. Import `ClockModule` once per service.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
