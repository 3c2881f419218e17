; Request bodies read whole without a size limit (CWE-400 / CWE-770). Frameworks differ:
; - Flask: request.get_data() / request.data read everything unless MAX_CONTENT_LENGTH is set. Only
;   statements directly in route functions defined at module level are examined, and the whole
;   file is checked for MAX_CONTENT_LENGTH (set elsewhere? then this file is still reported).
; - Starlette / FastAPI: `await request.body()` has no limit at all.
; - aiohttp: request.read()/text()/json() are capped by client_max_size (1 MiB by default) and do
;   not match; `await request.content.read()` bypasses that cap and does.
; - Django: request.body is capped by DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MiB) and does not match;
;   setting that to None does.

; Flask: data = request.get_data(), json.loads(request.data), return request.get_data()
((module
   (decorated_definition
     definition: (function_definition
       body: (block
         [(expression_statement (assignment right: [[(call function: (attribute object: (identifier) @req attribute: (identifier) @attr)) (attribute object: (identifier) @req attribute: (identifier) @attr)] @finding (call arguments: (argument_list [(call function: (attribute object: (identifier) @req attribute: (identifier) @attr)) (attribute object: (identifier) @req attribute: (identifier) @attr)] @finding))]))
          (return_statement [[(call function: (attribute object: (identifier) @req attribute: (identifier) @attr)) (attribute object: (identifier) @req attribute: (identifier) @attr)] @finding (call arguments: (argument_list [(call function: (attribute object: (identifier) @req attribute: (identifier) @attr)) (attribute object: (identifier) @req attribute: (identifier) @attr)] @finding))])
          (expression_statement [[(call function: (attribute object: (identifier) @req attribute: (identifier) @attr)) (attribute object: (identifier) @req attribute: (identifier) @attr)] @finding (call arguments: (argument_list [(call function: (attribute object: (identifier) @req attribute: (identifier) @attr)) (attribute object: (identifier) @req attribute: (identifier) @attr)] @finding))])])))) @file
 (#eq? @req "request")
 (#any-of? @attr "get_data" "data")
 (#imports? "^flask(\\.|$)")
 (#not-match? @file "MAX_CONTENT_LENGTH")
 (#set! rule "python.auth.unbounded-body")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "400")
 (#set! message "Flask reads the whole request body into memory and no MAX_CONTENT_LENGTH is configured in this file: one large request can exhaust memory. Set app.config[\"MAX_CONTENT_LENGTH\"] = 1 * 1024 * 1024."))

; Starlette / FastAPI: body = await request.body(). An audit finding: FastAPI reads every JSON-body
; endpoint whole with no limit, and webhooks need the raw bytes to check a signature, so the cap
; belongs in the server or proxy (all three judged on lnbits were such reads).
((await (call function: (attribute object: (identifier) @req attribute: (identifier) @attr) arguments: (argument_list) @args) @finding)
 (#eq? @attr "body")
 (#match? @req "^(request|req)$")
 (#match? @args "^\\(\\s*\\)$")
 (#imports? "^(starlette|fastapi)(\\.|$)")
 (#set! confidence "low")
 (#set! rule "python.auth.unbounded-body")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! cwe "400")
 (#set! message "await request.body() reads the whole body with no size limit (Starlette has none): one large request can exhaust memory. Check Content-Length and read request.stream() with a running limit, or cap the size in the server/proxy."))

; aiohttp: raw = await request.content.read()
((await (call function: (attribute object: (attribute object: (identifier) @req attribute: (identifier) @content) attribute: (identifier) @attr) arguments: (argument_list) @args) @finding)
 (#eq? @content "content")
 (#eq? @attr "read")
 (#match? @args "^\\(\\s*(-1)?\\s*\\)$")
 (#imports? "^aiohttp(\\.|$)")
 (#set! rule "python.auth.unbounded-body")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "400")
 (#set! message "request.content.read() with no size reads the whole stream and bypasses client_max_size: one large request can exhaust memory. Use await request.read() (capped by client_max_size) or read in bounded chunks."))

; Django settings: DATA_UPLOAD_MAX_MEMORY_SIZE = None
((assignment left: (_) @name right: (_) @value) @finding
 (#eq? @name "DATA_UPLOAD_MAX_MEMORY_SIZE")
 (#eq? @value "None")
 (#set! rule "python.auth.unbounded-body")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "770")
 (#set! message "DATA_UPLOAD_MAX_MEMORY_SIZE = None removes Django's request body cap: one large request can exhaust memory. Keep a limit (the default is 2.5 MiB).")
 (#set! fix "python.data-upload-limit"))
