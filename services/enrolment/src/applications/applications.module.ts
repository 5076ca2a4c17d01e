import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HouseholdsModule } from '../households/households.module';
import { Procedure } from '../procedures/procedure.entity';
import { ApplicationHistory } from './application-history.entity';
import { ApplicationStore } from './application-store';
import { Application } from './application.entity';
import { ApplicationsController } from './applications.controller';
import { DecideApplication } from './decide-application.use-case';
import { GetApplication } from './get-application.use-case';
import { GetCertificate } from './get-certificate.use-case';
import { ListApplications } from './list-applications.use-case';
import { SaveDraft } from './save-draft.use-case';
import { SubmitApplication } from './submit-application.use-case';
import { WithdrawApplication } from './withdraw-application.use-case';

@Module({
  imports: [
    TypeOrmModule.forFeature([Application, ApplicationHistory, Procedure]),
    HouseholdsModule,
  ],
  controllers: [ApplicationsController],
  providers: [
    ApplicationStore,
    SaveDraft,
    SubmitApplication,
    WithdrawApplication,
    DecideApplication,
    ListApplications,
    GetApplication,
    GetCertificate,
  ],
})
export class ApplicationsModule {}
