import { Controller, Get, HttpCode, Res, SetMetadata } from '@nestjs/common';
import type { Response } from 'express';
import { HealthService, type Readiness } from './health.service';

/** Marks routes that need no credentials (probes), for whatever guard an app installs. */
export const PUBLIC_ROUTE = 'hb:public-route';

@SetMetadata(PUBLIC_ROUTE, true)
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** The process is up and its event loop turns; says nothing of its dependencies. */
  @Get('live')
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** 200 only when every dependency answers; 503 otherwise, naming what is down. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response): Promise<Readiness> {
    const readiness = await this.health.readiness();
    res.status(readiness.status === 'ok' ? 200 : 503);
    return readiness;
  }
}
