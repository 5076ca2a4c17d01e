import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ApplicationView, Caller, WithdrawApplicationCommand } from '@portail/contracts';
import { EventRecorder } from '@portail/messaging';
import { HouseholdDirectory } from '../households/household-directory';
import { eventBase } from './application-events';
import { ApplicationStore, recordStatus } from './application-store';
import { Application } from './application.entity';
import {
  ApplicationNotFoundException,
  ApplicationStatusConflictException,
} from './application.exception';
import { releasePlace } from './application-rules';

const WITHDRAWABLE = ['draft', 'submitted', 'information-requested', 'accepted'] as const;
type Withdrawable = (typeof WITHDRAWABLE)[number];

function isWithdrawable(status: string): status is Withdrawable {
  return (WITHDRAWABLE as readonly string[]).includes(status);
}

/**
 * The family withdraws an application, including an accepted one (the child leaves the
 * activity): its place is given back and reservation, told by the event, ends the right.
 */
@Injectable()
export class WithdrawApplication {
  constructor(
    private readonly dataSource: DataSource,
    private readonly households: HouseholdDirectory,
    private readonly store: ApplicationStore,
    private readonly events: EventRecorder,
  ) {}

  async execute(caller: Caller, command: WithdrawApplicationCommand): Promise<ApplicationView> {
    if (caller.kind !== 'family') throw new ApplicationNotFoundException();
    const household = await this.households.profileOfAccount(caller.accountId);
    return this.dataSource.transaction(async (manager) => {
      const { application, procedure } = await this.store.load(
        manager,
        caller,
        command.applicationId,
        { lock: true, householdId: household.householdId },
      );
      const previousStatus = application.status;
      if (!isWithdrawable(previousStatus)) {
        throw new ApplicationStatusConflictException(application.status, 'retirer la demande');
      }
      const now = new Date();
      await releasePlace(manager, application);
      application.status = 'withdrawn';
      application.message = command.reason ?? null;
      application.updatedAt = now;
      await manager.getRepository(Application).save(application);
      await recordStatus(manager, application, 'withdrawn', caller, command.reason ?? null, now);
      // A draft never left the family: nobody else needs to know.
      if (previousStatus !== 'draft') {
        await this.events.record(
          manager,
          'enrolment.application.withdrawn',
          {
            ...eventBase(application, procedure, household),
            reason: command.reason ?? null,
            previousStatus,
          },
          {
            aggregateId: application.id,
          },
        );
      }
      return this.store.view(manager, application, procedure);
    });
  }
}
