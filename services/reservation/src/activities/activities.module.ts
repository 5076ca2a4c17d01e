import { Module } from '@nestjs/common';
import { ActivitiesController } from './activities.controller';
import { ActivityCatalogue } from './activity-catalogue';
import { ConfigureActivity } from './configure-activity.use-case';
import { CreateActivity } from './create-activity.use-case';
import { ImportClosures } from './import-closures.use-case';
import { ListActivities } from './list-activities.use-case';
import { ChildProfiles } from './child-profiles';
import { ServiceDirectory } from './service-directory';

@Module({
  controllers: [ActivitiesController],
  providers: [
    ActivityCatalogue,
    CreateActivity,
    ConfigureActivity,
    ImportClosures,
    ListActivities,
    ServiceDirectory,
    ChildProfiles,
  ],
  exports: [ActivityCatalogue, ServiceDirectory, ChildProfiles],
})
export class ActivitiesModule {}
