; TLS certificate verification turned off (CWE-295): verify=False on requests / httpx / boto3 /
; Elasticsearch-style clients, session.verify = False, aiohttp ssl=False, ssl._create_unverified_context,
; ctx.check_hostname = False and CERT_NONE. (jwt.decode(verify=False) is a JWT finding, not TLS.)
; An ssl setting in a function that afterwards only reads the peer's certificate (getpeercert, to
; report its expiry) and sends or reads nothing over the connection is a probe, not a client.

; requests.get(url, verify=False), httpx.Client(verify=False), boto3.client("s3", verify=False)
; (The keyword is the call's own argument: `wait_for(session.get(url, verify=False))` is one finding, on
; the inner call, not one more on the call around it: round 71, supervisor.)
((call function: (_) @fn arguments: (argument_list (keyword_argument name: (identifier) @kw value: (false))) @args) @finding
 (#imports? "^(requests|httpx|urllib3|boto3|botocore|elasticsearch|opensearchpy|hvac|kubernetes|docker|zeep|pysolr|influxdb_client|openai|aiohttp)(\\.|$)")
 (#eq? @kw "verify")
 (#not-match? @fn "(^|\\.)(decode|decode_complete)$")
 (#not-guarded-by? @finding "{{tls-opt-out-switch}}")
 (#not-guarded-off? @finding "{{tls-verify-setting}}")
 (#set! rule "python.crypto.tls-verify-disabled")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! cwe "295")
 (#set! message "verify=False accepts any certificate, so anyone on the path can read and change the traffic. Remove it; for a private CA pass verify=\"/path/to/ca.pem\".")
 (#set! fix "python.tls-verify-true"))

; aiohttp: session.get(url, ssl=False), TCPConnector(verify_ssl=False)
((call function: (_) @fn arguments: (argument_list (keyword_argument name: (identifier) @kw value: (false))) @args) @finding
 (#imports? "^aiohttp(\\.|$)")
 (#any-of? @kw "ssl" "verify_ssl")
 (#not-guarded-by? @finding "{{tls-opt-out-switch}}")
 (#not-guarded-off? @finding "{{tls-verify-setting}}")
 (#set! rule "python.crypto.tls-verify-disabled")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! cwe "295")
 (#set! message "ssl=False turns off certificate verification, so anyone on the path can read and change the traffic. Remove it; for a private CA pass ssl=ssl.create_default_context(cafile=...).")
 (#set! fix "python.tls-verify-true"))

; session.verify = False
((assignment left: (_) @name right: (_) @value) @finding
 (#imports? "^(requests|httpx)(\\.|$)")
 (#eq? @value "False")
 (#match? @name "\\.verify$")
 (#not-guarded-by? @finding "{{tls-opt-out-switch}}")
 (#not-guarded-off? @finding "{{tls-verify-setting}}")
 (#set! rule "python.crypto.tls-verify-disabled")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! cwe "295")
 (#set! message "session.verify = False accepts any certificate for every request of the session. Remove it; for a private CA set session.verify = \"/path/to/ca.pem\".")
 (#set! fix "python.flip-false"))

; ctx.check_hostname = False
((assignment left: (_) @name right: (_) @value) @finding
 (#imports? "^ssl(\\.|$)")
 (#eq? @value "False")
 (#match? @name "\\.check_hostname$")
 (#not-text-after? @finding "{{certificate-probe}}")
 (#not-text-after? @finding "{{tls-mode-reenabled}}")
 (#not-guarded-by? @finding "{{tls-opt-out-switch}}")
 (#not-guarded-off? @finding "{{tls-verify-setting}}")
 (#set! rule "python.crypto.tls-verify-disabled")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! cwe "295")
 (#set! message "check_hostname = False accepts a valid certificate for any other host, so any certificate holder can impersonate the server. Leave hostname checking on.")
 (#set! fix "python.check-hostname"))

; ctx.verify_mode = ssl.CERT_NONE
((assignment left: (_) @name right: (_) @value) @finding
 (#imports? "^ssl(\\.|$)")
 (#match? @name "\\.verify_mode$")
 (#resolves-to? @value "^ssl\\.CERT_NONE$")
 (#not-text-after? @finding "{{certificate-probe}}")
 (#not-text-after? @finding "{{tls-mode-reenabled}}")
 (#not-guarded-by? @finding "{{tls-opt-out-switch}}")
 (#not-guarded-off? @finding "{{tls-verify-setting}}")
 (#set! rule "python.crypto.tls-verify-disabled")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! cwe "295")
 (#set! message "CERT_NONE skips certificate verification entirely: anyone on the path can impersonate the server. Use ssl.CERT_REQUIRED (the default of ssl.create_default_context()).")
 (#set! fix "python.cert-required"))

; ssl.wrap_socket(s, cert_reqs=ssl.CERT_NONE), urllib3.PoolManager(cert_reqs="CERT_NONE")
((call function: (_) @fn arguments: (argument_list) @args) @finding
 (#match? @args "\\bcert_reqs\\s*=\\s*(ssl\\.)?[\"\\']?CERT_NONE\\b")
 (#not-guarded-by? @finding "{{tls-opt-out-switch}}")
 (#not-guarded-off? @finding "{{tls-verify-setting}}")
 (#set! rule "python.crypto.tls-verify-disabled")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! cwe "295")
 (#set! message "cert_reqs=CERT_NONE skips certificate verification entirely: anyone on the path can impersonate the server. Use CERT_REQUIRED.")
 (#set! fix "python.cert-required"))

; ssl._create_unverified_context()
((call function: (_) @fn arguments: (argument_list) @args) @finding
 (#imports? "^ssl(\\.|$)")
 (#resolves-to? @fn "^ssl\\._create_unverified_context$")
 (#not-text-after? @finding "{{certificate-probe}}")
 (#not-guarded-by? @finding "{{tls-opt-out-switch}}")
 (#not-guarded-off? @finding "{{tls-verify-setting}}")
 (#set! rule "python.crypto.tls-verify-disabled")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! cwe "295")
 (#set! message "ssl._create_unverified_context() verifies neither the certificate nor the hostname. Use ssl.create_default_context() (with cafile=... for a private CA).")
 (#set! fix "python.ssl-default-context"))

; ssl._create_default_https_context = ssl._create_unverified_context
((assignment left: (_) @name right: (_) @value) @finding
 (#imports? "^ssl(\\.|$)")
 (#resolves-to? @value "^ssl\\._create_unverified_context$")
 (#not-text-after? @finding "{{certificate-probe}}")
 (#not-guarded-by? @finding "{{tls-opt-out-switch}}")
 (#not-guarded-off? @finding "{{tls-verify-setting}}")
 (#set! rule "python.crypto.tls-verify-disabled")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! cwe "295")
 (#set! message "Replacing the default HTTPS context with _create_unverified_context turns off certificate checks for every urllib/http.client request in the process. Remove it.")
 (#set! fix "python.ssl-default-context"))

; Obsolete protocol versions (CWE-327): SSLv2/SSLv3/TLS 1.0/TLS 1.1 are broken or deprecated
; (POODLE, BEAST, RFC 8996). ssl.SSLContext(ssl.PROTOCOL_TLSv1), ssl.wrap_socket(s, ssl_version=PROTOCOL_SSLv3)
((attribute
   object: (identifier)
   attribute: (identifier) @name) @finding
 (#match? @name "^PROTOCOL_(SSLv2|SSLv3|TLSv1|TLSv1_1)$")
 (#resolves-to? @finding "^ssl\\.PROTOCOL_")
 (#set! rule "python.crypto.weak-tls-version")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! cwe "327")
 (#set! message "SSLv2/SSLv3/TLS 1.0/TLS 1.1 are broken or deprecated (POODLE, BEAST; RFC 8996). Use ssl.PROTOCOL_TLS_CLIENT / PROTOCOL_TLS_SERVER and set minimum_version = ssl.TLSVersion.TLSv1_2."))

; `from ssl import PROTOCOL_TLSv1` then ssl.SSLContext(PROTOCOL_TLSv1) / ssl_version=PROTOCOL_TLSv1
([(argument_list (identifier) @finding)
  (keyword_argument value: (identifier) @finding)
  (assignment right: (identifier) @finding)]
 (#match? @finding "^PROTOCOL_(SSLv2|SSLv3|TLSv1|TLSv1_1)$")
 (#resolves-to? @finding "^ssl\\.PROTOCOL_")
 (#set! rule "python.crypto.weak-tls-version")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! cwe "327")
 (#set! message "SSLv2/SSLv3/TLS 1.0/TLS 1.1 are broken or deprecated (POODLE, BEAST; RFC 8996). Use ssl.PROTOCOL_TLS_CLIENT / PROTOCOL_TLS_SERVER and set minimum_version = ssl.TLSVersion.TLSv1_2."))

; ctx.minimum_version = ssl.TLSVersion.TLSv1 (or TLSv1_1, SSLv3): the floor lets old protocols in
((assignment
   left: (attribute attribute: (identifier) @field)
   right: (attribute attribute: (identifier) @version) @value) @finding
 (#eq? @field "minimum_version")
 (#match? @version "^(SSLv3|TLSv1|TLSv1_1|MINIMUM_SUPPORTED)$")
 (#resolves-to? @value "^ssl\\.TLSVersion\\.")
 (#set! rule "python.crypto.weak-tls-version")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! cwe "327")
 (#set! message "minimum_version below TLS 1.2 accepts deprecated protocol versions (RFC 8996). Set ctx.minimum_version = ssl.TLSVersion.TLSv1_2 (or TLSv1_3)."))

; pyOpenSSL: SSL.Context(SSL.TLSv1_METHOD), SSL.Context(SSL.SSLv3_METHOD)
([(attribute object: (identifier) attribute: (identifier) @name) @finding
  (argument_list (identifier) @name @finding)
  (keyword_argument value: (identifier) @name @finding)
  (assignment right: (identifier) @name @finding)]
 (#match? @name "^(SSLv2|SSLv3|TLSv1|TLSv1_1)_METHOD$")
 (#resolves-to? @finding "^OpenSSL\\.SSL\\.")
 (#set! rule "python.crypto.weak-tls-version")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! cwe "327")
 (#set! message "SSLv2/SSLv3/TLS 1.0/TLS 1.1 methods are broken or deprecated (RFC 8996). Use SSL.TLS_METHOD (or TLS_CLIENT_METHOD / TLS_SERVER_METHOD) and set_min_proto_version(SSL.TLS1_2_VERSION)."))
