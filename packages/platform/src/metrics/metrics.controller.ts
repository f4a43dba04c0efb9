import { Controller, Get, Header, Res, SetMetadata } from '@nestjs/common';
import type { Response } from 'express';
import { Metrics } from './metrics';

/**
 * Marks the metrics route: a service answers it to whoever reaches its port (inside the cluster);
 * the gateway, whose port is public, to its admin key only.
 */
export const METRICS_ROUTE = 'hb:metrics-route';

@SetMetadata(METRICS_ROUTE, true)
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async scrape(@Res() res: Response): Promise<void> {
    if (!this.metrics.enabled) return void res.status(404).type('text/plain').send('metrics are off (METRICS_ENABLED=false)\n');
    res.type(this.metrics.contentType).send(await this.metrics.scrape());
  }
}
