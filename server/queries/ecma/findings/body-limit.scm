; Findings: request bodies read whole without a size limit (CWE-770 / CWE-400).
;
; express.json() / bodyParser.json() / raw() / text() / urlencoded() without `limit` are fine
; (100kb default) and not flagged; a limit of 50 MB or more is reported as info. Flagged: a raw
; Node `req.on('data', ...)` handler that accumulates chunks (`+=`, `.push(`, `.concat(`) with no
; size check inside the handler itself (a Content-Length check elsewhere does not bound chunked
; bodies; counting bytes, `size += chunk.length`, while writing the chunks to a file stream is no
; accumulation), raw-body / getRawBody without `limit`, and node:stream/consumers text/json/buffer on
; a request.
;
; Fix `ecma.raw-body-limit` adds `limit: '1mb'` to the raw-body call; the others have no fix (the
; right limit depends on the route).

; express.json({ limit: '50mb' }), bodyParser.urlencoded({ limit: '1gb', extended: true })
((call_expression
   function: [(identifier) (member_expression)] @fn
   arguments: (arguments . (object (pair key: (property_identifier) @k value: [(string) (number)] @finding))))
 (#imports? "^(express|body-parser)$")
 (#resolves-to? @fn "^(express|body-parser)\\.(json|raw|text|urlencoded)$")
 (#eq? @k "limit")
 (#match? @finding "^(?:['\"`]\\s*(?:(?:[5-9][0-9]|[1-9][0-9]{2,})(?:\\.[0-9]+)?\\s*[mM][bB]?|[0-9]+(?:\\.[0-9]+)?\\s*[gGtTpP][bB]?)\\s*['\"`]|[5-9][0-9]{7}|[1-9][0-9]{8,})$")
 (#set! rule "ecma.auth.large-body-limit")
 (#set! category "auth")
 (#set! severity "info")
 (#set! confidence "low")
 (#set! cwe "770")
 (#set! message "A body limit of 50 MB or more lets a handful of requests exhaust memory (the whole body is buffered and parsed); keep the default 100kb, or raise it only on the route that needs it"))

; req.on('data', chunk => { body += chunk }) with no size check in the handler
((call_expression
   function: (member_expression object: (_) @req property: (property_identifier) @on) @finding
   arguments: (arguments . (string) @ev . [
     (arrow_function body: (_) @cb)
     (function_expression body: (_) @cb)
   ]))
 (#any-of? @on "on" "addListener")
 (#match? @ev "^['\"]data['\"]$")
 (#match? @req "^(req|request|incoming|message|msg)$|(\\.req|[Rr]equest|[Rr]eq)$")
 (#match? @cb "\\+=(?!\\s*[\\w$.]+\\.(?:length|byteLength)\\s*[;,)}\\n])|\\.push\\(|\\.concat\\(")
 (#not-match? @cb "(?<!=)>|\\b[Ll]imit|LIMIT|[Mm]ax[A-Z_]|MAX|destroy\\(|\\b413\\b")
 (#set! rule "ecma.auth.unbounded-body")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "770")
 (#set! message "The request body is accumulated without a size limit: one large (or endless chunked) request exhausts memory; count the bytes in this handler and destroy the request (413) past a limit"))

; getRawBody(req) (same structure as every other callee-only rule: one match per call for all of them),
; getRawBody(req, 'utf8') / getRawBody(req, { length }) / getRawBody(req, cb)
((call_expression
   function: [(identifier) (member_expression)] @fn @finding) @call
 (#imports? "^raw-body$")
 (#resolves-to? @fn "^raw-body$")
 (#match? @call "^[^(]*\\(\\s*[\\w$.]+\\s*\\)$")
 (#set! rule "ecma.auth.unbounded-body")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "770")
 (#set! message "raw-body without a `limit` reads the whole request into memory, however large (a few big requests exhaust the process); pass { limit: '1mb' } (or what the route needs)")
 (#set! fix "ecma.raw-body-limit"))

((call_expression
   function: (identifier) @finding
   arguments: (arguments . (_) . (object) @opts)) @call
 (#imports? "^raw-body$")
 (#resolves-to? @finding "^raw-body$")
 (#not-match? @opts "(^|[{,\\s])limit\\b|\\.\\.\\.")
 (#set! rule "ecma.auth.unbounded-body")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "770")
 (#set! message "raw-body without a `limit` reads the whole request into memory, however large (a few big requests exhaust the process); pass { limit: '1mb' } (or what the route needs)")
 (#set! fix "ecma.raw-body-limit"))

((call_expression
   function: (identifier) @finding
   arguments: (arguments . (_) . [(string) (true)] @enc)) @call
 (#imports? "^raw-body$")
 (#resolves-to? @finding "^raw-body$")
 (#set! rule "ecma.auth.unbounded-body")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "770")
 (#set! message "raw-body without a `limit` reads the whole request into memory, however large (a few big requests exhaust the process); pass { limit: '1mb' } (or what the route needs)")
 (#set! fix "ecma.raw-body-limit"))

((call_expression
   function: (identifier) @finding
   arguments: (arguments . (_) . [(arrow_function) (function_expression)] .)) @call
 (#imports? "^raw-body$")
 (#resolves-to? @finding "^raw-body$")
 (#set! rule "ecma.auth.unbounded-body")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "770")
 (#set! message "raw-body without a `limit` reads the whole request into memory, however large (a few big requests exhaust the process); pass { limit: '1mb' } (or what the route needs)")
 (#set! fix "ecma.raw-body-limit"))

; await text(req) / json(req) / buffer(req) from node:stream/consumers: no limit at all
((call_expression
   function: [(identifier) (member_expression)] @fn @finding) @call
 (#imports? "^stream/consumers$")
 (#resolves-to? @fn "^stream/consumers\\.(text|json|buffer|arrayBuffer|blob)$")
 (#match? @call "^[^(]*\\(\\s*(?:[\\w$]+\\.)*(?:req|request|incoming|message|msg|[\\w$]*[Rr]equest|[\\w$]*[Rr]eq)\\s*\\)$")
 (#set! rule "ecma.auth.unbounded-body")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "770")
 (#set! message "stream/consumers reads the whole request into memory with no limit; read it with a byte limit (raw-body with limit, or count bytes and abort)"))
