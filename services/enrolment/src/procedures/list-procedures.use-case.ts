import { Injectable } from '@nestjs/common';
import { DataSource, type FindOptionsWhere, In, LessThanOrEqual, MoreThan } from 'typeorm';
import type {
  Caller,
  ListManagedProceduresQuery,
  ListOpenProceduresQuery,
  ProcedureSummaryView,
} from '@portail/contracts';
import { toProcedureSummaryView } from './procedure-view';
import { Procedure } from './procedure.entity';

/** The catalogue: what families may apply to now, and what agents manage. */
@Injectable()
export class ListProcedures {
  constructor(private readonly dataSource: DataSource) {}

  async open(query: ListOpenProceduresQuery): Promise<ProcedureSummaryView[]> {
    const now = new Date();
    const procedures = await this.dataSource.getRepository(Procedure).find({
      where: {
        status: 'published',
        opensAt: LessThanOrEqual(now),
        closesAt: MoreThan(now),
        ...(query.organisationId && { organisationId: query.organisationId }),
        ...(query.municipalServiceId && { municipalServiceId: query.municipalServiceId }),
        ...(query.season && { season: query.season }),
      },
      order: { organisationName: 'ASC', title: 'ASC' },
      take: 500,
    });
    return procedures.map((procedure) => toProcedureSummaryView(procedure, now));
  }

  async managed(
    caller: Caller,
    query: ListManagedProceduresQuery,
  ): Promise<ProcedureSummaryView[]> {
    if (caller.kind === 'family') return [];
    const where: FindOptionsWhere<Procedure> = {
      ...(query.season && { season: query.season }),
      ...(query.status && { status: query.status }),
    };
    if (caller.kind === 'agent') {
      const services = query.municipalServiceId
        ? caller.serviceIds.filter((id) => id === query.municipalServiceId)
        : caller.serviceIds;
      where.municipalServiceId = In(services);
    } else if (query.municipalServiceId) {
      where.municipalServiceId = query.municipalServiceId;
    }
    const procedures = await this.dataSource.getRepository(Procedure).find({
      where,
      order: { season: 'DESC', title: 'ASC' },
      take: 500,
    });
    return procedures.map((procedure) => toProcedureSummaryView(procedure));
  }
}
