import { Module } from '@nestjs/common';
import { SystemController } from './system.controller';
import { PingServiceUseCase } from './use-cases/ping-service.use-case';

@Module({
  controllers: [SystemController],
  providers: [PingServiceUseCase],
})
export class SystemModule {}
