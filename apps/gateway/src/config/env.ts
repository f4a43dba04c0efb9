import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsUrl, Matches, Max, Min, ValidateBy, ValidateIf } from 'class-validator';
import { BaseEnv, SecretsKey, commaList, loadConfig } from '@hb/platform';
import { TENANT_SCOPES, type TenantScope } from '../auth/scopes';
import { PLANS, type Plan } from '../tenants/plans';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function trustedJwksUrl(value: unknown): boolean {
  try {
    const url = new URL(String(value));
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  } catch {
    return false;
  }
}

/** Signed-in users are on when any of the three is set; then all three must be. */
const jwtConfigured = (env: GatewayEnv) => env.JWT_JWKS_URL !== undefined || env.JWT_ISSUER !== undefined || env.JWT_AUDIENCE !== undefined;

export class GatewayEnv extends BaseEnv {
  override PORT = 3000;

  /** How long the gateway waits for a service's reply before answering with a timeout. */
  @Type(() => Number) @IsInt() @Min(50) @Max(300_000)
  REQUEST_TIMEOUT_MS = 5000;

  /** The bootstrap key with every right, for the first steps of a fresh install. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_]{24,}$/, { message: 'HB_ADMIN_KEY must be at least 24 letters, digits or _' })
  HB_ADMIN_KEY?: string;

  /** The key MCP server header values are sealed with on their way to the agent runtime, which must share it. */
  @SecretsKey()
  SECRETS_KEY?: string;

  /** The plan of a tenant created without one. */
  @IsIn(PLANS)
  DEFAULT_PLAN: Plan = 'pro';

  /** Per-key limits of a new key (spec 003's example values by default). */
  @Type(() => Number) @IsInt() @Min(1)
  KEY_RATE_LIMIT_PER_MINUTE = 60;

  @Type(() => Number) @IsInt() @Min(1)
  KEY_RATE_LIMIT_PER_HOUR = 1000;

  @Type(() => Number) @IsInt() @Min(1)
  KEY_RATE_LIMIT_PER_DAY = 10_000;

  /**
   * Longest a replica may trust a key it has seen without asking Postgres again. Revocation events
   * evict at once; this bounds the time when they cannot arrive, so keep it at a second or less.
   */
  @Type(() => Number) @IsInt() @Min(0) @Max(60_000)
  KEY_CACHE_TTL_MS = 1000;

  /**
   * Signed-in users: where the identity provider publishes its signing keys (for Clerk,
   * https://<your-clerk-domain>/.well-known/jwks.json). With it, `Authorization: Bearer eyJ…`
   * is accepted beside API keys.
   */
  @ValidateIf(jwtConfigured)
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, {
    message: 'JWT_JWKS_URL must be an http(s) URL, and is required when JWT_ISSUER or JWT_AUDIENCE is set',
  })
  // Whoever can answer for the key set can sign any user in: over the network only https will do.
  @ValidateBy({ name: 'isTrustedJwks', validator: { validate: trustedJwksUrl, defaultMessage: () => 'JWT_JWKS_URL must be https (plain http only to this machine: localhost, 127.0.0.1, ::1)' } })
  JWT_JWKS_URL?: string;

  /** The `iss` every token must carry (for Clerk, its Frontend API URL). */
  @ValidateIf(jwtConfigured)
  @IsNotEmpty({ message: 'JWT_ISSUER is required when JWT_JWKS_URL is set' })
  JWT_ISSUER?: string;

  /** The `aud` every token must carry. */
  @ValidateIf(jwtConfigured)
  @IsNotEmpty({ message: 'JWT_AUDIENCE is required when JWT_JWKS_URL is set' })
  JWT_AUDIENCE?: string;

  /** The claim naming the token's tenant (Clerk's organisation); a token without it acts as the tenant named by its `sub`. */
  @IsNotEmpty()
  JWT_TENANT_CLAIM = 'org_id';

  /** The claim holding a token's scopes: a space-separated string or an array of strings. */
  @IsNotEmpty()
  JWT_SCOPES_CLAIM = 'scope';

  /**
   * Comma-separated: the scopes of a token without the scopes claim. By default every tenant scope
   * but write:keys: a key a user makes outlives the user's session and membership, so minting keys
   * is given on purpose (here, or in the token's scopes claim), not by default.
   */
  @Transform(commaList)
  @IsIn(TENANT_SCOPES, { each: true, message: `JWT_DEFAULT_SCOPES may only hold ${TENANT_SCOPES.join(', ')}` })
  JWT_DEFAULT_SCOPES: TenantScope[] = TENANT_SCOPES.filter((scope) => scope !== 'write:keys');

  /** How far `exp` and `nbf` may be off the gateway's clock. */
  @Type(() => Number) @IsInt() @Min(0) @Max(300)
  JWT_CLOCK_SKEW_SECONDS = 30;

  /**
   * A token whose `kid` the cached key set lacks makes the gateway fetch the set again, but not
   * sooner than this after the last fetch: a rotated key is found within this long, and tokens with
   * made-up `kid`s cost the identity provider at most one request per replica per period.
   */
  @Type(() => Number) @IsInt() @Min(0) @Max(600)
  JWT_JWKS_COOLDOWN_SECONDS = 10;
}

/** The one place this app reads process.env. */
export function loadEnv(): GatewayEnv {
  return loadConfig(GatewayEnv, process.env);
}
