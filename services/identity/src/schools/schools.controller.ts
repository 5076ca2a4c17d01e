import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CreateSchoolCommand,
  DirectorySubjects,
  GetSchoolQuery,
  ListSchoolsQuery,
  UpdateSchoolCommand,
  type Caller,
  type SchoolView,
} from '@portail/contracts';
import { CurrentCaller, HandlesRequest } from '@portail/service-kit';
import { CreateSchool } from './create-school.use-case';
import { GetSchool } from './get-school.use-case';
import { ListSchools } from './list-schools.use-case';
import { UpdateSchool } from './update-school.use-case';

@Controller()
export class SchoolsController {
  constructor(
    private readonly listSchools: ListSchools,
    private readonly getSchool: GetSchool,
    private readonly createSchool: CreateSchool,
    private readonly updateSchool: UpdateSchool,
  ) {}

  @HandlesRequest(DirectorySubjects.schoolsList)
  list(@Payload() query: ListSchoolsQuery): Promise<SchoolView[]> {
    return this.listSchools.execute(query);
  }

  @HandlesRequest(DirectorySubjects.schoolsGet)
  get(@Payload() query: GetSchoolQuery): Promise<SchoolView> {
    return this.getSchool.execute(query.id);
  }

  @HandlesRequest(DirectorySubjects.schoolsCreate)
  create(
    @CurrentCaller() caller: Caller,
    @Payload() command: CreateSchoolCommand,
  ): Promise<SchoolView> {
    return this.createSchool.execute(caller, command);
  }

  @HandlesRequest(DirectorySubjects.schoolsUpdate)
  update(
    @CurrentCaller() caller: Caller,
    @Payload() command: UpdateSchoolCommand,
  ): Promise<SchoolView> {
    return this.updateSchool.execute(caller, command);
  }
}
