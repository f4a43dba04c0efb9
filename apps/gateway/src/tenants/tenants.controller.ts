import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { CreateTenantDto } from './dto/create-tenant.dto';
import { UpdateTenantDto } from './dto/update-tenant.dto';
import type { TenantView } from './tenant.view';
import { CreateTenantUseCase } from './use-cases/create-tenant.use-case';
import { GetTenantUseCase } from './use-cases/get-tenant.use-case';
import { ListTenantsUseCase } from './use-cases/list-tenants.use-case';
import { UpdateTenantUseCase } from './use-cases/update-tenant.use-case';

@ApiTags('Admin: tenants')
@ApiBearerAuth()
@Access({ scope: 'admin' })
@Controller('api/v1/admin/tenants')
export class TenantsController {
  constructor(
    private readonly createTenant: CreateTenantUseCase,
    private readonly listTenants: ListTenantsUseCase,
    private readonly getTenant: GetTenantUseCase,
    private readonly updateTenant: UpdateTenantUseCase,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a tenant (admin key only). The id may be chosen (user_12345, a UUID) or generated.' })
  create(@Body() body: CreateTenantDto): Promise<TenantView> {
    return this.createTenant.execute(body);
  }

  @Get()
  @ApiOperation({ summary: 'List tenants (admin key only).' })
  list(): Promise<{ tenants: TenantView[] }> {
    return this.listTenants.execute();
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a tenant with its plan and effective limits (admin key only).' })
  get(@Param('id') id: string): Promise<TenantView> {
    return this.getTenant.execute(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a tenant: name, plan, limit overrides (admin key only).' })
  update(@Param('id') id: string, @Body() body: UpdateTenantDto): Promise<TenantView> {
    return this.updateTenant.execute(id, body);
  }
}
