import jwt, { type JwtPayload } from 'jsonwebtoken';

export interface Session {
  userId: string;
  scopes: string[];
}

/** Reads the session from the access token the auth service issued. */
export function sessionFromToken(token: string, publicKey: string): Session {
  const payload = jwt.verify(token, publicKey, { algorithms: ['RS256'], audience: 'gateway' }) as JwtPayload;
  return { userId: String(payload.sub), scopes: String(payload.scope ?? '').split(' ').filter(Boolean) };
}

export function hasScope(session: Session, scope: string): boolean {
  return session.scopes.includes(scope);
}
