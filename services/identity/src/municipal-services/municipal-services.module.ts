import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Organisation } from '../organisations/organisation.entity';
import { CreateMunicipalService } from './create-municipal-service.use-case';
import { GetMunicipalService } from './get-municipal-service.use-case';
import { MunicipalService } from './municipal-service.entity';
import { MunicipalServicesController } from './municipal-services.controller';
import { UpdateMunicipalService } from './update-municipal-service.use-case';

@Module({
  imports: [TypeOrmModule.forFeature([MunicipalService, Organisation])],
  controllers: [MunicipalServicesController],
  providers: [GetMunicipalService, CreateMunicipalService, UpdateMunicipalService],
  exports: [GetMunicipalService, CreateMunicipalService, UpdateMunicipalService],
})
export class MunicipalServicesModule {}
