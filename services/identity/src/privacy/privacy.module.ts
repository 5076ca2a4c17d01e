import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Account } from '../accounts/account.entity';
import { AccountsModule } from '../accounts/accounts.module';
import { HouseholdsModule } from '../households/households.module';
import { AccountToken } from '../tokens/account-token.entity';
import { RefreshToken } from '../tokens/refresh-token.entity';
import { CloseAccount } from './close-account.use-case';
import { ExportPersonalData } from './export-personal-data.use-case';
import { PrivacyController } from './privacy.controller';

/** The family's RGPD rights: export of its personal data, closure of its account. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Account, AccountToken, RefreshToken]),
    AccountsModule,
    HouseholdsModule,
  ],
  controllers: [PrivacyController],
  // SessionTokens comes from AccountsModule.
  providers: [ExportPersonalData, CloseAccount],
})
export class PrivacyModule {}
