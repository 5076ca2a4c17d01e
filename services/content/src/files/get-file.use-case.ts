import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { FileContentView } from '@portail/contracts';
import { ContentFile } from './content-file.entity';
import { toFileView } from './file-view';
import { FileNotFoundException } from './file.exception';

/** A file with its bytes, for the gateway to serve with its content type. */
@Injectable()
export class GetFile {
  constructor(@InjectRepository(ContentFile) private readonly files: Repository<ContentFile>) {}

  async execute(id: string): Promise<FileContentView> {
    const file = await this.files
      .createQueryBuilder('file')
      .addSelect('file.data')
      .where('file.id = :id', { id })
      .getOne();
    if (!file) throw new FileNotFoundException(id);
    return { ...toFileView(file), contentBase64: file.data.toString('base64') };
  }
}
