import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AgentSubjects,
  ListAuditLogQuery,
  type AuditEntryPage,
  type Caller,
} from '@portail/contracts';
import { CurrentCaller, HandlesRequest } from '@portail/service-kit';
import { ListAuditLog } from './list-audit-log.use-case';

@Controller()
export class AuditLogController {
  constructor(private readonly listAuditLog: ListAuditLog) {}

  @HandlesRequest(AgentSubjects.auditLogList)
  list(
    @CurrentCaller() caller: Caller,
    @Payload() query: ListAuditLogQuery,
  ): Promise<AuditEntryPage> {
    return this.listAuditLog.execute(caller, query);
  }
}
