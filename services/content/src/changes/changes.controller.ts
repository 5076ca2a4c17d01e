import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  ContentSubjects,
  ListContentChangesQuery,
  type Caller,
  type ContentChangesPage,
} from '@portail/contracts';
import { CurrentCaller, HandlesRequest } from '@portail/service-kit';
import { ListContentChanges } from './list-content-changes.use-case';

@Controller()
export class ChangesController {
  constructor(private readonly listContentChanges: ListContentChanges) {}

  @HandlesRequest(ContentSubjects.changesList)
  list(
    @CurrentCaller() caller: Caller,
    @Payload() query: ListContentChangesQuery,
  ): Promise<ContentChangesPage> {
    return this.listContentChanges.execute(caller, query);
  }
}
