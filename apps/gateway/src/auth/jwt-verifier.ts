import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { DomainError, ErrorCodes } from '@hb/contracts';
import type { JsonLogger } from '@hb/platform';
import type { JwtSettings } from '../gateway-settings';
import { userClaimsOf, type UserClaims } from './user-claims';

export interface VerifiedUser extends UserClaims {
  /** The token's `exp`, in milliseconds. */
  expiresAt: number;
}

/**
 * Asymmetric algorithms only, named here rather than taken from the token's header: `none`, and
 * HS256 "signed" with the public key (algorithm confusion), are refused before any key is looked up.
 */
const ALGORITHMS = ['RS256', 'ES256'];
const JWT_SHAPE = /^eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** A compact JWS whose header is JSON (`{"…` is `eyJ…`): a token, not an API key. */
export function looksLikeJwt(token: string): boolean {
  return JWT_SHAPE.test(token);
}

/**
 * Verifies signed-in users' JWTs against the identity provider's key set. The set is fetched on
 * first use and cached (jose refreshes it after ten minutes); a token with a `kid` the cache lacks
 * fetches it again, at most once per cooldown, so a rotated key is found without a restart.
 */
export class JwtVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(
    private readonly settings: JwtSettings,
    private readonly logger: JsonLogger,
    keys?: JWTVerifyGetKey,
  ) {
    this.keys = keys ?? createRemoteJWKSet(settings.jwksUrl, { cooldownDuration: settings.jwksCooldownMs });
  }

  /**
   * The user a token speaks for, once its signature, algorithm, issuer, audience and time window
   * hold and its claims can be read; undefined otherwise. Throws SERVICE_UNAVAILABLE when the key
   * set cannot be read: that says nothing about the token, so it is not answered as a bad one.
   */
  async verify(token: string): Promise<VerifiedUser | undefined> {
    let unreadable: unknown;
    const keys: JWTVerifyGetKey = async (header, jws) => {
      try {
        return await this.keys(header, jws);
      } catch (error) {
        if (!(error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys)) unreadable = error;
        throw error;
      }
    };
    try {
      const { payload } = await jwtVerify(token, keys, {
        algorithms: ALGORITHMS,
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        clockTolerance: this.settings.clockSkewSeconds,
        requiredClaims: ['exp', 'sub'],
      });
      const claims = userClaimsOf(payload, this.settings);
      // exp is a required claim: jose has checked it is there and a number.
      return claims && { ...claims, expiresAt: (payload.exp as number) * 1000 };
    } catch (error) {
      if (unreadable !== undefined) {
        this.logger.warn({ msg: 'JWKS unreadable: signed-in users cannot be verified', url: this.settings.jwksUrl.href, err: String(unreadable) }, JwtVerifier.name);
        throw new DomainError(ErrorCodes.ServiceUnavailable, 'Signed-in users cannot be verified right now; retry shortly');
      }
      if (error instanceof errors.JOSEError) return undefined;
      throw error;
    }
  }
}
