import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller, ProcedureView, UpdateProcedureCommand } from '@portail/contracts';
import { requireManagerOf } from './procedure-access';
import { toProcedureView } from './procedure-view';
import { Procedure } from './procedure.entity';
import { ProcedureNotFoundException } from './procedure.exception';
import { CommuneDirectory } from '../households/commune-directory';
import { formNamesCommunes } from '../forms/residence';
import { applyProcedureFields } from './write-procedure';

/**
 * Changes a procedure. The row is locked so a concurrent submission cannot take a place
 * between the capacity check and the write. Applications keep the answers they were given:
 * a changed form applies to what is submitted from now on.
 */
@Injectable()
export class UpdateProcedure {
  constructor(
    private readonly dataSource: DataSource,
    private readonly communes: CommuneDirectory,
  ) {}

  async execute(caller: Caller, command: UpdateProcedureCommand): Promise<ProcedureView> {
    // Asked before the row is locked: identity's answer is not waited for under a lock.
    const communes =
      command.form && formNamesCommunes(command.form) ? await this.communes.communes() : [];
    return this.dataSource.transaction(async (manager) => {
      const procedure = await manager
        .getRepository(Procedure)
        .findOne({ where: { id: command.id }, lock: { mode: 'pessimistic_write' } });
      if (!procedure) throw new ProcedureNotFoundException();
      requireManagerOf(caller, procedure.municipalServiceId);
      applyProcedureFields(procedure, command, communes);
      await manager.getRepository(Procedure).save(procedure);
      return toProcedureView(procedure);
    });
  }
}
