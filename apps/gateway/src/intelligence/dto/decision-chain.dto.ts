import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { TenantScoped } from '../../http/dto/tenant-scoped';

export class TimeRangeDto {
  @ApiPropertyOptional({ example: '2025-10-01T00:00:00Z' })
  @IsOptional() @IsDateString()
  from?: string;

  @ApiPropertyOptional({ example: '2025-11-19T23:59:59Z' })
  @IsOptional() @IsDateString()
  to?: string;
}

export class DecisionChainDto extends TenantScoped {
  @ApiProperty({ example: 'Q4 strategy' })
  @IsString() @Length(1, 1000)
  topic!: string;


  @ApiPropertyOptional({ type: TimeRangeDto })
  @IsOptional() @ValidateNested() @Type(() => TimeRangeDto)
  timeRange?: TimeRangeDto;
}
