; Request bodies read whole without a size limit (CWE-400 / CWE-770): io.ReadAll(r.Body) (or
; ioutil.ReadAll) in a handler taking r *http.Request, in a function that never wraps the body with
; http.MaxBytesReader (r.Body = http.MaxBytesReader(w, r.Body, n)). A client can send gigabytes and
; exhaust memory. Response bodies (resp.Body from an http.Client) do not match: the body must
; belong to the *http.Request parameter. Statements directly in the handler body are examined
; (`body, err := io.ReadAll(r.Body)`, `if body, err := ...; err != nil`, `return io.ReadAll(r.Body)`).
; A RoundTripper's `RoundTrip(req *http.Request)` is client side: req is the outgoing request the
; program built itself (an oauth2 token request re-signed in a transport), so it never matches.
; An audit finding: Go servers usually cap bodies once, in middleware the handler's file does not
; show (http.MaxBytesHandler, a router's body limit); on real code all three judged were capped or
; admin-only (hydra, dex).

([(function_declaration
    parameters: (parameter_list (parameter_declaration name: (identifier) @req type: (pointer_type (qualified_type name: (type_identifier) @rtype))))
    body: (block (statement_list
      [(short_var_declaration right: (expression_list (call_expression
                 function: (selector_expression) @fn
                 arguments: (argument_list . (selector_expression operand: (identifier) @target field: (field_identifier) @field) .)) @finding))
      (assignment_statement right: (expression_list (call_expression
                 function: (selector_expression) @fn
                 arguments: (argument_list . (selector_expression operand: (identifier) @target field: (field_identifier) @field) .)) @finding))
      (if_statement initializer: (short_var_declaration right: (expression_list (call_expression
                 function: (selector_expression) @fn
                 arguments: (argument_list . (selector_expression operand: (identifier) @target field: (field_identifier) @field) .)) @finding)))
      (return_statement (expression_list (call_expression
                 function: (selector_expression) @fn
                 arguments: (argument_list . (selector_expression operand: (identifier) @target field: (field_identifier) @field) .)) @finding))])))
  (method_declaration
    parameters: (parameter_list (parameter_declaration name: (identifier) @req type: (pointer_type (qualified_type name: (type_identifier) @rtype))))
    body: (block (statement_list
      [(short_var_declaration right: (expression_list (call_expression
                 function: (selector_expression) @fn
                 arguments: (argument_list . (selector_expression operand: (identifier) @target field: (field_identifier) @field) .)) @finding))
      (assignment_statement right: (expression_list (call_expression
                 function: (selector_expression) @fn
                 arguments: (argument_list . (selector_expression operand: (identifier) @target field: (field_identifier) @field) .)) @finding))
      (if_statement initializer: (short_var_declaration right: (expression_list (call_expression
                 function: (selector_expression) @fn
                 arguments: (argument_list . (selector_expression operand: (identifier) @target field: (field_identifier) @field) .)) @finding)))
      (return_statement (expression_list (call_expression
                 function: (selector_expression) @fn
                 arguments: (argument_list . (selector_expression operand: (identifier) @target field: (field_identifier) @field) .)) @finding))])))
  (func_literal
    parameters: (parameter_list (parameter_declaration name: (identifier) @req type: (pointer_type (qualified_type name: (type_identifier) @rtype))))
    body: (block (statement_list
      [(short_var_declaration right: (expression_list (call_expression
                 function: (selector_expression) @fn
                 arguments: (argument_list . (selector_expression operand: (identifier) @target field: (field_identifier) @field) .)) @finding))
      (assignment_statement right: (expression_list (call_expression
                 function: (selector_expression) @fn
                 arguments: (argument_list . (selector_expression operand: (identifier) @target field: (field_identifier) @field) .)) @finding))
      (if_statement initializer: (short_var_declaration right: (expression_list (call_expression
                 function: (selector_expression) @fn
                 arguments: (argument_list . (selector_expression operand: (identifier) @target field: (field_identifier) @field) .)) @finding)))
      (return_statement (expression_list (call_expression
                 function: (selector_expression) @fn
                 arguments: (argument_list . (selector_expression operand: (identifier) @target field: (field_identifier) @field) .)) @finding))])))] @scope
 (#eq? @rtype "Request")
 (#eq? @field "Body")
 (#eq? @req @target)
 (#imports? "^net/http$")
 (#resolves-to? @fn "^(io|io/ioutil)\\.ReadAll$")
 (#not-match? @scope "MaxBytesReader|^func\\s*\\([^)]*\\)\\s*RoundTrip\\s*\\(")
 (#set! confidence "low")
 (#set! rule "go.auth.unbounded-body")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! cwe "400")
 (#set! message "Request body read whole with no size limit: one large request can exhaust memory. Wrap it first: r.Body = http.MaxBytesReader(w, r.Body, 1<<20).")
 (#set! fix "go.max-bytes-reader"))
