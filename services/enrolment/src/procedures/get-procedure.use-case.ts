import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller, ProcedureView } from '@portail/contracts';
import { managesService } from './procedure-access';
import { toProcedureView } from './procedure-view';
import { Procedure } from './procedure.entity';
import { ProcedureNotFoundException } from './procedure.exception';

/**
 * A procedure as families read it before applying (published ones only), or as its
 * managers see it whatever its status. A draft is "not found" for everyone else.
 */
@Injectable()
export class GetProcedure {
  constructor(private readonly dataSource: DataSource) {}

  async execute(caller: Caller | undefined, id: string): Promise<ProcedureView> {
    const procedure = await this.dataSource.getRepository(Procedure).findOneBy({ id });
    if (
      !procedure ||
      (procedure.status !== 'published' &&
        !(caller && managesService(caller, procedure.municipalServiceId)))
    ) {
      throw new ProcedureNotFoundException();
    }
    return toProcedureView(procedure);
  }
}
