import { IsBase64, IsIn, IsNotEmpty, IsUUID } from 'class-validator';
import {
  FILE_KINDS,
  type FileKind,
  type FileView,
  type UploadFileCommand,
} from '@portail/contracts';
import { RequiredText } from '../publishing/publication.dto';
import type { ContentFile } from './content-file.entity';

export class FileIdDto {
  @IsUUID('all', { message: "L'identifiant du fichier doit être un UUID." })
  id!: string;
}

export class UploadFileDto implements UploadFileCommand {
  @IsUUID('all', { message: "L'identifiant de la collectivité doit être un UUID." })
  organisationId!: string;

  @IsIn(FILE_KINDS, { message: 'Le type doit être image ou attachment.' })
  kind!: FileKind;

  @RequiredText('Le nom du fichier', 200)
  fileName!: string;

  @IsNotEmpty({ message: 'Le contenu du fichier est obligatoire.' })
  @IsBase64({}, { message: 'Le contenu du fichier doit être encodé en base64.' })
  contentBase64!: string;
}

export function toFileView(file: ContentFile): FileView {
  return {
    id: file.id,
    organisationId: file.organisationId,
    kind: file.kind,
    fileName: file.fileName,
    contentType: file.contentType,
    size: file.size,
    sha256: file.sha256,
    createdAt: file.createdAt.toISOString(),
  };
}
