import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  PersonalDataPartQuery,
  PersonalDataSubjects,
  type Caller,
  type PersonalDataPart,
} from '@portail/contracts';
import { CurrentCaller, HandlesRequest } from '@portail/service-kit';
import { ExportBillingData } from './export-personal-data.use-case';

@Controller()
export class BillingPrivacyController {
  constructor(private readonly exportData: ExportBillingData) {}

  @HandlesRequest(PersonalDataSubjects.billing)
  export(
    @CurrentCaller() caller: Caller,
    @Payload() query: PersonalDataPartQuery,
  ): Promise<PersonalDataPart> {
    return this.exportData.execute(caller, query);
  }
}
