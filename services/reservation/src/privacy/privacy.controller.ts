import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  PersonalDataPartQuery,
  PersonalDataSubjects,
  type Caller,
  type PersonalDataPart,
} from '@portail/contracts';
import { CurrentCaller, HandlesRequest } from '@portail/service-kit';
import { ExportReservationData } from './export-personal-data.use-case';

@Controller()
export class ReservationPrivacyController {
  constructor(private readonly exportData: ExportReservationData) {}

  @HandlesRequest(PersonalDataSubjects.reservation)
  export(
    @CurrentCaller() caller: Caller,
    @Payload() query: PersonalDataPartQuery,
  ): Promise<PersonalDataPart> {
    return this.exportData.execute(caller, query);
  }
}
