import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  PersonalDataPartQuery,
  PersonalDataSubjects,
  type Caller,
  type PersonalDataPart,
} from '@portail/contracts';
import { CurrentCaller, HandlesRequest } from '@portail/service-kit';
import { ExportEnrolmentData } from './export-personal-data.use-case';

@Controller()
export class EnrolmentPrivacyController {
  constructor(private readonly exportData: ExportEnrolmentData) {}

  @HandlesRequest(PersonalDataSubjects.enrolment)
  export(
    @CurrentCaller() caller: Caller,
    @Payload() query: PersonalDataPartQuery,
  ): Promise<PersonalDataPart> {
    return this.exportData.execute(caller, query);
  }
}
