import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ContentSubjects, type Caller, type HomeView } from '@portail/contracts';
import { OptionalCaller } from '@portail/service-kit';
import { GetHome } from './get-home.use-case';
import { HomeDto } from './home.dto';

@Controller()
export class HomeController {
  constructor(private readonly getHome: GetHome) {}

  @MessagePattern(ContentSubjects.home)
  get(@OptionalCaller() caller: Caller | undefined, @Payload() query: HomeDto): Promise<HomeView> {
    return this.getHome.execute(caller, query);
  }
}
