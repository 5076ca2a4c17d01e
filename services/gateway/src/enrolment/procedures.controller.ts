import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import {
  CommonErrorCode,
  CreateProcedureCommand,
  DirectoryErrorCode,
  EnrolmentErrorCode,
  EnrolmentSubjects,
  ListManagedProceduresQuery,
  ListOpenProceduresQuery,
  ProcedureRef,
  ProcedureSummaryView,
  ProcedureView,
  UpdateProcedureBody,
  type Caller,
} from '@portail/contracts';
import { Allow, CurrentCaller, OptionalCaller, Public } from '../auth/auth.decorators';
import { ApiProblems } from '../problems/api-problems.decorator';
import { ServiceClient } from '../nats/service-client';

const WRITE_DESCRIPTION =
  'Besides the shape of each part, 400 VALIDATION_FAILED also covers a closing before the opening, ' +
  'an automatic validation of a school assignment and a capacity below the places taken. ' +
  '422 INVALID_FORM_DEFINITION: the form cannot be answered (key format or duplicate, choice ' +
  'without options, min above max, pattern that does not compile, condition on a field not ' +
  'placed before), in details.fields.';

/** The catalogue of procedures ("démarches en ligne"), readable without an account. */
@ApiTags('enrolment')
@Public()
@Controller('procedures')
export class ProceduresController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({
    summary: 'Procedures open to families now (published, within their window), with places left',
  })
  @ApiResponse({ status: 200, type: [ProcedureSummaryView] })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED)
  listOpen(@Query() query: ListOpenProceduresQuery): Promise<ProcedureSummaryView[]> {
    return this.services.request(EnrolmentSubjects.proceduresListOpen, query);
  }

  @Get(':id')
  // The token is optional: OpenAPI says so with an empty requirement beside the bearer one.
  @ApiSecurity({})
  @ApiBearerAuth('access-token')
  @ApiOperation({
    summary: 'One procedure: step 1 ("avant de commencer"), its form, documents and conditions',
    description:
      'Published procedures for everyone. The token is optional: with it, agents of its service and administrators also read drafts and archived ones (others get 404).',
  })
  @ApiResponse({ status: 200, type: ProcedureView })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, EnrolmentErrorCode.PROCEDURE_NOT_FOUND)
  get(
    @OptionalCaller() caller: Caller | undefined,
    @Param() params: ProcedureRef,
  ): Promise<ProcedureView> {
    return this.services.request(EnrolmentSubjects.proceduresGet, { id: params.id }, { caller });
  }
}

/** Agents write the procedures of their services, administrators those of any. */
@ApiTags('enrolment')
@Allow('agent', 'admin')
@Controller('agent/procedures')
export class ManagedProceduresController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({
    summary: 'The procedures of your services, whatever their status (all for administrators)',
  })
  @ApiResponse({ status: 200, type: [ProcedureSummaryView] })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED)
  listManaged(
    @CurrentCaller() caller: Caller,
    @Query() query: ListManagedProceduresQuery,
  ): Promise<ProcedureSummaryView[]> {
    return this.services.request(EnrolmentSubjects.proceduresListManaged, query, { caller });
  }

  @Post()
  @ApiOperation({
    summary: 'Write a procedure for a season: text, form, documents, conditions (draft by default)',
    description: WRITE_DESCRIPTION,
  })
  @ApiResponse({ status: 201, type: ProcedureView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    CommonErrorCode.FORBIDDEN,
    EnrolmentErrorCode.PROCEDURE_OUT_OF_SCOPE,
    DirectoryErrorCode.MUNICIPAL_SERVICE_NOT_FOUND,
    EnrolmentErrorCode.INVALID_FORM_DEFINITION,
  )
  create(
    @CurrentCaller() caller: Caller,
    @Body() body: CreateProcedureCommand,
  ): Promise<ProcedureView> {
    return this.services.request(EnrolmentSubjects.proceduresCreate, body, { caller });
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One procedure of your services, whatever its status',
    description: 'A draft of another service answers 404.',
  })
  @ApiResponse({ status: 200, type: ProcedureView })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, EnrolmentErrorCode.PROCEDURE_NOT_FOUND)
  get(@CurrentCaller() caller: Caller, @Param() params: ProcedureRef): Promise<ProcedureView> {
    return this.services.request(EnrolmentSubjects.proceduresGet, { id: params.id }, { caller });
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a procedure: publish or archive it, move its window, edit its form',
    description: WRITE_DESCRIPTION,
  })
  @ApiResponse({ status: 200, type: ProcedureView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    CommonErrorCode.FORBIDDEN,
    EnrolmentErrorCode.PROCEDURE_OUT_OF_SCOPE,
    EnrolmentErrorCode.PROCEDURE_NOT_FOUND,
    EnrolmentErrorCode.INVALID_FORM_DEFINITION,
  )
  update(
    @CurrentCaller() caller: Caller,
    @Param() params: ProcedureRef,
    @Body() body: UpdateProcedureBody,
  ): Promise<ProcedureView> {
    return this.services.request(
      EnrolmentSubjects.proceduresUpdate,
      { ...body, id: params.id },
      { caller },
    );
  }
}
