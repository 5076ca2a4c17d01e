import { Controller, type Type } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DeadLettersService } from './dead-letters.service';

/** Subjects an operator's tool uses: `<service>.dead-letters.list` and `<service>.dead-letters.replay`. */
export function deadLetterSubjects(service: string) {
  return { list: `${service}.dead-letters.list`, replay: `${service}.dead-letters.replay` };
}

export function createDeadLettersController(service: string): Type {
  const subjects = deadLetterSubjects(service);

  @Controller()
  class DeadLettersController {
    constructor(private readonly deadLetters: DeadLettersService) {}

    @MessagePattern(subjects.list)
    list(@Payload() query: { includeReplayed?: boolean } | null) {
      return this.deadLetters.list(query?.includeReplayed === true);
    }

    @MessagePattern(subjects.replay)
    replay(@Payload() command: { id?: unknown } | null) {
      return this.deadLetters.replay(typeof command?.id === 'string' ? command.id : '');
    }
  }
  return DeadLettersController;
}
