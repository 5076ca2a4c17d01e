import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import {
  AGENT_ROLES,
  type AdministratorView,
  type AgentRole,
  type AgentView,
} from '@portail/contracts';
import type { Account } from '../accounts/account.entity';
import { AgentAssignment } from './agent-assignment.entity';

export function toAdministratorView(account: Account): AdministratorView {
  return {
    id: account.id,
    email: account.email,
    firstName: account.firstName,
    lastName: account.lastName,
    active: account.status === 'active',
    createdAt: account.createdAt.toISOString(),
  };
}

/** Builds agent views from accounts and their assignment rows. */
@Injectable()
export class AgentViews {
  async of(manager: EntityManager, accounts: Account[]): Promise<AgentView[]> {
    if (!accounts.length) return [];
    const assignments = await manager.getRepository(AgentAssignment).find({
      where: { accountId: In(accounts.map((account) => account.id)) },
      order: { createdAt: 'ASC', municipalServiceId: 'ASC' },
    });
    return accounts.map((account) => {
      const own = assignments.filter((row) => row.accountId === account.id);
      const roles = new Set<AgentRole>(own.flatMap((row) => row.roles));
      return {
        id: account.id,
        email: account.email,
        firstName: account.firstName,
        lastName: account.lastName,
        phone: account.phone,
        organisationId: own[0]?.organisationId ?? '',
        serviceIds: own.map((row) => row.municipalServiceId),
        roles: AGENT_ROLES.filter((role) => roles.has(role)),
        active: account.status === 'active',
        createdAt: account.createdAt.toISOString(),
      };
    });
  }
}
