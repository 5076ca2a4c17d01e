import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AgentSubjects, type AuditEntryView, type Caller, type Page } from '@portail/contracts';
import { CurrentCaller } from '@portail/service-kit';
import { ListAuditLogDto } from './audit-log.dto';
import { ListAuditLog } from './list-audit-log.use-case';

@Controller()
export class AuditLogController {
  constructor(private readonly listAuditLog: ListAuditLog) {}

  @MessagePattern(AgentSubjects.auditLogList)
  list(
    @CurrentCaller() caller: Caller,
    @Payload() query: ListAuditLogDto,
  ): Promise<Page<AuditEntryView>> {
    return this.listAuditLog.execute(caller, query);
  }
}
