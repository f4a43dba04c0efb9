import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { LOGGER, Metrics } from '@hb/platform';
import { serveConsole } from './console/console-files';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { DomainValidationPipe } from './http/domain-validation.pipe';
import { MemoryEnvelopeInterceptor } from './http/memory-envelope.interceptor';
import { requestIds } from './http/request-id';
import { describeResponses } from './http/openapi/describe-responses';

export function configureGateway(app: NestExpressApplication): void {
  app.disable('x-powered-by');
  // No ETag on API answers: Express would hash every body to make one (1.4 % of the gateway's CPU
  // profile on a read), for conditional requests that none of the four faces defines. The
  // console's static files keep theirs (express.static makes its own, from the file's stat).
  app.set('etag', false);
  const logger = app.get(LOGGER);
  app.use(requestIds(logger, app.get(Metrics)));
  serveConsole(app, logger);
  app.useGlobalFilters(new ApiExceptionFilter(logger));
  app.useGlobalPipes(new DomainValidationPipe());
  app.useGlobalInterceptors(new MemoryEnvelopeInterceptor());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Heartbeat platform')
      .setDescription(
        'One gateway, four compatible faces: the Memory API (`{success, data, metadata}` envelope), ' +
          'the Agent API and the Heartbeat API (plain bodies), and the management routes. ' +
          'Every authenticated response carries X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset.',
      )
      .setVersion('v1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'hb_prod_…, hb_dev_…, hb_agent_… or the admin key' })
      .build(),
  );
  // The scrape route is Prometheus' (the admin key's), not part of the API clients are written for.
  delete document.paths['/metrics'];
  describeResponses(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
}
