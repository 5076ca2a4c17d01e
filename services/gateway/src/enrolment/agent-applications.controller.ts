import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { EnrolmentSubjects, type Caller, type CertificateView } from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { ServiceClient } from '../nats/service-client';
import {
  AddressAnswerDto,
  ApplicationDto,
  ApplicationsPageDto,
  DecideApplicationDto,
  ListApplicationsQueryDto,
  StartApplicationForHouseholdDto,
  UpdateApplicationDto,
} from './application.dto';
import { CERTIFICATE_PDF, certificateFile } from './certificate-file';
import { ApplicationIdParam } from './enrolment.dto';
import {
  APPLICATION_NOT_FOUND,
  DUPLICATE,
  FULL,
  INCOMPLETE,
  INVALID,
  NOT_ELIGIBLE,
  NOT_OPEN,
  OUT_OF_SCOPE,
  PROCEDURE_NOT_FOUND,
  STATUS_CONFLICT,
  problem,
} from './enrolment-responses';

/**
 * Agents review the applications of their services (administrators any) and file them at the
 * counter for families who come in person. A family's draft stays out of sight until it is
 * submitted.
 */
@ApiTags('enrolment')
@ApiExtraModels(AddressAnswerDto)
@Allow('agent', 'admin')
@Controller('agent/applications')
export class AgentApplicationsController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({
    summary: 'Applications to your services, filtered (status, procedure, child, dates) and paged',
  })
  @ApiResponse({ status: 200, type: ApplicationsPageDto })
  @ApiResponse(INVALID)
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListApplicationsQueryDto,
  ): Promise<ApplicationsPageDto> {
    return this.services.requestUntyped(EnrolmentSubjects.applicationsList, query, { caller });
  }

  @Post()
  @ApiOperation({
    summary: "At the counter: start an application on a family's behalf (names the household)",
  })
  @ApiResponse({ status: 201, type: ApplicationDto })
  @ApiResponse(INVALID)
  @ApiResponse(OUT_OF_SCOPE)
  @ApiResponse(problem(404, `${PROCEDURE_NOT_FOUND}, HOUSEHOLD_NOT_FOUND, CHILD_NOT_FOUND`))
  @ApiResponse(problem(409, `${DUPLICATE}; ${NOT_OPEN}`))
  @ApiResponse(problem(422, `${NOT_ELIGIBLE}; ${INCOMPLETE}`))
  start(
    @CurrentCaller() caller: Caller,
    @Body() body: StartApplicationForHouseholdDto,
  ): Promise<ApplicationDto> {
    return this.services.requestUntyped(EnrolmentSubjects.applicationsSaveDraft, body, { caller });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One application to your services, with answers, documents, history' })
  @ApiResponse({ status: 200, type: ApplicationDto })
  @ApiResponse(INVALID)
  @ApiResponse(problem(404, `${APPLICATION_NOT_FOUND}; a family's draft is not shown`))
  get(
    @CurrentCaller() caller: Caller,
    @Param() params: ApplicationIdParam,
  ): Promise<ApplicationDto> {
    return this.services.requestUntyped(
      EnrolmentSubjects.applicationsGet,
      { applicationId: params.id },
      { caller },
    );
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'At the counter: save the answers and documents of an application you filed',
  })
  @ApiResponse({ status: 200, type: ApplicationDto })
  @ApiResponse(INVALID)
  @ApiResponse(problem(404, APPLICATION_NOT_FOUND))
  @ApiResponse(problem(409, STATUS_CONFLICT))
  @ApiResponse(problem(422, INCOMPLETE))
  update(
    @CurrentCaller() caller: Caller,
    @Param() params: ApplicationIdParam,
    @Body() body: UpdateApplicationDto,
  ): Promise<ApplicationDto> {
    return this.services.requestUntyped(
      EnrolmentSubjects.applicationsSaveDraft,
      { ...body, applicationId: params.id },
      { caller },
    );
  }

  @Post(':id/submit')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'At the counter: submit an application after its "récapitulatif" (step 3)',
  })
  @ApiResponse({ status: 200, type: ApplicationDto })
  @ApiResponse(INVALID)
  @ApiResponse(problem(404, `${APPLICATION_NOT_FOUND}; CHILD_NOT_FOUND`))
  @ApiResponse(problem(409, `${STATUS_CONFLICT}; ${NOT_OPEN}; ${FULL}`))
  @ApiResponse(problem(422, `${INCOMPLETE}; ${NOT_ELIGIBLE}`))
  submit(
    @CurrentCaller() caller: Caller,
    @Param() params: ApplicationIdParam,
  ): Promise<ApplicationDto> {
    return this.services.requestUntyped(
      EnrolmentSubjects.applicationsSubmit,
      { applicationId: params.id },
      { caller },
    );
  }

  @Post(':id/decision')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Decide: accept (a school for a pre-registration), reject with a reason, or ask the family for more',
  })
  @ApiResponse({ status: 200, type: ApplicationDto })
  @ApiResponse(
    problem(
      400,
      'VALIDATION_FAILED: details.fields (also: message missing to reject or request information, schoolId missing to accept a school pre-registration)',
    ),
  )
  @ApiResponse(OUT_OF_SCOPE)
  @ApiResponse(
    problem(
      404,
      `${APPLICATION_NOT_FOUND}; SCHOOL_NOT_FOUND: not an open school of the procedure's organisation`,
    ),
  )
  @ApiResponse(problem(409, STATUS_CONFLICT))
  decide(
    @CurrentCaller() caller: Caller,
    @Param() params: ApplicationIdParam,
    @Body() body: DecideApplicationDto,
  ): Promise<ApplicationDto> {
    return this.services.requestUntyped(
      EnrolmentSubjects.applicationsDecide,
      { ...body, applicationId: params.id },
      { caller },
    );
  }

  @Get(':id/certificate')
  @ApiOperation({
    summary: 'The school registration certificate of an accepted pre-registration (PDF)',
  })
  @ApiResponse(CERTIFICATE_PDF)
  @ApiResponse(INVALID)
  @ApiResponse(
    problem(
      404,
      `${APPLICATION_NOT_FOUND}; CERTIFICATE_NOT_AVAILABLE: not accepted, or no school assigned`,
    ),
  )
  async certificate(
    @CurrentCaller() caller: Caller,
    @Param() params: ApplicationIdParam,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const certificate = await this.services.requestUntyped<CertificateView>(
      EnrolmentSubjects.applicationsCertificate,
      { applicationId: params.id },
      { caller },
    );
    return certificateFile(reply, certificate);
  }
}
