import helmet from '@fastify/helmet';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createLogger, PinoNestLogger } from '@portail/logging';
import {
  PACKAGE_VERSION,
  ServiceRuntime,
  type RunningService,
  type StartOptions,
} from '@portail/service-kit';
import { apiDocsEnabled, type GatewayConfig } from './config';
import { registerCorrelationHooks } from './correlation/correlation.hooks';
import { GatewayModule } from './gateway.module';
import { buildOpenApiDocument, mountOpenApi } from './openapi/openapi';
import { answerFrameworkError } from './problems/problem-details.filter';
import { NATS_CONNECTION } from './nats/nats-connection';
import type { NatsConnection } from 'nats';

export const API_PREFIX = 'api/v1';

/**
 * Boots the gateway: REST under /api/v1, OpenAPI at /openapi.json and /docs (unless
 * API_DOCS_ENABLED is off), probes under /health.
 */
export async function startGateway(
  config: GatewayConfig,
  options: StartOptions = {},
): Promise<RunningService> {
  const logger = createLogger({
    service: 'gateway',
    level: config.LOG_LEVEL,
    destination: options.logDestination,
  });
  const runtime = new ServiceRuntime('gateway', PACKAGE_VERSION);
  const adapter = new FastifyAdapter({
    logger: false,
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 1_048_576,
    // A slow client (headers or a body trickled in) cannot hold a connection: 408 past
    // requestTimeout, closed after connectionTimeout without a byte. Node checks the former
    // every connectionsCheckingInterval.
    requestTimeout: config.HTTP_REQUEST_TIMEOUT_MS,
    connectionTimeout: config.HTTP_IDLE_TIMEOUT_MS,
    http: {
      headersTimeout: Math.min(60_000, config.HTTP_REQUEST_TIMEOUT_MS),
      connectionsCheckingInterval: Math.min(
        30_000,
        Math.max(50, config.HTTP_REQUEST_TIMEOUT_MS / 4),
      ),
    },
    frameworkErrors: answerFrameworkError,
  });
  registerCorrelationHooks(adapter.getInstance(), logger);
  const app = await NestFactory.create<NestFastifyApplication>(
    GatewayModule.register(config, runtime),
    adapter,
    {
      logger: new PinoNestLogger(logger),
      abortOnError: false,
    },
  );
  try {
    runtime.watchNats(app.get<NatsConnection>(NATS_CONNECTION), logger);
    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          // Swagger UI styles itself inline and shows the validator badge and schema images as data: URLs.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          scriptSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
        },
      },
    });
    app.enableCors({
      origin: config.CORS_ORIGINS.includes('*')
        ? true
        : config.CORS_ORIGINS.length
          ? config.CORS_ORIGINS
          : false,
      credentials: !config.CORS_ORIGINS.includes('*'),
      exposedHeaders: ['x-request-id', 'etag', 'retry-after', 'content-disposition'],
    });
    app.setGlobalPrefix(API_PREFIX, {
      exclude: [
        { path: 'health/live', method: RequestMethod.GET },
        { path: 'health/ready', method: RequestMethod.GET },
      ],
    });
    // Off (404 like any unknown route) when API_DOCS_ENABLED is false, by default in production.
    if (apiDocsEnabled(config)) mountOpenApi(app, buildOpenApiDocument(app, PACKAGE_VERSION));
    await app.listen({ port: config.HTTP_PORT, host: options.httpHost ?? '0.0.0.0' });
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.HTTP_PORT;
  logger.info({ port }, 'gateway ready');
  let stopping: Promise<void> | undefined;
  return {
    name: 'gateway',
    app,
    logger,
    runtime,
    httpUrl: `http://127.0.0.1:${port}`,
    stop: () => {
      stopping ??= (async () => {
        runtime.markStopping();
        await app.close();
        logger.info('gateway stopped');
      })();
      return stopping;
    },
  };
}
