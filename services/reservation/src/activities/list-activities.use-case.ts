import { Injectable } from '@nestjs/common';
import type {
  ActivityView,
  Caller,
  ListActivitiesQuery,
  ListManagedActivitiesQuery,
} from '@portail/contracts';
import { ActivityNotFoundException } from './activity-access';
import { ActivityCatalogue, toActivityView } from './activity-catalogue';

/** Families and agents read activities; agents list those of their services. */
@Injectable()
export class ListActivities {
  constructor(private readonly catalogue: ActivityCatalogue) {}

  async all(query: ListActivitiesQuery): Promise<ActivityView[]> {
    const found = await this.catalogue.loadMany({ organisationId: query.organisationId });
    return found.map(toActivityView);
  }

  async managed(caller: Caller, query: ListManagedActivitiesQuery): Promise<ActivityView[]> {
    let serviceIds: string[] | undefined;
    if (caller.kind === 'agent') {
      serviceIds = query.municipalServiceId
        ? caller.serviceIds.filter((id) => id === query.municipalServiceId)
        : caller.serviceIds;
    } else if (caller.kind === 'admin') {
      serviceIds = query.municipalServiceId ? [query.municipalServiceId] : undefined;
    } else {
      serviceIds = [];
    }
    const found = await this.catalogue.loadMany({ serviceIds });
    return found.map(toActivityView);
  }

  async get(activityId: string): Promise<ActivityView> {
    const found = await this.catalogue.loadMany({ ids: [activityId] });
    if (!found.length) throw new ActivityNotFoundException();
    return toActivityView(found[0]);
  }
}
