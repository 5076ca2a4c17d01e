import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  AgentSubjects,
  AuditEntryPage,
  CommonErrorCode,
  ListAuditLogQuery,
  type Caller,
} from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { ServiceClient } from '../nats/service-client';
import { ApiProblems } from '../problems/api-problems.decorator';

@ApiTags('administration')
@Allow('admin')
@Controller('admin/audit-log')
export class AuditLogController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({
    summary: "Agents' reads and writes of family data, newest first (page size at most 100)",
  })
  @ApiResponse({ status: 200, type: AuditEntryPage })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED)
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListAuditLogQuery,
  ): Promise<AuditEntryPage> {
    return this.services.request(AgentSubjects.auditLogList, { ...query }, { caller });
  }
}
