import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  ReservationErrorCode,
  type ActivityView,
  type Caller,
  type CreateActivityCommand,
} from '@portail/contracts';
import { isUniqueViolation } from '@portail/database';
import { DomainException } from '@portail/service-kit';
import { requireManagerOf } from './activity-access';
import { ActivityCatalogue, toActivityView } from './activity-catalogue';
import { Activity } from './activity.entities';
import { ServiceDirectory } from './service-directory';

/** An agent of the service (or an administrator) opens an activity to booking. */
@Injectable()
export class CreateActivity {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: ServiceDirectory,
    private readonly catalogue: ActivityCatalogue,
  ) {}

  async execute(caller: Caller, command: CreateActivityCommand): Promise<ActivityView> {
    requireManagerOf(caller, command.municipalServiceId);
    const organisationId = await this.directory.organisationOf(command.municipalServiceId);
    const activity = Object.assign(new Activity(), {
      id: uuidv7(),
      organisationId,
      municipalServiceId: command.municipalServiceId,
      code: command.code,
      name: command.name,
      createdAt: new Date(),
    });
    try {
      await this.dataSource.getRepository(Activity).insert(activity);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainException(
          ReservationErrorCode.DUPLICATE_ACTIVITY_CODE,
          `La collectivité a déjà une activité de code ${command.code}.`,
          { code: command.code },
        );
      }
      throw error;
    }
    return toActivityView(await this.catalogue.load(activity.id));
  }
}
