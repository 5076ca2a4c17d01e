import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  ContentSubjects,
  FileIdQuery,
  UploadFileCommand,
  type Caller,
  type FileContentView,
  type FileView,
} from '@portail/contracts';
import { CurrentCaller, HandlesRequest, OptionalCaller } from '@portail/service-kit';
import { GetFile } from './get-file.use-case';
import { UploadFile } from './upload-file.use-case';

@Controller()
export class FilesController {
  constructor(
    private readonly uploadFile: UploadFile,
    private readonly getFile: GetFile,
  ) {}

  @HandlesRequest(ContentSubjects.filesUpload)
  upload(
    @CurrentCaller() caller: Caller,
    @Payload() command: UploadFileCommand,
  ): Promise<FileView> {
    return this.uploadFile.execute(caller, command);
  }

  @HandlesRequest(ContentSubjects.filesGet)
  get(
    @OptionalCaller() caller: Caller | undefined,
    @Payload() query: FileIdQuery,
  ): Promise<FileContentView> {
    return this.getFile.execute(caller, query.id);
  }
}
