import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ProblemDetailsDto } from '../problems/problem-details.dto';

/** The scheme of `@Allow(...)` routes (`ApiBearerAuth('access-token')`). */
export const ACCESS_TOKEN_SCHEME = 'access-token';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * Says explicitly that the operations without a security requirement need no token
 * (`security: []`): the guard denies every route that is neither `@Public()` nor `@Allow(...)`,
 * and `@Allow` documents its bearer token, so an operation without one is `@Public()`.
 * Tools (linters, generated clients) otherwise cannot tell "public" from "forgotten".
 */
function markPublicOperations(document: OpenAPIObject): void {
  for (const pathItem of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (operation && operation.security === undefined) operation.security = [];
    }
  }
}

export function buildOpenApiDocument(app: NestFastifyApplication, version: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Portail Famille API')
    .setDescription(
      'API of the family portal of Vichy Communauté, Vichy, Cusset and Bellerive-sur-Allier. ' +
        'Every error is application/problem+json (RFC 9457) with a stable `code`; people read `detail`, in French. ' +
        'Send `x-request-id` to correlate a call with the logs; it is echoed on every response. ' +
        'Operations with an empty security requirement are public; the others need an access token.',
    )
    .setVersion(version)
    .setLicense('Proprietary (Vichy Communauté), not licensed for reuse', '')
    // Relative: the gateway that serves this document, whatever its address.
    .addServer('/', 'This gateway')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, ACCESS_TOKEN_SCHEME)
    .build();
  // DocumentBuilder starts with an empty contact; an empty object documents nothing.
  delete config.info.contact;
  if (!config.info.license?.url) delete config.info.license?.url;
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ProblemDetailsDto] });
  markPublicOperations(document);
  return document;
}

/** `/openapi.json` for generators, `/docs` for people (Swagger UI, served from the gateway itself). */
export function mountOpenApi(app: NestFastifyApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
    useGlobalPrefix: false,
    customSiteTitle: 'Portail Famille — API',
    swaggerOptions: { persistAuthorization: true, displayRequestDuration: true },
  });
}
