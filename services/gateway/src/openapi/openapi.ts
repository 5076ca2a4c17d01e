import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ProblemDetailsDto } from '../problems/problem-details.dto';

export function buildOpenApiDocument(app: NestFastifyApplication, version: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Portail Famille API')
    .setDescription(
      'API of the family portal of Vichy Communauté, Vichy, Cusset and Bellerive-sur-Allier. ' +
        'Every error is application/problem+json (RFC 9457) with a stable `code`; people read `detail`, in French. ' +
        'Send `x-request-id` to correlate a call with the logs; it is echoed on every response.',
    )
    .setVersion(version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'access-token')
    .build();
  return SwaggerModule.createDocument(app, config, { extraModels: [ProblemDetailsDto] });
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
