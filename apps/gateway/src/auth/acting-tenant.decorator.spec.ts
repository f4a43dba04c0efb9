import { DomainError, ErrorCodes } from '@hb/contracts';
import { actingTenant } from './acting-tenant.decorator';
import type { KeyPrincipal, Principal } from './principal';

const key = { kind: 'key', tenantId: 'tenant_a', agentId: null, scopes: [] } as unknown as KeyPrincipal;
const user = { kind: 'user', userId: 'user_1', tenantId: 'org_a', agentId: null, scopes: [] } as unknown as Principal;
const admin: Principal = { kind: 'admin', scopes: ['admin'] };

function refusal(run: () => unknown): { code: string; field?: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, field: error.field };
    throw error;
  }
  throw new Error('not refused');
}

describe(actingTenant.name, () => {
  it("acts as a key's own tenant, whether the request names it or not", () => {
    expect(actingTenant(key, undefined)).toBe('tenant_a');
    expect(actingTenant(key, 'tenant_a')).toBe('tenant_a');
  });

  it('refuses a key naming another tenant or project, naming the field', () => {
    expect(refusal(() => actingTenant(key, 'tenant_b'))).toEqual({ code: ErrorCodes.TenantMismatch, field: 'tenantId' });
    expect(refusal(() => actingTenant(key, 'proj_b', 'project_id'))).toEqual({ code: ErrorCodes.TenantMismatch, field: 'project_id' });
  });

  it("keeps a signed-in user in its token's tenant", () => {
    expect(actingTenant(user, undefined)).toBe('org_a');
    expect(refusal(() => actingTenant(user, 'tenant_b'))).toEqual({ code: ErrorCodes.TenantMismatch, field: 'tenantId' });
  });

  it("leaves a key's malformed value to the route's DTO, whose 400 names it", () => {
    expect(actingTenant(key, 42, 'project_id')).toBe('tenant_a');
    expect(actingTenant(key, '', 'project_id')).toBe('tenant_a');
  });

  it('acts for the admin key as the tenant it names, which it must name as a string', () => {
    expect(actingTenant(admin, 'tenant_b')).toBe('tenant_b');
    expect(refusal(() => actingTenant(admin, undefined))).toEqual({ code: ErrorCodes.ValidationError, field: 'tenantId' });
    expect(refusal(() => actingTenant(admin, ['tenant_b']))).toEqual({ code: ErrorCodes.ValidationError, field: 'tenantId' });
  });
});
