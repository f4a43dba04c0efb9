import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export class ImplicitPatternsDto {
  @ApiProperty({ example: 'user_12345' })
  @IsOptional() @IsString() @Length(1, 128)
  tenantId?: string;

  @ApiPropertyOptional({ default: 3, minimum: 2, maximum: 1000 })
  @IsOptional() @IsInt() @Min(2) @Max(1000)
  minOccurrences?: number;
}
