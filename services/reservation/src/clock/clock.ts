import { Global, Injectable, Module } from '@nestjs/common';

/**
 * The service's one reading of the time: notice periods and late cancellations are judged
 * against it. Tests move it (`jest.spyOn(app.get(Clock), 'now')`).
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
