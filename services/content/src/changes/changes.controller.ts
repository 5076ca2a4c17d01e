import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ContentSubjects, type Caller, type ContentChangesPage } from '@portail/contracts';
import { CurrentCaller } from '@portail/service-kit';
import { ListContentChangesDto } from './change.dto';
import { ListContentChanges } from './list-content-changes.use-case';

@Controller()
export class ChangesController {
  constructor(private readonly listContentChanges: ListContentChanges) {}

  @MessagePattern(ContentSubjects.changesList)
  list(
    @CurrentCaller() caller: Caller,
    @Payload() query: ListContentChangesDto,
  ): Promise<ContentChangesPage> {
    return this.listContentChanges.execute(caller, query);
  }
}
