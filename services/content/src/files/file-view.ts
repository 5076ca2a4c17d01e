import type { FileView } from '@portail/contracts';
import type { ContentFile } from './content-file.entity';

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
