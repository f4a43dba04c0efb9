import { userClaimsOf, type ClaimRules } from './user-claims';

const rules: ClaimRules = { tenantClaim: 'org_id', scopesClaim: 'scope', defaultScopes: ['read:memories', 'read:agents'] };

describe(userClaimsOf.name, () => {
  it.each<[string, Record<string, unknown>, { tenantId: string; scopes: string[] } | undefined]>([
    ["an organisation's member acts in the organisation", { sub: 'user_1', org_id: 'org_1' }, { tenantId: 'org_1', scopes: ['read:memories', 'read:agents'] }],
    ['a personal account acts as its own tenant', { sub: 'user_1' }, { tenantId: 'user_1', scopes: ['read:memories', 'read:agents'] }],
    ['a null organisation is a personal account', { sub: 'user_1', org_id: null }, { tenantId: 'user_1', scopes: ['read:memories', 'read:agents'] }],
    ['so is an empty one', { sub: 'user_1', org_id: '' }, { tenantId: 'user_1', scopes: ['read:memories', 'read:agents'] }],
    ['scopes come from a space-separated claim', { sub: 'u', scope: 'write:memories  read:keys' }, { tenantId: 'u', scopes: ['write:memories', 'read:keys'] }],
    ['or from an array', { sub: 'u', scope: ['invoke:agents'] }, { tenantId: 'u', scopes: ['invoke:agents'] }],
    ['names the gateway does not know are dropped, admin among them', { sub: 'u', scope: 'openid admin read:usage' }, { tenantId: 'u', scopes: ['read:usage'] }],
    ['an empty claim grants nothing, not the defaults', { sub: 'u', scope: '' }, { tenantId: 'u', scopes: [] }],
    ['no sub: refused', { org_id: 'org_1' }, undefined],
    ['an empty sub: refused', { sub: '' }, undefined],
    ['a tenant claim that is not a string: refused', { sub: 'u', org_id: 42 }, undefined],
    ['a scopes claim that is neither a string nor strings: refused', { sub: 'u', scope: { read: true } }, undefined],
    ['an array holding a non-string: refused', { sub: 'u', scope: ['read:memories', 7] }, undefined],
  ])('%s', (_behaviour, claims, expected) => {
    const sut = userClaimsOf(claims, rules);
    expect(sut).toEqual(expected && { userId: claims.sub, ...expected });
  });

  it('reads the claims the deployment names', () => {
    const sut = userClaimsOf({ sub: 'u', team: 'acme', perms: ['read:keys'] }, { ...rules, tenantClaim: 'team', scopesClaim: 'perms' });
    expect(sut).toEqual({ userId: 'u', tenantId: 'acme', scopes: ['read:keys'] });
  });
});
