import { Controller, Get, Param, Query } from '@nestjs/common';
import { PingServiceUseCase, type PingResult } from './use-cases/ping-service.use-case';

@Controller('api/v1/system')
export class SystemController {
  constructor(private readonly pingService: PingServiceUseCase) {}

  @Get('ping/:service')
  ping(@Param('service') service: string, @Query('echo') echo?: string): Promise<PingResult> {
    return this.pingService.execute({ service, echo });
  }
}
