import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { MAX_PAGE } from '@hb/contracts';

/**
 * The query of a route that takes only the tenant from it. Such a route still declares it (`@Query()
 * _query: TenantQuery`, the tenant itself comes from `@ActingTenant()`) so that an unknown parameter or
 * a malformed tenantId is a 400 and /docs lists it.
 */
export class TenantQuery {
  @ApiPropertyOptional({ description: 'Admin key only: the tenant.', example: 'user_12345' })
  @IsOptional() @IsString() @Length(1, 128)
  tenantId?: string;
}

/** A page of a list of the Agent API or the webhooks: `page` from 1, `limit` up to 100. */
export class PageQuery extends TenantQuery {
  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PAGE })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE)
  page?: number;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;
}
