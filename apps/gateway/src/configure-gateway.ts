import type { NestExpressApplication } from '@nestjs/platform-express';
import { LOGGER } from '@hb/platform';
import { ApiExceptionFilter } from './http/api-exception.filter';

export function configureGateway(app: NestExpressApplication): void {
  app.useGlobalFilters(new ApiExceptionFilter(app.get(LOGGER)));
  app.disable('x-powered-by');
}
