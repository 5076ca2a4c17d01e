import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  CommonErrorCode,
  DirectorySubjects,
  DirectoryErrorCode,
  schoolMisfit,
  seasonBounds,
  type ApplicationView,
  type Caller,
  type SchoolAssignment,
  type DecideApplicationCommand,
} from '@portail/contracts';
import { EventRecorder } from '@portail/messaging';
import { DomainException, ServiceRequester } from '@portail/service-kit';
import { requireManagerOf } from '../procedures/procedure-access';
import type { Procedure } from '../procedures/procedure.entity';
import { eventBase } from './application-events';
import { ApplicationStore, recordStatus } from './application-store';
import { Application } from './application.entity';
import {
  ApplicationNotFoundException,
  ApplicationStatusConflictException,
} from './application.exception';
import { releasePlace } from './application-rules';

const DECIDABLE = new Set(['submitted', 'information-requested']);

/**
 * An agent of the service decides: accept (with a school for a pre-registration), reject
 * with a reason, or ask the family for more. The family is told through the events.
 */
@Injectable()
export class DecideApplication {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ApplicationStore,
    private readonly events: EventRecorder,
    private readonly services: ServiceRequester,
  ) {}

  async execute(caller: Caller, command: DecideApplicationCommand): Promise<ApplicationView> {
    const message = command.message?.trim() || null;
    if (command.decision !== 'accept' && !message) {
      throw new DomainException(
        CommonErrorCode.VALIDATION_FAILED,
        command.decision === 'reject'
          ? 'Indiquez à la famille le motif du refus.'
          : 'Indiquez à la famille ce qui manque à sa demande.',
        { fields: [{ field: 'message', message: 'Le message est obligatoire.' }] },
      );
    }
    // Asked before the row is locked: identity's answer does not depend on the decision.
    const household = await this.store.householdFor(caller, command.applicationId);
    return this.dataSource.transaction(async (manager) => {
      const { application, procedure } = await this.store.load(
        manager,
        caller,
        command.applicationId,
        { lock: true, householdId: household?.householdId },
      );
      if (!household) throw new ApplicationNotFoundException();
      requireManagerOf(caller, procedure.municipalServiceId);
      if (
        !DECIDABLE.has(application.status) ||
        (command.decision === 'request-information' && application.status !== 'submitted')
      ) {
        throw new ApplicationStatusConflictException(application.status, 'statuer sur la demande');
      }
      const base = () => eventBase(application, procedure, household);
      const now = new Date();
      application.updatedAt = now;
      switch (command.decision) {
        case 'accept': {
          application.schoolAssignment = await this.schoolAssignment(
            procedure,
            application.child,
            command.schoolId,
          );
          application.status = 'accepted';
          application.decidedAt = now;
          application.message = message;
          const season = seasonBounds(procedure.season);
          await this.events.record(
            manager,
            'enrolment.application.accepted',
            {
              ...base(),
              grant: procedure.grant,
              validFrom: season.startsOn,
              validUntil: season.endsOn,
              schoolAssignment: application.schoolAssignment,
              automatic: false,
              message,
            },
            {
              aggregateId: application.id,
            },
          );
          break;
        }
        case 'reject':
          await releasePlace(manager, application);
          application.status = 'rejected';
          application.decidedAt = now;
          application.message = message;
          await this.events.record(
            manager,
            'enrolment.application.rejected',
            {
              ...base(),
              reason: message!,
            },
            {
              aggregateId: application.id,
            },
          );
          break;
        case 'request-information':
          application.status = 'information-requested';
          application.message = message;
          await this.events.record(
            manager,
            'enrolment.application.information-requested',
            {
              ...base(),
              message: message!,
            },
            {
              aggregateId: application.id,
            },
          );
          break;
      }
      await manager.getRepository(Application).save(application);
      await recordStatus(manager, application, application.status, caller, message, now);
      return this.store.view(manager, application, procedure);
    });
  }

  /**
   * The school a pre-registration assigns: an open school of the procedure's organisation, of
   * the kind (maternelle, élémentaire) the child's class level or age calls for that season.
   */
  private async schoolAssignment(
    procedure: Procedure,
    child: Application['child'],
    schoolId: string | null | undefined,
  ): Promise<SchoolAssignment | null> {
    if (procedure.grant.kind !== 'school-assignment') {
      if (schoolId) {
        throw new DomainException(
          CommonErrorCode.VALIDATION_FAILED,
          "Cette démarche n'affecte pas d'école.",
          { fields: [{ field: 'schoolId', message: "Ne pas indiquer d'école." }] },
        );
      }
      return null;
    }
    if (!schoolId) {
      throw new DomainException(
        CommonErrorCode.VALIDATION_FAILED,
        "Choisissez l'école d'affectation de l'enfant.",
        { fields: [{ field: 'schoolId', message: "L'école d'affectation est obligatoire." }] },
      );
    }
    const school = await this.services.request(DirectorySubjects.schoolsGet, {
      id: schoolId,
    });
    if (school.organisationId !== procedure.organisationId || !school.active) {
      throw new DomainException(
        DirectoryErrorCode.SCHOOL_NOT_FOUND,
        `Cette école n'est pas une école ouverte de ${procedure.organisationName}.`,
      );
    }
    const misfit = schoolMisfit(
      school,
      child,
      Number(seasonBounds(procedure.season).startsOn.slice(0, 4)),
      // The level on file may be this year's, the assignment is for the procedure's season.
      { levelMayBeStale: true },
    );
    if (misfit) {
      throw new DomainException(CommonErrorCode.VALIDATION_FAILED, misfit, {
        fields: [{ field: 'schoolId', message: misfit }],
      });
    }
    const address = school.address;
    const cityLine = [address.postalCode, address.city].filter(Boolean).join(' ');
    return {
      schoolId: school.id,
      schoolName: school.name,
      schoolAddress: [address.addressLine1, address.addressLine2, cityLine]
        .filter(Boolean)
        .join(', '),
    };
  }
}
