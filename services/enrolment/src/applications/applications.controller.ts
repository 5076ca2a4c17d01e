import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  EnrolmentSubjects,
  type ApplicationsPage,
  type ApplicationView,
  type Caller,
  type CertificateView,
} from '@portail/contracts';
import { CurrentCaller } from '@portail/service-kit';
import {
  ApplicationIdDto,
  DecideApplicationDto,
  ListApplicationsDto,
  ListMyApplicationsDto,
  SaveDraftDto,
  WithdrawApplicationDto,
} from './application.dto';
import { DecideApplication } from './decide-application.use-case';
import { GetApplication } from './get-application.use-case';
import { GetCertificate } from './get-certificate.use-case';
import { ListApplications } from './list-applications.use-case';
import { SaveDraft } from './save-draft.use-case';
import { SubmitApplication } from './submit-application.use-case';
import { WithdrawApplication } from './withdraw-application.use-case';

@Controller()
export class ApplicationsController {
  constructor(
    private readonly saveDraft: SaveDraft,
    private readonly submitApplication: SubmitApplication,
    private readonly withdrawApplication: WithdrawApplication,
    private readonly decideApplication: DecideApplication,
    private readonly listApplications: ListApplications,
    private readonly getApplication: GetApplication,
    private readonly getCertificate: GetCertificate,
  ) {}

  @MessagePattern(EnrolmentSubjects.applicationsSaveDraft)
  save(
    @CurrentCaller() caller: Caller,
    @Payload() command: SaveDraftDto,
  ): Promise<ApplicationView> {
    return this.saveDraft.execute(caller, command);
  }

  @MessagePattern(EnrolmentSubjects.applicationsSubmit)
  submit(
    @CurrentCaller() caller: Caller,
    @Payload() command: ApplicationIdDto,
  ): Promise<ApplicationView> {
    return this.submitApplication.execute(caller, command.applicationId);
  }

  @MessagePattern(EnrolmentSubjects.applicationsWithdraw)
  withdraw(
    @CurrentCaller() caller: Caller,
    @Payload() command: WithdrawApplicationDto,
  ): Promise<ApplicationView> {
    return this.withdrawApplication.execute(caller, command);
  }

  @MessagePattern(EnrolmentSubjects.applicationsDecide)
  decide(
    @CurrentCaller() caller: Caller,
    @Payload() command: DecideApplicationDto,
  ): Promise<ApplicationView> {
    return this.decideApplication.execute(caller, command);
  }

  @MessagePattern(EnrolmentSubjects.applicationsListMine)
  listMine(
    @CurrentCaller() caller: Caller,
    @Payload() query: ListMyApplicationsDto,
  ): Promise<ApplicationsPage> {
    return this.listApplications.mine(caller, query);
  }

  @MessagePattern(EnrolmentSubjects.applicationsList)
  list(
    @CurrentCaller() caller: Caller,
    @Payload() query: ListApplicationsDto,
  ): Promise<ApplicationsPage> {
    return this.listApplications.forAgents(caller, query);
  }

  @MessagePattern(EnrolmentSubjects.applicationsGet)
  get(
    @CurrentCaller() caller: Caller,
    @Payload() query: ApplicationIdDto,
  ): Promise<ApplicationView> {
    return this.getApplication.execute(caller, query.applicationId);
  }

  @MessagePattern(EnrolmentSubjects.applicationsCertificate)
  certificate(
    @CurrentCaller() caller: Caller,
    @Payload() query: ApplicationIdDto,
  ): Promise<CertificateView> {
    return this.getCertificate.execute(caller, query.applicationId);
  }
}
