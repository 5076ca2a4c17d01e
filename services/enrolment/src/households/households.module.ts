import { Module } from '@nestjs/common';
import { HouseholdDirectory } from './household-directory';

/** Enrolment's view of identity's households, for every module that acts on one. */
@Module({
  providers: [HouseholdDirectory],
  exports: [HouseholdDirectory],
})
export class HouseholdsModule {}
