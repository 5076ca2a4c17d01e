import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HouseholdsModule } from '../households/households.module';
import { CreateProcedure } from './create-procedure.use-case';
import { GetProcedure } from './get-procedure.use-case';
import { ListProcedures } from './list-procedures.use-case';
import { Procedure } from './procedure.entity';
import { ProceduresController } from './procedures.controller';
import { ServiceDirectory } from './service-directory';
import { UpdateProcedure } from './update-procedure.use-case';

@Module({
  imports: [TypeOrmModule.forFeature([Procedure]), HouseholdsModule],
  controllers: [ProceduresController],
  providers: [ListProcedures, GetProcedure, CreateProcedure, UpdateProcedure, ServiceDirectory],
  exports: [ServiceDirectory],
})
export class ProceduresModule {}
