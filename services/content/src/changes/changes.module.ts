import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChangesController } from './changes.controller';
import { ContentChange } from './content-change.entity';
import { ListContentChanges } from './list-content-changes.use-case';

@Module({
  imports: [TypeOrmModule.forFeature([ContentChange])],
  controllers: [ChangesController],
  providers: [ListContentChanges],
})
export class ChangesModule {}
