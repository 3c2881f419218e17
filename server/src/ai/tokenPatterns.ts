/**
 * Well-known credential formats, matched anywhere (string literals and comments) before code is
 * sent to an AI endpoint. The prefixes and lengths follow secretlint's rules
 * (https://github.com/secretlint/secretlint, packages/@secretlint/secretlint-rule-*: aws,
 * github, gcp, npm, slack, sendgrid, shopify, openai, anthropic, linear, 1password, databricks,
 * figma, hashicorp-vault, pulumi, privatekey), ported rather than depended on: secretlint runs
 * file by file through its own plugin loader, and these are a page of regexes. Where secretlint
 * matches an exact length, these accept a range: a truncated or padded key is still a key.
 */
import type { SecretKind } from '../../../common/src/ai';

export interface TokenPattern {
  re: RegExp;
  kind: SecretKind;
}

export const TOKEN_PATTERNS: TokenPattern[] = [
  // privatekey: PEM blocks, including OpenSSH, encrypted and PGP keys.
  { re: /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----[\s\S]*?(?:-----END \1PRIVATE KEY\2-----|$)/g, kind: 'private-key' },
  // anthropic, openai (sk-, sk-proj-, sk-svcacct-, sk-admin-)
  { re: /\bsk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{20,}/g, kind: 'api-key' },
  { re: /\bsk-(?:proj-|svcacct-|admin-|live-)?[A-Za-z0-9_-]{20,}/g, kind: 'api-key' },
  // aws access key ids (the secret access key has no prefix: it is caught by role and name)
  { re: /\b(?:A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA)[A-Z0-9]{16}\b/g, kind: 'api-key' },
  // github
  { re: /\bgh[pousr]_[A-Za-z0-9_]{30,}/g, kind: 'token' },
  { re: /\bgithub_pat_[A-Za-z0-9_]{22,}/g, kind: 'token' },
  // gitlab
  { re: /\bgl(?:pat|dt|rt|ptt|cbt|oas)-[A-Za-z0-9_-]{20,}/g, kind: 'token' },
  // slack: tokens and incoming-webhook URLs
  { re: /\bxox[abposre]-[A-Za-z0-9-]{10,}/g, kind: 'token' },
  { re: /\bhooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9/_-]{20,}/g, kind: 'token' },
  // gcp api keys
  { re: /\bAIza[0-9A-Za-z_-]{35}/g, kind: 'api-key' },
  // stripe
  { re: /\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}/g, kind: 'api-key' },
  // npm
  { re: /\bnpm_[A-Za-z0-9]{36}\b/g, kind: 'token' },
  // sendgrid
  { re: /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g, kind: 'api-key' },
  // shopify
  { re: /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/g, kind: 'token' },
  // linear, 1password service accounts, databricks, figma, hashicorp vault, pulumi
  { re: /\blin_(?:api|oauth)_[A-Za-z0-9]{40}\b/g, kind: 'api-key' },
  { re: /\bops_eyJ[A-Za-z0-9+/=_-]{20,}/g, kind: 'token' },
  { re: /\bdapi[a-f0-9]{32}(?:-\d)?\b/g, kind: 'token' },
  { re: /\bfig[dor]_[A-Za-z0-9_-]{20,}/g, kind: 'token' },
  { re: /\bhv[sbr]\.[A-Za-z0-9_-]{24,}/g, kind: 'token' },
  { re: /\bpul-[a-f0-9]{40}\b/g, kind: 'token' },
  // JWTs (header.payload.signature)
  { re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, kind: 'token' },
];
