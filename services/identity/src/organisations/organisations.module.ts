import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MunicipalService } from '../municipal-services/municipal-service.entity';
import { CreateOrganisation } from './create-organisation.use-case';
import { GetOrganisation } from './get-organisation.use-case';
import { ListOrganisations } from './list-organisations.use-case';
import { Organisation } from './organisation.entity';
import { OrganisationsController } from './organisations.controller';
import { UpdateOrganisation } from './update-organisation.use-case';

@Module({
  imports: [TypeOrmModule.forFeature([Organisation, MunicipalService])],
  controllers: [OrganisationsController],
  providers: [ListOrganisations, GetOrganisation, CreateOrganisation, UpdateOrganisation],
  exports: [ListOrganisations, GetOrganisation, CreateOrganisation, UpdateOrganisation],
})
export class OrganisationsModule {}
