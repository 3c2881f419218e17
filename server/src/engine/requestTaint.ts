/**
 * Request taint for SQL findings: whether a value spliced into SQL text was read from the HTTP
 * request in the same handler. SQL built from runtime values is an audit finding (FINDINGS.md:
 * judged true 11 of 121 times on real backends, where the value was almost never attacker text);
 * when the value demonstrably comes from the request, the finding is reported by default.
 *
 * Intraprocedural and text-level, like Semgrep's taint mode without its solver: sources are
 * request reads (query, params, body, headers, form fields, route parameters bound by framework
 * decorators), propagation goes through local assignments and destructuring before the use (up to
 * three steps, in the enclosing function and the functions around it), and integer conversions
 * stop it. Over-approximations cost a default finding where a value was checked in between;
 * under-approximations only leave a finding at audit level, as before.
 */
import type { Node } from 'web-tree-sitter';
import type { LanguageSpec, QueryFamily } from './languages';
import { escapeRegExp } from './strings';

/** Reads of client-supplied input, per family. */
const SOURCES: Record<QueryFamily, RegExp> = {
  go: /\b(?:r|req|request)\.(?:URL\.Query\(\)|Form\b|PostForm\b|FormValue\(|PostFormValue\(|Header\.Get\(|Body\b)|\b(?:mux\.Vars|chi\.URLParam|chi\.URLParamFromCtx|httprouter\.ParamsFromContext)\(|\b(?:c|ctx|context)\.(?:Param|Params|Query|QueryParam|QueryParams|DefaultQuery|PostForm|DefaultPostForm|FormValue|GetHeader|GetQuery|GetPostForm|QueryArray|BodyParser|Bind|ShouldBind\w*|BindJSON)\(|\.PathValue\(/,
  python: /\brequest\.(?:args|form|values|json|get_json\(|data|GET|POST|query_params|path_params|headers|cookies|files|match_info|rel_url\.query|query)\b|\bself\.request\.(?:GET|POST|data|query_params|body|arguments)\b|\bself\.get_(?:argument|query_argument|body_argument)s?\(/,
  ecma: /\b(?:req|request|ctx\.request)\.(?:query|params|body|headers|cookies|param\()|\bctx\.(?:query|params|querystring)\b|\b(?:searchParams|nextUrl\.searchParams|url\.searchParams)\.get(?:All)?\(|\b(?:req|request)\.(?:json|formData|text)\(\)|\bformData\.get\(|\bc\.req\.(?:param|query|json|header|formData)\(/,
};

/** A conversion to a number (or a boolean) stops taint: the value can no longer carry SQL. */
const SANITIZERS: Record<QueryFamily, RegExp> = {
  go: /\bstrconv\.(?:Atoi|ParseInt|ParseUint|ParseFloat|ParseBool)\(|\buuid\.(?:Parse|MustParse)\(/,
  python: /^\s*(?:int|float|bool|uuid\.UUID|UUID|Decimal)\(/,
  ecma: /^\s*(?:await\s+)?(?:parseInt|parseFloat|Number|Boolean|BigInt)\(|^\s*[+]\s*[\w.]/,
};

/** Parameters a framework binds from the request: NestJS `@Param('id') id`, `@Query() q`, `@Body() dto`. */
const ECMA_BOUND_PARAM = /@(?:Param|Query|Body|Headers)\s*\(([^)]*)\)\s*(?:(?:private|public|readonly)\s+)*(\w+)\s*(?:\??\s*:\s*(\w+))?/g;

const STRING_TYPES = new Set(['string', 'string_content', 'string_fragment', 'interpreted_string_literal', 'raw_string_literal', 'template_string', 'comment']);
/** Nodes inside strings that hold code (f-string and template substitutions). */
const SUBSTITUTIONS = new Set(['interpolation', 'template_substitution']);

const KEYWORDS = new Set([
  'if', 'else', 'for', 'in', 'of', 'and', 'or', 'not', 'is', 'None', 'True', 'False', 'null', 'undefined', 'true', 'false', 'nil',
  'await', 'return', 'const', 'let', 'var', 'new', 'this', 'self', 'fmt', 'Sprintf', 'format', 'join', 'str', 'String', 'len', 'map',
]);

const MAX_STEPS = 3;

/** Names traced per expression: a generated 2,000-term concatenation is not a handler. */
const MAX_NAMES = 40;

/** Functions longer than this are not searched for definitions (generated or minified code). */
const MAX_FUNCTION_CHARS = 100_000;

/** The code of a node with the text of its string literals and comments blanked out (substitutions kept). */
function codeOf(node: Node, text: string): string {
  const blanks: [number, number][] = [];
  // Iterative: a 2,000-term concatenation is a tree 2,000 levels deep.
  const stack: Node[] = [node];
  for (let n = stack.pop(); n; n = stack.pop()) {
    if (n.type === 'comment') {
      blanks.push([n.startIndex, n.endIndex]);
      continue;
    }
    if (STRING_TYPES.has(n.type)) {
      let at = n.startIndex;
      for (const c of n.children) {
        if (c && SUBSTITUTIONS.has(c.type)) {
          blanks.push([at, c.startIndex]);
          at = c.endIndex;
        }
      }
      blanks.push([at, n.endIndex]);
      continue;
    }
    for (const c of n.children) if (c) stack.push(c);
  }
  const chars = text.slice(node.startIndex, node.endIndex).split('');
  for (const [s, e] of blanks) for (let i = s; i < e; i++) chars[i - node.startIndex] = ' ';
  return chars.join('');
}

/** The functions around a node, innermost first (the language's units). */
function enclosingFunctions(node: Node, spec: LanguageSpec): Node[] {
  const out: Node[] = [];
  for (let n = node.parent; n; n = n.parent) if (spec.unitTypes.has(n.type)) out.push(n);
  return out;
}

/**
 * What a name is assigned from in `body` before `before` (the right-hand sides' texts), including
 * destructuring (`const { id } = req.query`, `id, err := …`, `a, b = …`).
 */
function definitions(name: string, body: string, family: QueryFamily): string[] {
  const n = escapeRegExp(name);
  const out: string[] = [];
  const patterns =
    family === 'go'
      ? [new RegExp(`(?:^|[\\s,(])${n}(?:\\s*,\\s*\\w+)*\\s*:?=(?!=)\\s*([^\\n]+)`, 'g'), new RegExp(`\\w+\\s*,\\s*${n}\\s*:?=(?!=)\\s*([^\\n]+)`, 'g'), new RegExp(`\\bvar\\s+${n}\\b[^=\\n]*=\\s*([^\\n]+)`, 'g')]
      : family === 'python'
        ? [new RegExp(`(?:^|\\n)\\s*(?:\\w+\\s*,\\s*)*${n}(?:\\s*,\\s*\\w+)*\\s*(?::\\s*[\\w\\[\\], .|]+)?=(?!=)\\s*([^\\n]+)`, 'g')]
        : [
            new RegExp(`(?:\\b(?:const|let|var)\\s+|[;{}\\n]\\s*)${n}\\s*(?::\\s*[^=\\n]+)?=(?![=>])\\s*([^\\n;]+)`, 'g'),
            new RegExp(`\\b(?:const|let|var)\\s*[{[][^}\\]=]*\\b${n}\\b[^}\\]=]*[}\\]]\\s*=\\s*([^\\n;]+)`, 'g'),
          ];
  for (const re of patterns) for (const m of body.matchAll(re)) if (m[1]) out.push(m[1]);
  // Go fills a variable through a pointer: `c.ShouldBindJSON(&in)`, `json.NewDecoder(r.Body).Decode(&in)`.
  if (family === 'go') for (const m of body.matchAll(new RegExp(`[^\\n]*\\.(?:Bind\\w*|ShouldBind\\w*|BodyParser|Decode|Unmarshal)\\([^\\n]*&${n}\\b`, 'g'))) out.push(m[0]);
  return out;
}

function names(code: string): string[] {
  const out = new Set<string>();
  for (const m of code.matchAll(/(?<![.\w])([A-Za-z_]\w*)\b/g)) if (m[1] && !KEYWORDS.has(m[1])) out.add(m[1]);
  return [...out];
}

/**
 * The request read a spliced value of this SQL expression comes from, if any, as the finding's
 * message names it (`req.query`, `the route parameter id`); undefined when no value traces to the
 * request.
 */
export function requestSource(node: Node, spec: LanguageSpec, text: string): string | undefined {
  const family = spec.family;
  const functions = enclosingFunctions(node, spec);
  if (functions.length === 0) return undefined;
  const source = SOURCES[family];
  const sanitizer = SANITIZERS[family];
  // The outermost enclosing function (within the size bound) up to the use: it holds the inner
  // functions' text too, and definitions after the use cannot reach it.
  const outer = functions.filter((f) => node.startIndex - f.startIndex <= MAX_FUNCTION_CHARS).pop();
  const body = outer ? text.slice(outer.startIndex, node.startIndex) : '';
  const bound = new Set<string>();
  if (family === 'ecma') {
    for (const f of functions) {
      const params = f.childForFieldName('parameters');
      if (!params) continue;
      for (const m of text.slice(params.startIndex, params.endIndex).matchAll(ECMA_BOUND_PARAM)) {
        // `@Param('id', ParseIntPipe) id: number` cannot carry SQL.
        if (m[2] && !/Parse(?:Int|Float|Bool|UUID|Enum)Pipe/.test(m[1] ?? '') && !/^(?:number|boolean|bigint)$/.test(m[3] ?? '')) bound.add(m[2]);
      }
    }
  }
  if (family === 'python') {
    for (const f of functions) {
      const decorated = f.parent?.type === 'decorated_definition' ? f.parent : undefined;
      if (!decorated) continue;
      const decorators = text.slice(decorated.startIndex, f.startIndex);
      if (!/\.(?:route|get|post|put|patch|delete|api_route)\(/.test(decorators)) continue;
      // Flask `<name>` / `<path:name>` (not `<int:…>`), FastAPI and Starlette `{name}`.
      const parameters = f.childForFieldName('parameters');
      const params = parameters ? text.slice(parameters.startIndex, parameters.endIndex) : '';
      for (const m of decorators.matchAll(/<(?:(?:string|path|any)\([^)]*\):|(?:string|path):)?(\w+)>|\{(\w+)(?::(?:str|path))?\}/g)) {
        const name = (m[1] ?? m[2])!;
        // FastAPI converts `item_id: int` before the handler runs.
        if (!new RegExp(`\\b${name}\\s*:\\s*(?:int|float|bool|UUID|uuid\\.UUID)\\b`).test(params)) bound.add(name);
      }
    }
  }
  const seen = new Set<string>();
  const traced = (code: string, steps: number): string | undefined => {
    const hit = source.exec(code);
    if (hit) return hit[0].replace(/[\s(.]+$/, '').trim();
    if (steps >= MAX_STEPS) return undefined;
    for (const name of names(code).slice(0, MAX_NAMES)) {
      if (bound.has(name)) return `the route parameter ${name}`;
      if (seen.has(name)) continue;
      seen.add(name);
      for (const rhs of definitions(name, body, family)) {
        if (sanitizer.test(rhs)) continue;
        const found = traced(rhs, steps + 1);
        if (found) return found;
      }
    }
    return undefined;
  };
  return traced(codeOf(node, text), 0);
}
