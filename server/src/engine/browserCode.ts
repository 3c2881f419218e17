/**
 * Browser code by what a file touches: a browser global (`window.`, `document.`, `localStorage.`,
 * `sessionStorage.`, `navigator.`) or a UI framework import (vue, pinia, react, svelte, angular),
 * and no server import (node built-ins, express, fastify, koa, hono, NestJS, next/server). A token
 * decoded there (`JSON.parse(atob(token.split('.')[1]))` to read `exp` for the UI) decides nothing
 * the server trusts: the server verifies every request. Used by `#browser-code?` (ecma/jwt.scm).
 */
import type { ImportTable } from './imports';

const BROWSER_GLOBAL = /(?<![\w.$])(?:window|document|localStorage|sessionStorage|navigator)\.[A-Za-z_$]/;
const UI_IMPORT = /^(vue|vuex|pinia|@vueuse\/core|react|react-dom|react-admin|react-router(-dom)?|preact|solid-js|svelte(\/.+)?|@sveltejs\/kit|@angular\/core)$/;
/** Server-side modules: a file importing one runs on the server (or in an edge middleware). */
export const SERVER_IMPORT = /^(http|https|http2|net|tls|fs|fs\/promises|crypto|child_process|cluster|worker_threads|express|fastify|koa|hono|h3|@hapi\/.+|@nestjs\/.+|next\/server|next\/headers|@remix-run\/node|jsonwebtoken|jose)$/;

const memo = new WeakMap<object, { text: string; browser: boolean }>();

/** Whether the analysed file is browser code (see above). `key` is the analysis context, for memoising. */
export function isBrowserCode(key: object, text: string, imports: ImportTable): boolean {
  const known = memo.get(key);
  if (known && known.text === text) return known.browser;
  const browser = !imports.importsMatching(SERVER_IMPORT) && (imports.importsMatching(UI_IMPORT) || BROWSER_GLOBAL.test(text));
  memo.set(key, { text, browser });
  return browser;
}
