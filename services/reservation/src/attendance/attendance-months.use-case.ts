import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AttendanceMonthRef, AttendanceMonthView, Caller } from '@portail/contracts';
import { EventRecorder } from '@portail/messaging';
import { Clock } from '@portail/service-kit';
import { requireManagerOf } from '../activities/activity-access';
import { ServiceDirectory } from '../activities/service-directory';
import { lockMonth, requireSupervisor } from './attendance-access';
import { AttendanceMonthLock } from './attendance.entities';

/**
 * A service's month of attendance: read by its agents, locked by its supervisors
 * (`reservation.attendance.month-locked`, once; locking again returns the lock unchanged).
 */
@Injectable()
export class AttendanceMonths {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: ServiceDirectory,
    private readonly events: EventRecorder,
    private readonly clock: Clock,
  ) {}

  async get(caller: Caller, ref: AttendanceMonthRef): Promise<AttendanceMonthView> {
    requireManagerOf(caller, ref.municipalServiceId);
    const lock = await this.dataSource.getRepository(AttendanceMonthLock).findOneBy(ref);
    return toMonthView(ref, lock);
  }

  async lock(caller: Caller, ref: AttendanceMonthRef): Promise<AttendanceMonthView> {
    requireManagerOf(caller, ref.municipalServiceId);
    requireSupervisor(caller);
    const organisationId =
      caller.kind === 'agent'
        ? caller.organisationId
        : await this.directory.organisationOf(ref.municipalServiceId);
    const lock = await this.dataSource.transaction(async (manager) => {
      await lockMonth(manager, ref.municipalServiceId, ref.month, 'exclusive');
      const repository = manager.getRepository(AttendanceMonthLock);
      const existing = await repository.findOneBy(ref);
      if (existing) return existing;
      const created = Object.assign(new AttendanceMonthLock(), {
        ...ref,
        organisationId,
        lockedBy: caller.accountId,
        lockedAt: this.clock.now(),
      });
      await repository.insert(created);
      await this.events.record(
        manager,
        'reservation.attendance.month-locked',
        {
          organisationId,
          municipalServiceId: ref.municipalServiceId,
          month: ref.month,
          lockedBy: caller.accountId,
          lockedAt: created.lockedAt.toISOString(),
        },
        { aggregateId: ref.municipalServiceId },
      );
      return created;
    });
    return toMonthView(ref, lock);
  }
}

function toMonthView(
  ref: AttendanceMonthRef,
  lock: AttendanceMonthLock | null,
): AttendanceMonthView {
  return {
    municipalServiceId: ref.municipalServiceId,
    month: ref.month,
    locked: lock !== null,
    lockedBy: lock?.lockedBy ?? null,
    lockedAt: lock ? new Date(lock.lockedAt).toISOString() : null,
  };
}
