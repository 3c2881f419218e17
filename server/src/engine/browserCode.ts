/**
 * Browser code by what a file touches: a browser global (`window.`, `document.`, `localStorage.`,
 * `sessionStorage.`, `navigator.`) or a UI framework import (vue, pinia, react, svelte, angular, lit),
 * and no server import (node built-ins, express, fastify, koa, hono, NestJS, next/server). A token
 * decoded there (`JSON.parse(atob(token.split('.')[1]))` to read `exp` for the UI) decides nothing
 * the server trusts: the server verifies every request; and a comparison there leaks no timing to a
 * remote attacker (round 101, rapidpro's lit components: two `signature ===` findings judged FP).
 * Used by `#browser-code?` (ecma/jwt.scm) and `#not-browser-code?` (auth, timing).
 */
import type { ImportTable } from './imports';

const BROWSER_GLOBAL = /(?<![\w.$])(window|document|localStorage|sessionStorage|navigator)\.[A-Za-z_$]/g;

/**
 * The text reads a browser global that it does not bind itself: a parameter or local named
 * `document` (`({ document, user }) => document.recipients`, round 62: documenso's server-side
 * helpers) is a value, not the page.
 */
function usesBrowserGlobal(text: string): boolean {
  const names = new Set<string>();
  for (const m of text.matchAll(BROWSER_GLOBAL)) names.add(m[1]!);
  for (const name of names) {
    const bound = new RegExp(`\\b(?:const|let|var|class)\\s+${name}\\b|[{,]\\s*${name}\\s*[,}]|\\(\\s*${name}\\s*(?::[^)]*)?\\)\\s*=>|\\b${name}\\s*=>|\\bfunction\\s*[\\w$]*\\s*\\([^)]*\\b${name}\\b`);
    if (!bound.test(text)) return true;
  }
  return false;
}
const UI_IMPORT = /^(vue|vuex|vuex-[\w-]+|pinia|@vueuse\/core|react|react-dom|react-admin|react-router(-dom)?|preact|solid-js|svelte(\/.+)?|@sveltejs\/kit|@angular\/core|js-cookie|lit|lit-html|lit-element|lit\/.+|lit-html\/.+|@lit\/.+)$/;
/** Server-side modules: a file importing one runs on the server (or in an edge middleware). */
const SERVER_IMPORT = /^(http|https|http2|net|tls|fs|fs\/promises|crypto|child_process|cluster|worker_threads|express|fastify|koa|hono|h3|@hapi\/.+|@nestjs\/.+|next\/server|next\/headers|@remix-run\/node)$/;
/**
 * Token libraries that also run in a bundle: a Vuex store or React panel importing `jsonwebtoken` or
 * `jose` only to decode the cookie's claims for display is still browser code. They count as server
 * imports only in a file that imports no UI framework.
 */
const ISOMORPHIC_TOKEN_IMPORT = /^(jsonwebtoken|jose)$/;

const memo = new WeakMap<object, { text: string; browser: boolean }>();

/**
 * Whether the analysed file is browser code (see above). Memoised on the file's import table, which
 * the engine's file facts and every `#browser-code?` of one analysis share (an incremental analysis
 * may keep the table for a new text: the text is compared).
 */
export function isBrowserCode(text: string, imports: ImportTable): boolean {
  const known = memo.get(imports);
  if (known && known.text === text) return known.browser;
  const ui = imports.importsMatching(UI_IMPORT);
  const browser = !imports.importsMatching(SERVER_IMPORT) && (ui || (!imports.importsMatching(ISOMORPHIC_TOKEN_IMPORT) && usesBrowserGlobal(text)));
  memo.set(imports, { text, browser });
  return browser;
}
