import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ContentSubjects,
  type Caller,
  type FileContentView,
  type FileView,
} from '@portail/contracts';
import { CurrentCaller } from '@portail/service-kit';
import { FileIdDto, UploadFileDto } from './file.dto';
import { GetFile } from './get-file.use-case';
import { UploadFile } from './upload-file.use-case';

@Controller()
export class FilesController {
  constructor(
    private readonly uploadFile: UploadFile,
    private readonly getFile: GetFile,
  ) {}

  @MessagePattern(ContentSubjects.filesUpload)
  upload(@CurrentCaller() caller: Caller, @Payload() command: UploadFileDto): Promise<FileView> {
    return this.uploadFile.execute(caller, command);
  }

  @MessagePattern(ContentSubjects.filesGet)
  get(@Payload() query: FileIdDto): Promise<FileContentView> {
    return this.getFile.execute(query.id);
  }
}
