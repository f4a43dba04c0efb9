import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { MAX_PAGE } from '@hb/contracts';

/**
 * What the admin key names to act for a tenant; a tenant key may leave it out or name its own. A
 * route that takes only the tenant from its query still declares it (`@Query() _query:
 * TenantScoped`, the tenant itself comes from `@ActingTenant()`), so that a malformed tenantId is a
 * 400 naming it and /docs lists it.
 */
export class TenantScoped {
  @ApiPropertyOptional({ description: 'Admin key only: the tenant.', example: 'user_12345' })
  @IsOptional() @IsString() @Length(1, 128)
  tenantId?: string;
}


/** A page of a list of the Agent API or the webhooks: `page` from 1, `limit` up to 100. */
export class PageQuery extends TenantScoped {
  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PAGE })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE)
  page?: number;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;
}
