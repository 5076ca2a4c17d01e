import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GetOrganisation } from './get-organisation.use-case';
import { ListOrganisations } from './list-organisations.use-case';
import { Organisation } from './organisation.entity';
import { OrganisationsController } from './organisations.controller';

@Module({
  imports: [TypeOrmModule.forFeature([Organisation])],
  controllers: [OrganisationsController],
  providers: [ListOrganisations, GetOrganisation],
})
export class OrganisationsModule {}
