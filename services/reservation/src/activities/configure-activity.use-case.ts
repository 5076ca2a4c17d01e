import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  CommonErrorCode,
  DEFAULT_OFFER_HOLD_MINUTES,
  ReservationErrorCode,
  type ActivityView,
  type AddClosureCommand,
  type AddSiteCommand,
  type AddUnitCommand,
  type Caller,
} from '@portail/contracts';
import { isUniqueViolation } from '@portail/database';
import { DomainException } from '@portail/service-kit';
import { parseNoticePolicy } from '../notice-periods';
import { requireManagerOf } from './activity-access';
import { ActivityCatalogue, toActivityView, type ActivityAggregate } from './activity-catalogue';
import { ActivityClosure, ActivitySite, ActivityUnit } from './activity.entities';

/**
 * The parts of an activity its service's agents write: units, sites, capacities (a default per
 * unit and site, and per-day overrides, in bookings/set-capacity.use-case.ts) and closures.
 */
@Injectable()
export class ConfigureActivity {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalogue: ActivityCatalogue,
  ) {}

  async addUnit(caller: Caller, command: AddUnitCommand): Promise<ActivityView> {
    await this.managed(caller, command.activityId);
    const parsed = parseNoticePolicy(command.noticePolicy);
    if (!parsed.ok) {
      throw new DomainException(
        CommonErrorCode.VALIDATION_FAILED,
        'Les délais de prévenance ne sont pas valides.',
        {
          fields: parsed.errors.map((error) => ({
            field: error.field ? `noticePolicy.${error.field}` : 'noticePolicy',
            message: error.message,
          })),
        },
      );
    }
    if (command.endsAt <= command.startsAt) {
      throw new DomainException(CommonErrorCode.VALIDATION_FAILED, 'La fin précède le début.', {
        fields: [{ field: 'endsAt', message: "L'heure de fin doit suivre l'heure de début." }],
      });
    }
    const unit = Object.assign(new ActivityUnit(), {
      id: uuidv7(),
      activityId: command.activityId,
      code: command.code,
      label: command.label,
      kind: command.kind,
      startsAt: command.startsAt,
      endsAt: command.endsAt,
      weekdays: [...command.weekdays].sort(),
      noticePolicy: parsed.policy,
      allowsLateRequests: command.allowsLateRequests ?? false,
      waitingListMode: command.waitingListMode ?? 'promote',
      offerHoldMinutes: command.offerHoldMinutes ?? DEFAULT_OFFER_HOLD_MINUTES,
    });
    try {
      await this.dataSource.getRepository(ActivityUnit).insert(unit);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainException(
          ReservationErrorCode.DUPLICATE_ACTIVITY_CODE,
          `L'activité a déjà une unité de code ${command.code}.`,
          { code: command.code },
        );
      }
      throw error;
    }
    return this.view(command.activityId);
  }

  async addSite(caller: Caller, command: AddSiteCommand): Promise<ActivityView> {
    await this.managed(caller, command.activityId);
    await this.dataSource.getRepository(ActivitySite).insert({
      id: uuidv7(),
      activityId: command.activityId,
      name: command.name,
      schoolId: command.schoolId ?? null,
    });
    return this.view(command.activityId);
  }

  async addClosure(caller: Caller, command: AddClosureCommand): Promise<ActivityView> {
    const aggregate = await this.managed(caller, command.activityId);
    if (command.siteId) requirePart(aggregate, undefined, command.siteId);
    if (command.lastDay < command.firstDay) {
      throw new DomainException(CommonErrorCode.VALIDATION_FAILED, 'Les dates sont inversées.', {
        fields: [{ field: 'lastDay', message: 'Le dernier jour ne peut pas précéder le premier.' }],
      });
    }
    await this.dataSource.getRepository(ActivityClosure).insert({
      id: uuidv7(),
      activityId: command.activityId,
      siteId: command.siteId ?? null,
      firstDay: command.firstDay,
      lastDay: command.lastDay,
      label: command.label,
    });
    return this.view(command.activityId);
  }

  private async managed(caller: Caller, activityId: string): Promise<ActivityAggregate> {
    const aggregate = await this.catalogue.load(activityId);
    requireManagerOf(caller, aggregate.activity.municipalServiceId);
    return aggregate;
  }

  private async view(activityId: string): Promise<ActivityView> {
    return toActivityView(await this.catalogue.load(activityId));
  }
}

export function requirePart(
  aggregate: ActivityAggregate,
  unitId: string | undefined,
  siteId: string | undefined,
): void {
  if (unitId !== undefined && !aggregate.units.some((unit) => unit.id === unitId)) {
    throw new DomainException(
      ReservationErrorCode.UNIT_NOT_FOUND,
      "Cette unité n'existe pas dans l'activité.",
    );
  }
  if (siteId !== undefined && !aggregate.sites.some((site) => site.id === siteId)) {
    throw new DomainException(
      ReservationErrorCode.SITE_NOT_FOUND,
      "Ce site n'existe pas dans l'activité.",
    );
  }
}
