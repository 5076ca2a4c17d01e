import { Module } from '@nestjs/common';
import { CommuneDirectory } from './commune-directory';
import { HouseholdDirectory } from './household-directory';

/** Enrolment's view of identity's households and communes, for every module that acts on one. */
@Module({
  providers: [HouseholdDirectory, CommuneDirectory],
  exports: [HouseholdDirectory, CommuneDirectory],
})
export class HouseholdsModule {}
