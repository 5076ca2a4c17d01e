import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ApplicationView, Caller } from '@portail/contracts';
import { ApplicationStore } from './application-store';

/** One application with its answers, documents and history, for its family or its service. */
@Injectable()
export class GetApplication {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ApplicationStore,
  ) {}

  async execute(caller: Caller, applicationId: string): Promise<ApplicationView> {
    const manager = this.dataSource.manager;
    const { application, procedure } = await this.store.load(manager, caller, applicationId);
    return this.store.view(manager, application, procedure);
  }
}
