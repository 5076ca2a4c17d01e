import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DirectorySubjects, type Caller, type SchoolView } from '@portail/contracts';
import { CurrentCaller } from '@portail/service-kit';
import { CreateSchool } from './create-school.use-case';
import { GetSchool } from './get-school.use-case';
import { ListSchools } from './list-schools.use-case';
import { CreateSchoolDto, ListSchoolsDto, SchoolIdDto, UpdateSchoolDto } from './school.dto';
import { UpdateSchool } from './update-school.use-case';

@Controller()
export class SchoolsController {
  constructor(
    private readonly listSchools: ListSchools,
    private readonly getSchool: GetSchool,
    private readonly createSchool: CreateSchool,
    private readonly updateSchool: UpdateSchool,
  ) {}

  @MessagePattern(DirectorySubjects.schoolsList)
  list(@Payload() query: ListSchoolsDto): Promise<SchoolView[]> {
    return this.listSchools.execute(query);
  }

  @MessagePattern(DirectorySubjects.schoolsGet)
  get(@Payload() query: SchoolIdDto): Promise<SchoolView> {
    return this.getSchool.execute(query.id);
  }

  @MessagePattern(DirectorySubjects.schoolsCreate)
  create(
    @CurrentCaller() caller: Caller,
    @Payload() command: CreateSchoolDto,
  ): Promise<SchoolView> {
    return this.createSchool.execute(caller, command);
  }

  @MessagePattern(DirectorySubjects.schoolsUpdate)
  update(
    @CurrentCaller() caller: Caller,
    @Payload() command: UpdateSchoolDto,
  ): Promise<SchoolView> {
    return this.updateSchool.execute(caller, command);
  }
}
