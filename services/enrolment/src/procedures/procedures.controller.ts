import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  EnrolmentSubjects,
  type Caller,
  type ProcedureSummaryView,
  type ProcedureView,
  CreateProcedureCommand,
  ListManagedProceduresQuery,
  ListOpenProceduresQuery,
  ProcedureRef,
  UpdateProcedureCommand,
} from '@portail/contracts';
import { CurrentCaller, OptionalCaller, HandlesRequest } from '@portail/service-kit';
import { CreateProcedure } from './create-procedure.use-case';
import { GetProcedure } from './get-procedure.use-case';
import { ListProcedures } from './list-procedures.use-case';
import { UpdateProcedure } from './update-procedure.use-case';

@Controller()
export class ProceduresController {
  constructor(
    private readonly listProcedures: ListProcedures,
    private readonly getProcedure: GetProcedure,
    private readonly createProcedure: CreateProcedure,
    private readonly updateProcedure: UpdateProcedure,
  ) {}

  @HandlesRequest(EnrolmentSubjects.proceduresListOpen)
  listOpen(@Payload() query: ListOpenProceduresQuery): Promise<ProcedureSummaryView[]> {
    return this.listProcedures.open(query);
  }

  @HandlesRequest(EnrolmentSubjects.proceduresListManaged)
  listManaged(
    @CurrentCaller() caller: Caller,
    @Payload() query: ListManagedProceduresQuery,
  ): Promise<ProcedureSummaryView[]> {
    return this.listProcedures.managed(caller, query);
  }

  @HandlesRequest(EnrolmentSubjects.proceduresGet)
  get(
    @OptionalCaller() caller: Caller | undefined,
    @Payload() query: ProcedureRef,
  ): Promise<ProcedureView> {
    return this.getProcedure.execute(caller, query.id);
  }

  @HandlesRequest(EnrolmentSubjects.proceduresCreate)
  create(
    @CurrentCaller() caller: Caller,
    @Payload() command: CreateProcedureCommand,
  ): Promise<ProcedureView> {
    return this.createProcedure.execute(caller, command);
  }

  @HandlesRequest(EnrolmentSubjects.proceduresUpdate)
  update(
    @CurrentCaller() caller: Caller,
    @Payload() command: UpdateProcedureCommand,
  ): Promise<ProcedureView> {
    return this.updateProcedure.execute(caller, command);
  }
}
