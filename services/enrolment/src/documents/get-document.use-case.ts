import { Injectable } from '@nestjs/common';
import type { Caller, DocumentView } from '@portail/contracts';
import { DocumentAccess } from './document-access';
import { toDocumentView } from './document.views';

/** A document's metadata, for its household or an entitled agent (the access is then logged). */
@Injectable()
export class GetDocument {
  constructor(private readonly access: DocumentAccess) {}

  async execute(caller: Caller, id: string): Promise<DocumentView> {
    return toDocumentView(await this.access.readableDocument(caller, id, 'metadata'));
  }
}
