import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { EnrolmentSubjects, type Caller } from '@portail/contracts';
import { Allow, CurrentCaller, OptionalCaller, Public } from '../auth/auth.decorators';
import { ServiceClient } from '../nats/service-client';
import { ProcedureIdParam } from './enrolment.dto';
import { INVALID, OUT_OF_SCOPE, PROCEDURE_NOT_FOUND, problem } from './enrolment-responses';
import {
  CreateProcedureDto,
  ListManagedProceduresQueryDto,
  ListOpenProceduresQueryDto,
  ProcedureDto,
  ProcedureSummaryDto,
  UpdateProcedureDto,
} from './procedure.dto';

const INVALID_PROCEDURE = problem(
  400,
  'VALIDATION_FAILED: details.fields lists each problem (also: closing before opening, automatic validation of a school assignment, capacity below the places taken)',
);
const INVALID_FORM = problem(
  422,
  'INVALID_FORM_DEFINITION: the form cannot be answered (key format or duplicate, choice without options, min above max, pattern that does not compile, condition on a field not placed before); details.fields',
);

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
  @ApiResponse({ status: 200, type: [ProcedureSummaryDto] })
  @ApiResponse(INVALID)
  listOpen(@Query() query: ListOpenProceduresQueryDto): Promise<ProcedureSummaryDto[]> {
    return this.services.requestUntyped(EnrolmentSubjects.proceduresListOpen, query);
  }

  @Get(':id')
  // The token is optional: OpenAPI says so with an empty requirement beside the bearer one.
  @ApiSecurity({})
  @ApiBearerAuth('access-token')
  @ApiOperation({
    summary: 'One procedure: step 1 ("avant de commencer"), its form, documents and conditions',
    description:
      'Published procedures for everyone. The token is optional: with it, agents of its service and administrators also read drafts and archived ones.',
  })
  @ApiResponse({ status: 200, type: ProcedureDto })
  @ApiResponse(INVALID)
  @ApiResponse(problem(404, `${PROCEDURE_NOT_FOUND}: unknown, or not published`))
  get(
    @OptionalCaller() caller: Caller | undefined,
    @Param() params: ProcedureIdParam,
  ): Promise<ProcedureDto> {
    return this.services.requestUntyped(
      EnrolmentSubjects.proceduresGet,
      { id: params.id },
      { caller },
    );
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
  @ApiResponse({ status: 200, type: [ProcedureSummaryDto] })
  @ApiResponse(INVALID)
  listManaged(
    @CurrentCaller() caller: Caller,
    @Query() query: ListManagedProceduresQueryDto,
  ): Promise<ProcedureSummaryDto[]> {
    return this.services.requestUntyped(EnrolmentSubjects.proceduresListManaged, query, { caller });
  }

  @Post()
  @ApiOperation({
    summary: 'Write a procedure for a season: text, form, documents, conditions (draft by default)',
  })
  @ApiResponse({ status: 201, type: ProcedureDto })
  @ApiResponse(INVALID_PROCEDURE)
  @ApiResponse(OUT_OF_SCOPE)
  @ApiResponse(problem(404, 'MUNICIPAL_SERVICE_NOT_FOUND'))
  @ApiResponse(INVALID_FORM)
  create(@CurrentCaller() caller: Caller, @Body() body: CreateProcedureDto): Promise<ProcedureDto> {
    return this.services.requestUntyped(EnrolmentSubjects.proceduresCreate, body, { caller });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One procedure of your services, whatever its status' })
  @ApiResponse({ status: 200, type: ProcedureDto })
  @ApiResponse(INVALID)
  @ApiResponse(problem(404, `${PROCEDURE_NOT_FOUND}: unknown, or a draft of another service`))
  get(@CurrentCaller() caller: Caller, @Param() params: ProcedureIdParam): Promise<ProcedureDto> {
    return this.services.requestUntyped(
      EnrolmentSubjects.proceduresGet,
      { id: params.id },
      { caller },
    );
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a procedure: publish or archive it, move its window, edit its form',
  })
  @ApiResponse({ status: 200, type: ProcedureDto })
  @ApiResponse(INVALID_PROCEDURE)
  @ApiResponse(OUT_OF_SCOPE)
  @ApiResponse(problem(404, PROCEDURE_NOT_FOUND))
  @ApiResponse(INVALID_FORM)
  update(
    @CurrentCaller() caller: Caller,
    @Param() params: ProcedureIdParam,
    @Body() body: UpdateProcedureDto,
  ): Promise<ProcedureDto> {
    return this.services.requestUntyped(
      EnrolmentSubjects.proceduresUpdate,
      { ...body, id: params.id },
      { caller },
    );
  }
}
