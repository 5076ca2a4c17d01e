import type { EntityManager } from 'typeorm';
import type { Caller } from '@portail/contracts';
import { requireRegieAgent } from '../regies/regie-access';
import type { RegieRow, RegieStore } from '../regies/regie-store';

/** The régie, when the caller is one of its agents (404 unknown, 403 out of scope). */
export async function regieOfAgent(
  regies: RegieStore,
  caller: Caller,
  regieId: string,
  manager?: EntityManager,
): Promise<RegieRow> {
  const regie = await regies.load(regieId, manager);
  requireRegieAgent(caller, regie);
  return regie;
}
