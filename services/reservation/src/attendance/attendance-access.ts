import type { EntityManager } from 'typeorm';
import { ReservationErrorCode, type Caller } from '@portail/contracts';
import { DomainException } from '@portail/service-kit';

/** Supervisors of the service (and administrators) lock months and correct locked ones. */
export function isSupervisor(caller: Caller): boolean {
  return (
    caller.kind === 'admin' || (caller.kind === 'agent' && caller.roles.includes('supervisor'))
  );
}

export function requireSupervisor(caller: Caller): void {
  if (!isSupervisor(caller)) {
    throw new DomainException(
      ReservationErrorCode.SUPERVISOR_ONLY,
      'Seul un responsable du service (rôle superviseur) peut verrouiller un mois de pointage.',
    );
  }
}

/**
 * Serialises recording and locking of one service's month: recordings share the lock, locking
 * takes it alone, so no recording slips in after a lock it did not see.
 */
export async function lockMonth(
  manager: EntityManager,
  municipalServiceId: string,
  month: string,
  mode: 'shared' | 'exclusive',
): Promise<void> {
  const lock = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
  await manager.query(`SELECT ${lock}(hashtext($1))`, [
    `attendance-month:${municipalServiceId}:${month}`,
  ]);
}

export function monthOf(day: string): string {
  return day.slice(0, 7);
}
