import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  PrivacySubjects,
  type AccountClosedView,
  type Caller,
  type PersonalDataExport,
} from '@portail/contracts';
import { CurrentCaller } from '@portail/service-kit';
import { CloseAccount } from './close-account.use-case';
import { ExportPersonalData } from './export-personal-data.use-case';
import { CloseAccountDto } from './privacy.dto';

@Controller()
export class PrivacyController {
  constructor(
    private readonly exportPersonalData: ExportPersonalData,
    private readonly closeAccount: CloseAccount,
  ) {}

  @MessagePattern(PrivacySubjects.exportPersonalData)
  export(@CurrentCaller() caller: Caller): Promise<PersonalDataExport> {
    return this.exportPersonalData.execute(caller);
  }

  @MessagePattern(PrivacySubjects.closeAccount)
  close(
    @CurrentCaller() caller: Caller,
    @Payload() command: CloseAccountDto,
  ): Promise<AccountClosedView> {
    return this.closeAccount.execute(caller, command);
  }
}
