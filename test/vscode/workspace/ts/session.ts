import jwt from 'jsonwebtoken';
import { createHash } from 'node:crypto';

export function verify(token: string, key: string): unknown {
  return jwt.verify(token, key, { algorithms: ['HS256'] });
}

export const fingerprint = (data: string): string => createHash('sha256').update(data).digest('hex');

export function add(a: number, b: number): number {
  return a + b;
}
