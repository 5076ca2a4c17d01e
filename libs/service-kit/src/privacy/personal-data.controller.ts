import { Controller, Inject, type Type } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  PersonalDataPartQuery,
  PersonalDataSubjects,
  type Caller,
  type PersonalDataPart,
  type PersonalDataService,
} from '@portail/contracts';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { HandlesRequest } from '../nats/handles-request.decorator';

/** A service's use case that answers a page of its part of the calling family's data. */
export interface PersonalDataExporter {
  execute(caller: Caller, query: PersonalDataPartQuery): Promise<PersonalDataPart>;
}

/**
 * The controller of `<service>.privacy.export`, the same for every service: the caller and the
 * validated query go to the service's exporter. In the service's privacy module:
 * `controllers: [personalDataController('enrolment', ExportEnrolmentData)]`.
 */
export function personalDataController(
  service: PersonalDataService,
  exporter: Type<PersonalDataExporter>,
): Type<unknown> {
  @Controller()
  class PersonalDataController {
    constructor(@Inject(exporter) private readonly exportData: PersonalDataExporter) {}

    @HandlesRequest(PersonalDataSubjects[service])
    export(
      @CurrentCaller() caller: Caller,
      @Payload() query: PersonalDataPartQuery,
    ): Promise<PersonalDataPart> {
      return this.exportData.execute(caller, query);
    }
  }
  return PersonalDataController;
}
