import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CloseAccountCommand,
  PrivacySubjects,
  type AccountClosedView,
  type Caller,
  type PersonalDataExport,
} from '@portail/contracts';
import { ClientAddress, CurrentCaller, HandlesRequest } from '@portail/service-kit';
import { CloseAccount } from './close-account.use-case';
import { ExportPersonalData } from './export-personal-data.use-case';

@Controller()
export class PrivacyController {
  constructor(
    private readonly exportPersonalData: ExportPersonalData,
    private readonly closeAccount: CloseAccount,
  ) {}

  @HandlesRequest(PrivacySubjects.exportPersonalData)
  export(@CurrentCaller() caller: Caller): Promise<PersonalDataExport> {
    return this.exportPersonalData.execute(caller);
  }

  @HandlesRequest(PrivacySubjects.closeAccount)
  close(
    @CurrentCaller() caller: Caller,
    @Payload() command: CloseAccountCommand,
    @ClientAddress() clientAddress: string | undefined,
  ): Promise<AccountClosedView> {
    return this.closeAccount.execute(caller, command, clientAddress);
  }
}
