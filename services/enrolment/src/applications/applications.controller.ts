import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  EnrolmentSubjects,
  type ApplicationsPage,
  type ApplicationView,
  type Caller,
  type CertificateView,
  ApplicationRef,
  DecideApplicationCommand,
  ListApplicationsQuery,
  ListMyApplicationsQuery,
  SaveDraftCommand,
  WithdrawApplicationCommand,
} from '@portail/contracts';
import { CurrentCaller, HandlesRequest } from '@portail/service-kit';
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

  @HandlesRequest(EnrolmentSubjects.applicationsSaveDraft)
  save(
    @CurrentCaller() caller: Caller,
    @Payload() command: SaveDraftCommand,
  ): Promise<ApplicationView> {
    return this.saveDraft.execute(caller, command);
  }

  @HandlesRequest(EnrolmentSubjects.applicationsSubmit)
  submit(
    @CurrentCaller() caller: Caller,
    @Payload() command: ApplicationRef,
  ): Promise<ApplicationView> {
    return this.submitApplication.execute(caller, command.applicationId);
  }

  @HandlesRequest(EnrolmentSubjects.applicationsWithdraw)
  withdraw(
    @CurrentCaller() caller: Caller,
    @Payload() command: WithdrawApplicationCommand,
  ): Promise<ApplicationView> {
    return this.withdrawApplication.execute(caller, command);
  }

  @HandlesRequest(EnrolmentSubjects.applicationsDecide)
  decide(
    @CurrentCaller() caller: Caller,
    @Payload() command: DecideApplicationCommand,
  ): Promise<ApplicationView> {
    return this.decideApplication.execute(caller, command);
  }

  @HandlesRequest(EnrolmentSubjects.applicationsListMine)
  listMine(
    @CurrentCaller() caller: Caller,
    @Payload() query: ListMyApplicationsQuery,
  ): Promise<ApplicationsPage> {
    return this.listApplications.mine(caller, query);
  }

  @HandlesRequest(EnrolmentSubjects.applicationsList)
  list(
    @CurrentCaller() caller: Caller,
    @Payload() query: ListApplicationsQuery,
  ): Promise<ApplicationsPage> {
    return this.listApplications.forAgents(caller, query);
  }

  @HandlesRequest(EnrolmentSubjects.applicationsGet)
  get(@CurrentCaller() caller: Caller, @Payload() query: ApplicationRef): Promise<ApplicationView> {
    return this.getApplication.execute(caller, query.applicationId);
  }

  @HandlesRequest(EnrolmentSubjects.applicationsCertificate)
  certificate(
    @CurrentCaller() caller: Caller,
    @Payload() query: ApplicationRef,
  ): Promise<CertificateView> {
    return this.getCertificate.execute(caller, query.applicationId);
  }
}
