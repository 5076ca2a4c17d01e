import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { ChildView, ChildrenProfilesQuery } from '@portail/contracts';
import { toChildView } from '../households/household.views';
import { Child } from './child.entity';

/**
 * Service to service (reservation): children by id, with their school, health flags and
 * authorised pick-up persons. Never routed by the gateway; the calling service checks its own
 * scope (the child must hold one of its booking rights). Unknown ids are left out.
 */
@Injectable()
export class ListChildProfiles {
  constructor(private readonly dataSource: DataSource) {}

  async execute(query: ChildrenProfilesQuery): Promise<ChildView[]> {
    const children = await this.dataSource
      .getRepository(Child)
      .findBy({ id: In([...new Set(query.childIds)]) });
    return children.map(toChildView);
  }
}
