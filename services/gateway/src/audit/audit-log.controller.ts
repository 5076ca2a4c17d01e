import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AgentSubjects, type Caller } from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { ServiceClient } from '../nats/service-client';
import { ProblemDetailsDto } from '../problems/problem-details.dto';
import { AuditEntryPageDto, ListAuditLogQueryDto } from './audit-log.dto';

@ApiTags('administration')
@Allow('admin')
@Controller('admin/audit-log')
export class AuditLogController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({
    summary: "Agents' reads and writes of family data, newest first (page size at most 100)",
  })
  @ApiResponse({ status: 200, type: AuditEntryPageDto })
  @ApiResponse({ status: 400, type: ProblemDetailsDto, description: 'VALIDATION_FAILED' })
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListAuditLogQueryDto,
  ): Promise<AuditEntryPageDto> {
    return this.services.requestUntyped(AgentSubjects.auditLogList, { ...query }, { caller });
  }
}
