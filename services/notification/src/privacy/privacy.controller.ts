import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  PersonalDataPartQuery,
  PersonalDataSubjects,
  type Caller,
  type PersonalDataPart,
} from '@portail/contracts';
import { CurrentCaller, HandlesRequest } from '@portail/service-kit';
import { ExportNotificationData } from './export-personal-data.use-case';

@Controller()
export class NotificationPrivacyController {
  constructor(private readonly exportData: ExportNotificationData) {}

  @HandlesRequest(PersonalDataSubjects.notification)
  export(
    @CurrentCaller() caller: Caller,
    @Payload() query: PersonalDataPartQuery,
  ): Promise<PersonalDataPart> {
    return this.exportData.execute(caller, query);
  }
}
