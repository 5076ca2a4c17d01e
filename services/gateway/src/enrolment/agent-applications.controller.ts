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
import {
  AddressAnswer,
  ApplicationPath,
  ApplicationsPage,
  ApplicationView,
  CommonErrorCode,
  DecideApplicationBody,
  DirectoryErrorCode,
  EnrolmentErrorCode,
  EnrolmentSubjects,
  HouseholdErrorCode,
  ListApplicationsQuery,
  StartApplicationForHouseholdBody,
  UpdateApplicationBody,
  type Caller,
} from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { ApiProblems } from '../problems/api-problems.decorator';
import { ServiceClient } from '../nats/service-client';
import { fileDownload } from '../files/pdf-download';
import { CERTIFICATE_PDF } from './certificate-file';

/**
 * Agents review the applications of their services (administrators any) and file them at the
 * counter for families who come in person. A family's draft stays out of sight until it is
 * submitted.
 */
@ApiTags('enrolment')
@ApiExtraModels(AddressAnswer)
@Allow('agent', 'admin')
@Controller('agent/applications')
export class AgentApplicationsController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({
    summary: 'Applications to your services, filtered (status, procedure, child, dates) and paged',
  })
  @ApiResponse({ status: 200, type: ApplicationsPage })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED)
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListApplicationsQuery,
  ): Promise<ApplicationsPage> {
    return this.services.request(EnrolmentSubjects.applicationsList, query, { caller });
  }

  @Post()
  @ApiOperation({
    summary: "At the counter: start an application on a family's behalf (names the household)",
  })
  @ApiResponse({ status: 201, type: ApplicationView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    CommonErrorCode.FORBIDDEN,
    EnrolmentErrorCode.PROCEDURE_OUT_OF_SCOPE,
    EnrolmentErrorCode.PROCEDURE_NOT_FOUND,
    HouseholdErrorCode.HOUSEHOLD_NOT_FOUND,
    HouseholdErrorCode.CHILD_NOT_FOUND,
    EnrolmentErrorCode.DUPLICATE_APPLICATION,
    EnrolmentErrorCode.PROCEDURE_NOT_OPEN,
    EnrolmentErrorCode.CHILD_NOT_ELIGIBLE,
    EnrolmentErrorCode.APPLICATION_INCOMPLETE,
  )
  start(
    @CurrentCaller() caller: Caller,
    @Body() body: StartApplicationForHouseholdBody,
  ): Promise<ApplicationView> {
    return this.services.request(EnrolmentSubjects.applicationsSaveDraft, body, { caller });
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One application to your services, with answers, documents, history',
    description: "A family's draft is not shown (404).",
  })
  @ApiResponse({ status: 200, type: ApplicationView })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, EnrolmentErrorCode.APPLICATION_NOT_FOUND)
  get(@CurrentCaller() caller: Caller, @Param() params: ApplicationPath): Promise<ApplicationView> {
    return this.services.request(
      EnrolmentSubjects.applicationsGet,
      { applicationId: params.id },
      { caller },
    );
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'At the counter: save the answers and documents of an application you filed',
  })
  @ApiResponse({ status: 200, type: ApplicationView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    EnrolmentErrorCode.APPLICATION_NOT_FOUND,
    EnrolmentErrorCode.APPLICATION_STATUS_CONFLICT,
    EnrolmentErrorCode.APPLICATION_INCOMPLETE,
  )
  update(
    @CurrentCaller() caller: Caller,
    @Param() params: ApplicationPath,
    @Body() body: UpdateApplicationBody,
  ): Promise<ApplicationView> {
    return this.services.request(
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
  @ApiResponse({ status: 200, type: ApplicationView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    EnrolmentErrorCode.APPLICATION_NOT_FOUND,
    HouseholdErrorCode.CHILD_NOT_FOUND,
    EnrolmentErrorCode.APPLICATION_STATUS_CONFLICT,
    EnrolmentErrorCode.PROCEDURE_NOT_OPEN,
    EnrolmentErrorCode.PROCEDURE_FULL,
    EnrolmentErrorCode.APPLICATION_INCOMPLETE,
    EnrolmentErrorCode.CHILD_NOT_ELIGIBLE,
  )
  submit(
    @CurrentCaller() caller: Caller,
    @Param() params: ApplicationPath,
  ): Promise<ApplicationView> {
    return this.services.request(
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
    description:
      'Besides the shape of the body, 400 VALIDATION_FAILED also covers a message missing to reject ' +
      'or request information, and a schoolId missing to accept a school pre-registration. ' +
      "404 SCHOOL_NOT_FOUND: not an open school of the procedure's organisation.",
  })
  @ApiResponse({ status: 200, type: ApplicationView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    CommonErrorCode.FORBIDDEN,
    EnrolmentErrorCode.PROCEDURE_OUT_OF_SCOPE,
    EnrolmentErrorCode.APPLICATION_NOT_FOUND,
    DirectoryErrorCode.SCHOOL_NOT_FOUND,
    EnrolmentErrorCode.APPLICATION_STATUS_CONFLICT,
  )
  decide(
    @CurrentCaller() caller: Caller,
    @Param() params: ApplicationPath,
    @Body() body: DecideApplicationBody,
  ): Promise<ApplicationView> {
    return this.services.request(
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
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    EnrolmentErrorCode.APPLICATION_NOT_FOUND,
    EnrolmentErrorCode.CERTIFICATE_NOT_AVAILABLE,
  )
  async certificate(
    @CurrentCaller() caller: Caller,
    @Param() params: ApplicationPath,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const certificate = await this.services.request(
      EnrolmentSubjects.applicationsCertificate,
      { applicationId: params.id },
      { caller },
    );
    return fileDownload(reply, certificate);
  }
}
