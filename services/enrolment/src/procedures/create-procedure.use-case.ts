import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { Caller, CreateProcedureCommand, ProcedureView } from '@portail/contracts';
import { requireManagerOf } from './procedure-access';
import { toProcedureView } from './procedure-view';
import { Procedure } from './procedure.entity';
import { ServiceDirectory } from './service-directory';
import { CommuneDirectory } from '../households/commune-directory';
import { formNamesCommunes } from '../forms/residence';
import { applyProcedureFields } from './write-procedure';

/** An agent of the service (or an administrator) writes a procedure for a season. */
@Injectable()
export class CreateProcedure {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: ServiceDirectory,
    private readonly communes: CommuneDirectory,
  ) {}

  async execute(caller: Caller, command: CreateProcedureCommand): Promise<ProcedureView> {
    requireManagerOf(caller, command.municipalServiceId);
    const service = await this.directory.municipalService(command.municipalServiceId);
    const procedure = new Procedure();
    const now = new Date();
    Object.assign(procedure, {
      id: uuidv7(),
      organisationId: service.organisationId,
      organisationName: service.organisationName,
      municipalServiceId: service.id,
      municipalServiceName: service.name,
      season: command.season,
      capacity: null,
      placesTaken: 0,
      status: 'draft',
      createdBy: caller.accountId,
      createdAt: now,
      updatedAt: now,
    });
    const communes = formNamesCommunes(command.form) ? await this.communes.communes() : [];
    applyProcedureFields(procedure, command, communes);
    await this.dataSource.getRepository(Procedure).insert(procedure);
    return toProcedureView(procedure);
  }
}
