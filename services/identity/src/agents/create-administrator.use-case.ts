import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AdministratorView, Caller, CreateAdministratorCommand } from '@portail/contracts';
import { toAdministratorView } from './agent-views';
import { requireAdmin } from './caller-access';
import { StaffAccounts } from './staff-accounts';

@Injectable()
export class CreateAdministrator {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly staffAccounts: StaffAccounts,
  ) {}

  async execute(caller: Caller, command: CreateAdministratorCommand): Promise<AdministratorView> {
    requireAdmin(caller);
    return this.dataSource.transaction(async (manager) =>
      toAdministratorView(await this.staffAccounts.create(manager, { kind: 'admin', ...command })),
    );
  }
}
