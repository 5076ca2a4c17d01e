import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  EnrolmentSubjects,
  type Caller,
  type ProcedureSummaryView,
  type ProcedureView,
} from '@portail/contracts';
import { CurrentCaller, OptionalCaller } from '@portail/service-kit';
import { CreateProcedure } from './create-procedure.use-case';
import { GetProcedure } from './get-procedure.use-case';
import { ListProcedures } from './list-procedures.use-case';
import {
  CreateProcedureDto,
  ListManagedProceduresDto,
  ListOpenProceduresDto,
  ProcedureIdDto,
  UpdateProcedureDto,
} from './procedure.dto';
import { UpdateProcedure } from './update-procedure.use-case';

@Controller()
export class ProceduresController {
  constructor(
    private readonly listProcedures: ListProcedures,
    private readonly getProcedure: GetProcedure,
    private readonly createProcedure: CreateProcedure,
    private readonly updateProcedure: UpdateProcedure,
  ) {}

  @MessagePattern(EnrolmentSubjects.proceduresListOpen)
  listOpen(@Payload() query: ListOpenProceduresDto): Promise<ProcedureSummaryView[]> {
    return this.listProcedures.open(query);
  }

  @MessagePattern(EnrolmentSubjects.proceduresListManaged)
  listManaged(
    @CurrentCaller() caller: Caller,
    @Payload() query: ListManagedProceduresDto,
  ): Promise<ProcedureSummaryView[]> {
    return this.listProcedures.managed(caller, query);
  }

  @MessagePattern(EnrolmentSubjects.proceduresGet)
  get(
    @OptionalCaller() caller: Caller | undefined,
    @Payload() query: ProcedureIdDto,
  ): Promise<ProcedureView> {
    return this.getProcedure.execute(caller, query.id);
  }

  @MessagePattern(EnrolmentSubjects.proceduresCreate)
  create(
    @CurrentCaller() caller: Caller,
    @Payload() command: CreateProcedureDto,
  ): Promise<ProcedureView> {
    return this.createProcedure.execute(caller, command);
  }

  @MessagePattern(EnrolmentSubjects.proceduresUpdate)
  update(
    @CurrentCaller() caller: Caller,
    @Payload() command: UpdateProcedureDto,
  ): Promise<ProcedureView> {
    return this.updateProcedure.execute(caller, command);
  }
}
