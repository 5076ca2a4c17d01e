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
  ListMyApplicationsQueryDto,
  StartApplicationDto,
  UpdateApplicationDto,
  WithdrawApplicationDto,
} from './application.dto';
import { CERTIFICATE_PDF, certificateFile } from './certificate-file';
import { ApplicationIdParam } from './enrolment.dto';
import {
  APPLICATION_NOT_FOUND,
  DUPLICATE,
  FULL,
  HOUSEHOLD_NOT_FOUND,
  INCOMPLETE,
  INVALID,
  NOT_ELIGIBLE,
  NOT_OPEN,
  PROCEDURE_NOT_FOUND,
  STATUS_CONFLICT,
  problem,
} from './enrolment-responses';

/**
 * A family's applications ("mes demandes"): a draft for one child, saved between the steps
 * of the procedure, then submitted. Another household's application answers 404.
 */
@ApiTags('enrolment')
@ApiExtraModels(AddressAnswerDto)
@Allow('family')
@Controller('me/applications')
export class MyApplicationsController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({
    summary: 'Your applications, newest first ("tableau de bord de vos demandes")',
  })
  @ApiResponse({ status: 200, type: ApplicationsPageDto })
  @ApiResponse(INVALID)
  @ApiResponse(problem(404, HOUSEHOLD_NOT_FOUND))
  listMine(
    @CurrentCaller() caller: Caller,
    @Query() query: ListMyApplicationsQueryDto,
  ): Promise<ApplicationsPageDto> {
    return this.services.requestUntyped(EnrolmentSubjects.applicationsListMine, query, { caller });
  }

  @Post()
  @ApiOperation({
    summary: 'Start an application for a child (step 1 done; answers and documents optional)',
  })
  @ApiResponse({ status: 201, type: ApplicationDto })
  @ApiResponse(INVALID)
  @ApiResponse(
    problem(
      404,
      `${PROCEDURE_NOT_FOUND}, CHILD_NOT_FOUND (not of your household), ${HOUSEHOLD_NOT_FOUND}`,
    ),
  )
  @ApiResponse(problem(409, `${DUPLICATE}; ${NOT_OPEN}`))
  @ApiResponse(problem(422, `${NOT_ELIGIBLE}; ${INCOMPLETE}`))
  start(
    @CurrentCaller() caller: Caller,
    @Body() body: StartApplicationDto,
  ): Promise<ApplicationDto> {
    return this.services.requestUntyped(EnrolmentSubjects.applicationsSaveDraft, body, { caller });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of your applications, with its answers, documents and history' })
  @ApiResponse({ status: 200, type: ApplicationDto })
  @ApiResponse(INVALID)
  @ApiResponse(problem(404, APPLICATION_NOT_FOUND))
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
    summary:
      'Save a draft between steps (step 2, "formulaire" and "pièces justificatives"), or complete it when asked',
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
    summary:
      'Submit after step 3 ("récapitulatif"), or resubmit once completed; an automatic procedure accepts at once',
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

  @Post(':id/withdraw')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Withdraw an application, even an accepted one (the child leaves; its place is given back)',
  })
  @ApiResponse({ status: 200, type: ApplicationDto })
  @ApiResponse(INVALID)
  @ApiResponse(problem(404, APPLICATION_NOT_FOUND))
  @ApiResponse(problem(409, STATUS_CONFLICT))
  withdraw(
    @CurrentCaller() caller: Caller,
    @Param() params: ApplicationIdParam,
    @Body() body: WithdrawApplicationDto,
  ): Promise<ApplicationDto> {
    return this.services.requestUntyped(
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
