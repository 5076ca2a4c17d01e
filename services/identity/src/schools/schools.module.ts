import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Organisation } from '../organisations/organisation.entity';
import { CreateSchool } from './create-school.use-case';
import { GetSchool } from './get-school.use-case';
import { ListSchools } from './list-schools.use-case';
import { School } from './school.entity';
import { SchoolsController } from './schools.controller';
import { UpdateSchool } from './update-school.use-case';

@Module({
  imports: [TypeOrmModule.forFeature([School, Organisation])],
  controllers: [SchoolsController],
  providers: [ListSchools, GetSchool, CreateSchool, UpdateSchool],
  exports: [ListSchools, GetSchool, CreateSchool, UpdateSchool],
})
export class SchoolsModule {}
