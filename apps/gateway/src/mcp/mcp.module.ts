import { Module } from '@nestjs/common';
import { BotsModule } from '../bots/bots.module';
import { MemoriesModule } from '../memories/memories.module';
import { McpController } from './mcp.controller';
import { PlatformTools } from './platform-tools';

@Module({
  imports: [MemoriesModule, BotsModule],
  controllers: [McpController],
  providers: [PlatformTools],
})
export class McpModule {}
