import { Module } from '@nestjs/common';
import { SchoolCalendar } from './school-calendar';

/** Gives use cases the committed school calendar; tests override the `SchoolCalendar` provider. */
@Module({
  providers: [{ provide: SchoolCalendar, useFactory: () => SchoolCalendar.fromBundledData() }],
  exports: [SchoolCalendar],
})
export class CalendarModule {}
