import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  IMAGE_CONTENT_TYPES,
  type Caller,
  type FileContentType,
  type FileView,
  type UploadFileCommand,
} from '@portail/contracts';
import { SERVICE_CONFIG } from '@portail/service-kit';
import { recordChange } from '../changes/content-changes';
import { requireEditorOf } from '../publishing/editor-access';
import { sniffContentType } from '../publishing/file-sniffing';
import { stripHtml } from '../publishing/markdown';
import type { ContentConfig } from '../config';
import { ContentFile } from './content-file.entity';
import { toFileView } from './file-view';
import { FileTooLargeException, FileTypeNotAllowedException } from './file.exception';

/**
 * Stores an image (PNG, JPEG, WebP) or an attachment (those or PDF). The type comes from the
 * bytes, never from the name: a file claiming to be an image but not one is refused.
 */
@Injectable()
export class UploadFile {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: ContentConfig,
  ) {}

  async execute(caller: Caller, command: UploadFileCommand): Promise<FileView> {
    requireEditorOf(caller, command.organisationId);
    const bytes = Buffer.from(command.contentBase64, 'base64');
    if (bytes.length > this.config.CONTENT_MAX_FILE_BYTES) {
      throw new FileTooLargeException(this.config.CONTENT_MAX_FILE_BYTES);
    }
    const contentType = sniffContentType(bytes);
    if (!contentType) throw new FileTypeNotAllowedException('une image PNG, JPEG, WebP ou un PDF');
    if (
      command.kind === 'image' &&
      !(IMAGE_CONTENT_TYPES as readonly FileContentType[]).includes(contentType)
    ) {
      throw new FileTypeNotAllowedException('une image PNG, JPEG ou WebP');
    }
    const file = new ContentFile();
    Object.assign(file, {
      id: uuidv7(),
      organisationId: command.organisationId,
      kind: command.kind,
      fileName:
        stripHtml(command.fileName)
          .replace(/[/\\\r\n"]/g, '_')
          .trim() || 'fichier',
      contentType,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      data: bytes,
      createdBy: caller.accountId,
      createdAt: new Date(),
    });
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(ContentFile, file);
      await recordChange(manager, caller, {
        organisationId: file.organisationId,
        subjectType: 'file',
        subjectId: file.id,
        action: 'upload',
        snapshot: { fileName: file.fileName, contentType, size: file.size, sha256: file.sha256 },
      });
    });
    return toFileView(file);
  }
}
