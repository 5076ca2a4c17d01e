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
  EnrolmentErrorCode,
  EnrolmentSubjects,
  HouseholdErrorCode,
  ListMyApplicationsQuery,
  StartApplicationBody,
  UpdateApplicationBody,
  WithdrawApplicationBody,
  type Caller,
} from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { ApiProblems } from '../problems/api-problems.decorator';
import { ServiceClient } from '../nats/service-client';
import { fileDownload } from '../files/pdf-download';
import { CERTIFICATE_PDF } from './certificate-file';

/**
 * A family's applications ("mes demandes"): a draft for one child, saved between the steps
 * of the procedure, then submitted. Another household's application answers 404.
 */
@ApiTags('enrolment')
@ApiExtraModels(AddressAnswer)
@Allow('family')
@Controller('me/applications')
export class MyApplicationsController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({
    summary: 'Your applications, newest first ("tableau de bord de vos demandes")',
  })
  @ApiResponse({ status: 200, type: ApplicationsPage })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, HouseholdErrorCode.HOUSEHOLD_NOT_FOUND)
  listMine(
    @CurrentCaller() caller: Caller,
    @Query() query: ListMyApplicationsQuery,
  ): Promise<ApplicationsPage> {
    return this.services.request(EnrolmentSubjects.applicationsListMine, query, { caller });
  }

  @Post()
  @ApiOperation({
    summary: 'Start an application for a child (step 1 done; answers and documents optional)',
  })
  @ApiResponse({ status: 201, type: ApplicationView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    EnrolmentErrorCode.PROCEDURE_NOT_FOUND,
    HouseholdErrorCode.CHILD_NOT_FOUND,
    HouseholdErrorCode.HOUSEHOLD_NOT_FOUND,
    EnrolmentErrorCode.DUPLICATE_APPLICATION,
    EnrolmentErrorCode.PROCEDURE_NOT_OPEN,
    EnrolmentErrorCode.CHILD_NOT_ELIGIBLE,
    EnrolmentErrorCode.APPLICATION_INCOMPLETE,
  )
  start(
    @CurrentCaller() caller: Caller,
    @Body() body: StartApplicationBody,
  ): Promise<ApplicationView> {
    return this.services.request(EnrolmentSubjects.applicationsSaveDraft, body, { caller });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of your applications, with its answers, documents and history' })
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
    summary:
      'Save a draft between steps (step 2, "formulaire" and "pièces justificatives"), or complete it when asked',
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
    summary:
      'Submit after step 3 ("récapitulatif"), or resubmit once completed; an automatic procedure accepts at once',
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

  @Post(':id/withdraw')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Withdraw an application, even an accepted one (the child leaves; its place is given back)',
  })
  @ApiResponse({ status: 200, type: ApplicationView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    EnrolmentErrorCode.APPLICATION_NOT_FOUND,
    EnrolmentErrorCode.APPLICATION_STATUS_CONFLICT,
  )
  withdraw(
    @CurrentCaller() caller: Caller,
    @Param() params: ApplicationPath,
    @Body() body: WithdrawApplicationBody,
  ): Promise<ApplicationView> {
    return this.services.request(
      EnrolmentSubjects.applicationsWithdraw,
      { ...body, applicationId: params.id },
      { caller },
    );
  }

  @Get(':id/certificate')
  @ApiOperation({
    summary: 'Download the school registration certificate of an accepted pre-registration (PDF)',
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
