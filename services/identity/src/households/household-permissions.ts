import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Caller, FamilyCaller } from '@portail/contracts';
import { HouseholdAccess as AgentHouseholdAccess } from '../agents/household-access';
import { AuditTrail } from '../audit/audit-trail';
import { Guardian } from './guardian.entity';
import { Household } from './household.entity';
import { forbidden, HouseholdNotFoundException } from './household.exception';

export interface ReadSubject {
  /** `household`, `child`, `household-history`… as written in the audit log. */
  type: string;
  id: string;
}

/**
 * Who reaches which household; every use case asks here first, before any other work.
 * A family reaches only the household of which it is a guardian: any other id, existing or
 * not, is HOUSEHOLD_NOT_FOUND. Admins read any household. Agents read through the agents
 * module's rule (a household dealing with one of their services, else HOUSEHOLD_NOT_FOUND, as if it did not exist);
 * agents' and admins' reads are written to the audit log.
 */
@Injectable()
export class HouseholdPermissions {
  constructor(
    private readonly agents: AgentHouseholdAccess,
    private readonly audit: AuditTrail,
  ) {}

  requireFamily(caller: Caller): asserts caller is FamilyCaller {
    if (caller.kind !== 'family') throw forbidden();
  }

  /** The calling family's own household, locked until the end of the transaction (for a change). */
  async ownForUpdate(
    manager: EntityManager,
    caller: Caller,
    householdId: string,
  ): Promise<Household> {
    this.requireFamily(caller);
    const guardian = await manager.findOneBy(Guardian, {
      householdId,
      accountId: caller.accountId,
    });
    if (!guardian) throw new HouseholdNotFoundException(householdId);
    const household = await manager.findOne(Household, {
      where: { id: householdId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!household) throw new HouseholdNotFoundException(householdId);
    return household;
  }

  /** The household of the calling family account, if it has one. */
  async ownedBy(manager: EntityManager, caller: FamilyCaller): Promise<Household | null> {
    const guardian = await manager.findOneBy(Guardian, { accountId: caller.accountId });
    return guardian ? manager.findOneBy(Household, { id: guardian.householdId }) : null;
  }

  /**
   * A household the caller may read: a family its own, an admin any, an agent one its
   * organisation's services deal with (audited, in the caller's transaction).
   */
  async readable(
    manager: EntityManager,
    caller: Caller,
    householdId: string,
    subject: ReadSubject,
  ): Promise<Household> {
    switch (caller.kind) {
      case 'family': {
        const guardian = await manager.findOneBy(Guardian, {
          householdId,
          accountId: caller.accountId,
        });
        if (!guardian) throw new HouseholdNotFoundException(householdId);
        break;
      }
      case 'agent':
        // Checks the rule and writes the audit line, in this transaction.
        await this.agents.authorizeAgent(manager, caller, householdId, {
          action: `${subject.type}.read`,
          subjectType: subject.type,
          subjectId: subject.id,
        });
        break;
      case 'admin':
        break;
    }
    const household = await manager.findOneBy(Household, { id: householdId });
    if (!household) throw new HouseholdNotFoundException(householdId);
    if (caller.kind === 'admin') {
      await this.audit.record(manager, {
        actor: caller,
        action: `${subject.type}.read`,
        subjectType: subject.type,
        subjectId: subject.id,
        householdId,
      });
    }
    return household;
  }
}
