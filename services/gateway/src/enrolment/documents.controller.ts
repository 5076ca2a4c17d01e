import {
  Body,
  Controller,
  Delete,
  Get,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import {
  CommonErrorCode,
  DOCUMENT_PART_BYTES,
  DocumentRef,
  DocumentsPage,
  DocumentDeletionView,
  DocumentView,
  EnrolmentErrorCode,
  EnrolmentSubjects,
  HouseholdErrorCode,
  UpdateDocumentBody,
  UploadDocumentQuery,
  type Caller,
} from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { ServiceCallException } from '../nats/service-call.exception';
import { ServiceClient } from '../nats/service-client';
import { ApiProblems } from '../problems/api-problems.decorator';
import { attachmentDisposition } from '../files/pdf-download';
import { DOCUMENT_UPLOAD_CONTENT_TYPES, DOCUMENT_UPLOAD_ROUTE } from './document-upload-body';

const DOWNLOADED_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

/**
 * Sends a document's bytes as they come from enrolment, part after part, so the gateway holds
 * one part at a time. The first part gives the name, type, size and number of parts.
 */
async function streamDocument(
  services: ServiceClient,
  caller: Caller,
  id: string,
  reply: FastifyReply,
): Promise<StreamableFile> {
  const first = await services.request(
    EnrolmentSubjects.documentsDownloadPart,
    { id, index: 0 },
    { caller },
  );
  void reply
    .header('content-disposition', attachmentDisposition(first.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store');
  const firstBytes = Buffer.from(first.contentBase64, 'base64');
  const options = { type: first.contentType, length: first.size };
  if (first.parts === 1) return new StreamableFile(firstBytes, options);
  async function* parts(): AsyncGenerator<Buffer> {
    yield firstBytes;
    for (let index = 1; index < first.parts; index += 1) {
      const part = await services.request(
        EnrolmentSubjects.documentsDownloadPart,
        { id, index },
        { caller },
      );
      yield Buffer.from(part.contentBase64, 'base64');
    }
  }
  return new StreamableFile(Readable.from(parts()), options);
}

/**
 * The family's supporting documents ("pièces justificatives"), uploaded once and reused across
 * applications; agents filing at the counter upload on a family's behalf.
 */
@ApiTags('enrolment')
@Allow('family')
@Controller('me/documents')
export class MyDocumentsController {
  constructor(private readonly services: ServiceClient) {}

  @Post()
  @Allow('family', 'agent')
  @RouteConfig(DOCUMENT_UPLOAD_ROUTE)
  @ApiOperation({
    summary: 'Upload a supporting document (the raw file as the body; type sniffed from the bytes)',
    description:
      'The body is the file itself (PDF, JPEG or PNG, whatever Content-Type is sent among those ' +
      'accepted); its description goes in the query string. The type is recognised from the ' +
      'content, never from the name. Agents filing at the counter name the household.',
  })
  @ApiConsumes(...DOCUMENT_UPLOAD_CONTENT_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 201, type: DocumentView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    // A method-level 403 replaces the one of @Allow: FORBIDDEN is repeated.
    CommonErrorCode.FORBIDDEN,
    HouseholdErrorCode.HOUSEHOLD_NOT_FOUND,
    EnrolmentErrorCode.DOCUMENT_TOO_LARGE,
    EnrolmentErrorCode.DOCUMENT_QUOTA_EXCEEDED,
    EnrolmentErrorCode.DOCUMENT_TYPE_NOT_ALLOWED,
  )
  async upload(
    @CurrentCaller() caller: Caller,
    @Query() query: UploadDocumentQuery,
    @Body() body: unknown,
  ): Promise<DocumentView> {
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw new ServiceCallException({
        code: CommonErrorCode.VALIDATION_FAILED,
        message: 'La requête contient des données invalides.',
        details: {
          fields: [
            {
              field: 'body',
              message:
                'Envoyez le fichier lui-même comme corps de la requête (Content-Type ' +
                'application/pdf, image/jpeg, image/png ou application/octet-stream).',
            },
          ],
        },
      });
    }
    const { uploadId } = await this.services.request(
      EnrolmentSubjects.documentsUploadBegin,
      { ...query, size: body.length },
      { caller },
    );
    for (let index = 0; index * DOCUMENT_PART_BYTES < body.length; index += 1) {
      const start = index * DOCUMENT_PART_BYTES;
      await this.services.request(
        EnrolmentSubjects.documentsUploadPart,
        {
          uploadId,
          index,
          contentBase64: body.subarray(start, start + DOCUMENT_PART_BYTES).toString('base64'),
        },
        { caller },
      );
    }
    return this.services.request(
      EnrolmentSubjects.documentsUploadComplete,
      { uploadId },
      { caller },
    );
  }

  @Get()
  @ApiOperation({
    summary: "The household's documents, newest first, with the storage used and its quota",
  })
  @ApiResponse({ status: 200, type: DocumentsPage })
  list(@CurrentCaller() caller: Caller): Promise<DocumentsPage> {
    return this.services.request(EnrolmentSubjects.documentsList, {}, { caller });
  }

  @Get(':id')
  @ApiOperation({ summary: "One of the household's documents" })
  @ApiResponse({ status: 200, type: DocumentView })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, EnrolmentErrorCode.DOCUMENT_NOT_FOUND)
  get(@CurrentCaller() caller: Caller, @Param() params: DocumentRef): Promise<DocumentView> {
    return this.services.request(EnrolmentSubjects.documentsGet, { id: params.id }, { caller });
  }

  @Get(':id/content')
  @ApiOperation({ summary: 'Download a document (attachment, with its recognised type)' })
  @ApiProduces(...DOWNLOADED_TYPES)
  @ApiResponse({ status: 200, description: 'The bytes' })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, EnrolmentErrorCode.DOCUMENT_NOT_FOUND)
  content(
    @CurrentCaller() caller: Caller,
    @Param() params: DocumentRef,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return streamDocument(this.services, caller, params.id, reply);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Change a document's type, label or end of validity" })
  @ApiResponse({ status: 200, type: DocumentView })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, EnrolmentErrorCode.DOCUMENT_NOT_FOUND)
  update(
    @CurrentCaller() caller: Caller,
    @Param() params: DocumentRef,
    @Body() body: UpdateDocumentBody,
  ): Promise<DocumentView> {
    return this.services.request(
      EnrolmentSubjects.documentsUpdate,
      { ...body, id: params.id },
      { caller },
    );
  }

  @Delete(':id')
  @ApiOperation({
    summary: 'Delete a document; one an application sent to a service relies on is kept, hidden',
    description:
      'A document no application uses is destroyed with its bytes (204). One that a submitted, ' +
      'accepted, rejected or withdrawn application relies on is evidence: it is kept with the ' +
      'application and only taken out of your list (200, outcome hidden, with the message). One ' +
      'attached to a draft only: 409 DOCUMENT_IN_USE.',
  })
  @ApiResponse({ status: 204, description: 'Deleted, bytes included' })
  @ApiResponse({ status: 200, type: DocumentDeletionView, description: 'Kept and hidden' })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    EnrolmentErrorCode.DOCUMENT_NOT_FOUND,
    EnrolmentErrorCode.DOCUMENT_IN_USE,
  )
  async delete(
    @CurrentCaller() caller: Caller,
    @Param() params: DocumentRef,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DocumentDeletionView | undefined> {
    const result = await this.services.request(
      EnrolmentSubjects.documentsDelete,
      { id: params.id },
      { caller },
    );
    if (result.outcome === 'deleted') {
      void reply.status(HttpStatus.NO_CONTENT);
      return undefined;
    }
    void reply.status(HttpStatus.OK);
    return result;
  }
}

/**
 * Agents read the documents attached to the applications of their services (administrators,
 * to any application), once submitted; every access is logged.
 */
@ApiTags('enrolment')
@Allow('agent', 'admin')
@Controller('agent/documents')
export class AgentDocumentsController {
  constructor(private readonly services: ServiceClient) {}

  @Get(':id')
  @ApiOperation({ summary: 'A document attached to a submitted application of your services' })
  @ApiResponse({ status: 200, type: DocumentView })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, EnrolmentErrorCode.DOCUMENT_NOT_FOUND)
  get(@CurrentCaller() caller: Caller, @Param() params: DocumentRef): Promise<DocumentView> {
    return this.services.request(EnrolmentSubjects.documentsGet, { id: params.id }, { caller });
  }

  @Get(':id/content')
  @ApiOperation({
    summary: 'Download a document attached to a submitted application of your services',
  })
  @ApiProduces(...DOWNLOADED_TYPES)
  @ApiResponse({ status: 200, description: 'The bytes' })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, EnrolmentErrorCode.DOCUMENT_NOT_FOUND)
  content(
    @CurrentCaller() caller: Caller,
    @Param() params: DocumentRef,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return streamDocument(this.services, caller, params.id, reply);
  }
}
