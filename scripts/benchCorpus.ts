/** Deterministic generator of realistic source files for the benchmark. */
export type GenLanguage = 'go' | 'python' | 'typescript' | 'javascript';

function rng(seed: number): () => number {
  let s = (seed * 2654435761) >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const GO_HEADER = `package service

import (
\t"crypto/hmac"
\t"crypto/sha256"
\t"database/sql"
\t"encoding/json"
\t"fmt"
\t"net/http"
\t"sort"
\t"strings"
\t"sync"
\t"time"

\tjwt "github.com/golang-jwt/jwt/v5"
)
`;

const GO_PLAIN = [
  (n: string) => `type ${n}Request struct {
\tID    string \`json:"id"\`
\tName  string \`json:"name"\`
\tCount int    \`json:"count"\`
}

func (h *Handler) ${n}(w http.ResponseWriter, r *http.Request) {
\tvar req ${n}Request
\tif err := json.NewDecoder(r.Body).Decode(&req); err != nil {
\t\thttp.Error(w, "bad request", http.StatusBadRequest)
\t\treturn
\t}
\titems := make([]string, 0, req.Count)
\tfor i := 0; i < req.Count; i++ {
\t\titems = append(items, fmt.Sprintf("%s-%d", req.Name, i))
\t}
\tsort.Strings(items)
\tw.Header().Set("Content-Type", "application/json")
\t_ = json.NewEncoder(w).Encode(map[string]interface{}{"id": req.ID, "items": items})
}
`,
  (n: string) => `func ${n}Same(a, b *User) bool {
\tif a == nil || b == nil {
\t\treturn false
\t}
\treturn a.ID == b.ID && strings.EqualFold(a.Email, b.Email)
}

func format${n}(u *User) string {
\tparts := []string{u.First, u.Last}
\tname := strings.Join(parts, " ")
\treturn fmt.Sprintf("user %s <%s> created %s", name, u.Email, u.Created.Format(time.RFC3339))
}
`,
];

const GO_RISKY = [
  (n: string) => `func (s *Server) ${n}Verify(raw string) (*jwt.Token, error) {
\treturn jwt.Parse(raw, func(t *jwt.Token) (interface{}, error) { return s.key, nil })
}
`,
  (n: string) => `func ${n}Sign(key, msg []byte) []byte {
\tmac := hmac.New(sha256.New, key)
\tmac.Write(msg)
\treturn mac.Sum(nil)
}
`,
  (n: string) => `func (r *Repo) ${n}Find(db *sql.DB, id string) error {
\trows, err := db.Query("SELECT id, name FROM users WHERE id = $1", id)
\tif err != nil {
\t\treturn err
\t}
\treturn rows.Close()
}
`,
  (n: string) => `func ${n}Fanout(jobs []string) {
\tvar wg sync.WaitGroup
\tfor _, j := range jobs {
\t\twg.Add(1)
\t\tgo func(j string) { defer wg.Done(); fmt.Println(j) }(j)
\t}
\twg.Wait()
}
`,
];

const PY_HEADER = `import hashlib
import hmac
import json
import logging
import threading
from dataclasses import dataclass

import jwt

log = logging.getLogger(__name__)
`;

const PY_PLAIN = [
  (n: string) => `@dataclass
class ${n}Request:
    id: str
    name: str
    count: int = 0


def handle_${n.toLowerCase()}(payload: str) -> str:
    data = json.loads(payload)
    req = ${n}Request(id=data["id"], name=data.get("name", ""), count=int(data.get("count", 0)))
    items = sorted(f"{req.name}-{i}" for i in range(req.count))
    log.info("handled %s with %d items", req.id, len(items))
    return json.dumps({"id": req.id, "items": items})
`,
  (n: string) => `def same_${n.toLowerCase()}(a, b) -> bool:
    if a is None or b is None:
        return False
    return a.id == b.id and a.email.lower() == b.email.lower()


def describe_${n.toLowerCase()}(user) -> str:
    name = " ".join([user.first, user.last])
    return f"user {name} <{user.email}> created {user.created.isoformat()}"
`,
];

const PY_RISKY = [
  (n: string) => `def verify_${n.toLowerCase()}(token: str, key: str) -> dict:
    return jwt.decode(token, key, algorithms=["HS256"], audience="api")
`,
  (n: string) => `def sign_${n.toLowerCase()}(key: bytes, msg: bytes) -> str:
    return hmac.new(key, msg, hashlib.sha256).hexdigest()
`,
  (n: string) => `def find_${n.toLowerCase()}(cursor, user_id):
    cursor.execute("SELECT id, name FROM users WHERE id = %s", (user_id,))
    return cursor.fetchone()
`,
  (n: string) => `def fanout_${n.toLowerCase()}(jobs):
    lock = threading.Lock()
    threads = [threading.Thread(target=print, args=(j,)) for j in jobs]
    for t in threads:
        t.start()
    with lock:
        log.info("started %d", len(threads))
`,
];

const TS_HEADER = (js: boolean) =>
  js
    ? `'use strict';
const crypto = require('node:crypto');
const jwt = require('jsonwebtoken');
const { Pool } = require('pg');

const pool = new Pool();
`
    : `import { createHmac } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Pool } from 'pg';

const pool = new Pool();
`;

const TS_PLAIN = (js: boolean) => [
  (n: string) => `${js ? '' : `interface ${n}Request {
  id: string;
  name: string;
  count: number;
}

`}export function handle${n}(payload${js ? '' : ': string'})${js ? '' : ': string'} {
  const req${js ? '' : `: ${n}Request`} = JSON.parse(payload);
  const items = [];
  for (let i = 0; i < req.count; i++) {
    items.push(\`\${req.name}-\${i}\`);
  }
  items.sort();
  console.log(\`handled \${req.id} with \${items.length} items\`);
  return JSON.stringify({ id: req.id, items });
}
`,
  (n: string) => `export function same${n}(a${js ? '' : ': User'}, b${js ? '' : ': User'})${js ? '' : ': boolean'} {
  if (!a || !b) return false;
  return a.id === b.id && a.email.toLowerCase() === b.email.toLowerCase();
}

export async function load${n}(ids${js ? '' : ': string[]'}) {
  const out = [];
  for (const id of ids) {
    out.push(await fetchUser(id));
  }
  return out.map((u) => \`\${u.first} \${u.last}\`);
}
`,
];

const TS_RISKY = (js: boolean) => [
  (n: string) => `export function verify${n}(token${js ? '' : ': string'}, key${js ? '' : ': string'}) {
  return jwt.verify(token, key, { algorithms: ['HS256'] });
}
`,
  (n: string) => `export function sign${n}(key${js ? '' : ': string'}, msg${js ? '' : ': string'}) {
  return ${js ? 'crypto.createHmac' : 'createHmac'}('sha256', key).update(msg).digest('hex');
}
`,
  (n: string) => `export async function find${n}(id${js ? '' : ': string'}) {
  const { rows } = await pool.query('SELECT id, name FROM users WHERE id = $1', [id]);
  return rows[0];
}
`,
];

/** A file of about `lines` lines: about one function in ten is a guarded one. */
export function generateFile(language: GenLanguage, lines: number, seed: number): string {
  const rand = rng(seed + 1);
  const js = language === 'javascript';
  const [header, plain, risky] =
    language === 'go'
      ? [GO_HEADER, GO_PLAIN, GO_RISKY]
      : language === 'python'
        ? [PY_HEADER, PY_PLAIN, PY_RISKY]
        : [TS_HEADER(js), TS_PLAIN(js), TS_RISKY(js)];
  const parts = [header];
  let count = header.split('\n').length;
  let i = 0;
  while (count < lines) {
    const pool = rand() < 0.1 ? risky : plain;
    const template = pool[Math.floor(rand() * pool.length)]!;
    const chunk = template(`F${seed}x${i++}`);
    parts.push(chunk);
    count += chunk.split('\n').length;
  }
  return parts.join('\n');
}
