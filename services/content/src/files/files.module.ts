import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ContentFile } from './content-file.entity';
import { FilesController } from './files.controller';
import { GetFile } from './get-file.use-case';
import { UploadFile } from './upload-file.use-case';

@Module({
  imports: [TypeOrmModule.forFeature([ContentFile])],
  controllers: [FilesController],
  providers: [UploadFile, GetFile],
})
export class FilesModule {}
