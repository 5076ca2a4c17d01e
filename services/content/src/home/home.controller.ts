import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ContentSubjects, HomeQuery, type Caller, type HomeView } from '@portail/contracts';
import { HandlesRequest, OptionalCaller } from '@portail/service-kit';
import { GetHome } from './get-home.use-case';

@Controller()
export class HomeController {
  constructor(private readonly getHome: GetHome) {}

  @HandlesRequest(ContentSubjects.home)
  get(
    @OptionalCaller() caller: Caller | undefined,
    @Payload() query: HomeQuery,
  ): Promise<HomeView> {
    return this.getHome.execute(caller, query);
  }
}
