import * as assert from 'assert';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readJournal } from '../../server/src/agents/journal';
import { REPO_ROOT } from '../helpers/engine';
import { humanEnv } from '../helpers/env';

/**
 * Agent hooks through the real CLI, with payloads in the shapes Claude Code and Cursor document
 * (test/fixtures/agents), `init --agents`, and approvals that stay human.
 */

const BIN = path.join(REPO_ROOT, 'bin', 'ai-guardrails.js');
const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'agents');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(cwd: string, args: string[], input?: string, env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    ...(input !== undefined ? { input } : {}),
    env: humanEnv({ AI_GUARDRAILS_REVIEWER: 'Rita Reviewer', AI_GUARDRAILS_HOOK_SERVER: '0', ...env }),
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function workspace(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'agr-agents-')));
  fs.cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'workspace'), dir, { recursive: true });
  fs.mkdirSync(path.join(dir, '.git'));
  return dir;
}

function payload(name: string, vars: Record<string, string>): string {
  let text = fs.readFileSync(path.join(FIXTURES, name), 'utf8');
  for (const [k, v] of Object.entries(vars)) text = text.split(`\${${k}}`).join(JSON.stringify(v).slice(1, -1));
  return text;
}

function hook(ws: string, agent: string, event: string, body: string): { run: Run; json: Record<string, unknown> | undefined } {
  const run = cli(ws, ['hook', agent, event], body);
  assert.strictEqual(run.code, 0, `hooks always exit 0: ${run.stderr}`);
  return { run, json: run.stdout.trim() ? (JSON.parse(run.stdout) as Record<string, unknown>) : undefined };
}

interface ClaudeAnswer {
  hookSpecificOutput?: { permissionDecision?: string; permissionDecisionReason?: string; additionalContext?: string };
}

describe('agent hooks, init and human approvals', function () {
  this.timeout(120000);

  it('Claude Code PreToolUse asks before an edit changes unapproved do-not-trust code, naming region and checklist', () => {
    const ws = workspace();
    const file = path.join(ws, 'go', 'auth.go');
    const before = fs.readFileSync(file, 'utf8');
    const { json } = hook(ws, 'claude-code', 'PreToolUse', payload('claude-code-pre-edit.json', { FILE: file, WORKSPACE: ws, SESSION: 's1' }));
    const out = (json as ClaudeAnswer).hookSpecificOutput;
    assert.strictEqual(out?.permissionDecision, 'ask');
    assert.match(out?.permissionDecisionReason ?? '', /go\/auth\.go changes Service\.Verify .*JWT/);
    assert.match(out?.permissionDecisionReason ?? '', /checklist:\n {2}- /);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), before, 'the hook never writes the file');

    // A relative path, reformatting only: nothing to ask.
    const reformat = JSON.stringify({ hook_event_name: 'PreToolUse', cwd: ws, tool_name: 'Edit', tool_input: { file_path: 'go/auth.go', old_string: '\treturn token, nil\n}', new_string: '\treturn token,   nil\n}' } });
    assert.strictEqual(hook(ws, 'claude-code', 'PreToolUse', reformat).json, undefined);
    // A plain function: nothing to ask.
    const plain = JSON.stringify({ hook_event_name: 'PreToolUse', cwd: ws, tool_name: 'Edit', tool_input: { file_path: file, old_string: 'return a + b', new_string: 'return b + a' } });
    assert.strictEqual(hook(ws, 'claude-code', 'PreToolUse', plain).json, undefined);

    // The team can say deny (or allow) per tier.
    fs.mkdirSync(path.join(ws, '.guardrails'), { recursive: true });
    fs.writeFileSync(path.join(ws, '.guardrails', 'config.json'), JSON.stringify({ agents: { 'do-not-trust': 'deny' } }));
    assert.doesNotMatch(cli(ws, ['scan', 'go']).stderr, /unknown setting/, 'the agents key is a known team-config key');
    const denied = hook(ws, 'claude-code', 'PreToolUse', payload('claude-code-pre-edit.json', { FILE: file, WORKSPACE: ws, SESSION: 's1' })).json as ClaudeAnswer;
    assert.strictEqual(denied.hookSpecificOutput?.permissionDecision, 'deny');
    fs.writeFileSync(path.join(ws, '.guardrails', 'config.json'), JSON.stringify({ agents: { 'do-not-trust': 'allow' } }));
    assert.strictEqual(hook(ws, 'claude-code', 'PreToolUse', payload('claude-code-pre-edit.json', { FILE: file, WORKSPACE: ws, SESSION: 's1' })).json, undefined);
  });

  it('Write and MultiEdit are simulated too; a whole new guarded file is asked about', () => {
    const ws = workspace();
    const created = path.join(ws, 'py', 'new_tokens.py');
    const write = JSON.stringify({ hook_event_name: 'PreToolUse', cwd: ws, tool_name: 'Write', tool_input: { file_path: created, content: 'import jwt\n\n\ndef peek(t):\n    return jwt.decode(t, options={"verify_signature": False})\n' } });
    assert.strictEqual((hook(ws, 'claude-code', 'PreToolUse', write).json as ClaudeAnswer).hookSpecificOutput?.permissionDecision, 'ask');
    const multi = JSON.stringify({
      hook_event_name: 'PreToolUse',
      cwd: ws,
      tool_name: 'MultiEdit',
      tool_input: { file_path: path.join(ws, 'py', 'tokens.py'), edits: [{ old_string: 'audience="api"', new_string: 'audience="web"' }, { old_string: 'return a + b', new_string: 'return a - b' }] },
    });
    const answer = (hook(ws, 'claude-code', 'PreToolUse', multi).json as ClaudeAnswer).hookSpecificOutput;
    assert.strictEqual(answer?.permissionDecision, 'ask');
    assert.match(answer?.permissionDecisionReason ?? '', /changes verify/);
  });

  it('never crashes or blocks on what agents really send: junk, unknown shapes, outside files, binary files, missing old_string', () => {
    const ws = workspace();
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-outside-'));
    fs.copyFileSync(path.join(ws, 'go', 'auth.go'), path.join(outside, 'auth.go'));
    fs.writeFileSync(path.join(ws, 'go', 'bin.go'), Buffer.from([0, 1, 2, 0xff, 0xfe, 0]));
    const cases: [string, string][] = [
      ['not JSON', '{"tool_name": '],
      ['an array', '[1,2]'],
      ['no tool_input', JSON.stringify({ hook_event_name: 'PreToolUse', tool_name: 'Edit' })],
      ['outside the workspace', payload('claude-code-pre-edit.json', { FILE: path.join(outside, 'auth.go'), WORKSPACE: ws, SESSION: 's' })],
      ['a binary file', JSON.stringify({ cwd: ws, tool_name: 'Edit', tool_input: { file_path: path.join(ws, 'go', 'bin.go'), old_string: 'x', new_string: 'y' } })],
      ['old_string not found', JSON.stringify({ cwd: ws, tool_name: 'Edit', tool_input: { file_path: path.join(ws, 'go', 'auth.go'), old_string: 'no such text', new_string: 'y' } })],
      ['a tool we do not check', JSON.stringify({ cwd: ws, tool_name: 'Read', tool_input: { file_path: path.join(ws, 'go', 'auth.go') } })],
      ['edits of the wrong type', JSON.stringify({ cwd: ws, tool_name: 'MultiEdit', tool_input: { file_path: path.join(ws, 'go', 'auth.go'), edits: 'oops' } })],
    ];
    for (const [what, body] of cases) {
      const { run, json } = hook(ws, 'claude-code', 'PreToolUse', body);
      assert.strictEqual(json, undefined, `${what}: no decision (${run.stdout})`);
    }
    assert.strictEqual(cli(ws, ['hook', 'nobody', 'PreToolUse'], '{}').code, 2, 'an unknown agent is a usage error');
  });

  it('denies shell commands that approve reviews or write .guardrails/, in both agents', () => {
    const ws = workspace();
    const denied = ['ai-guardrails review approve go/auth.go:17', 'npx ai-guardrails review approve --i-am-human go/auth.go:17', 'echo {} > .guardrails/reviews.json', "sed -i 's/a/b/' .guardrails/config.json", 'cp /tmp/x .guardrails/reviews.json'];
    const allowed = ['cat .guardrails/reviews.json', 'git diff .guardrails/reviews.json', 'ai-guardrails review request go/auth.go:17', 'go test ./...'];
    for (const command of denied) {
      const claude = hook(ws, 'claude-code', 'PreToolUse', payload('claude-code-pre-bash.json', { COMMAND: command, WORKSPACE: ws, SESSION: 's' })).json as ClaudeAnswer;
      assert.strictEqual(claude?.hookSpecificOutput?.permissionDecision, 'deny', command);
      const cursor = hook(ws, 'cursor', 'beforeShellExecution', payload('cursor-before-shell.json', { COMMAND: command, WORKSPACE: ws, SESSION: 'c' })).json as { permission: string; agentMessage: string };
      assert.strictEqual(cursor.permission, 'deny', command);
      assert.match(cursor.agentMessage, /human/);
    }
    for (const command of allowed) {
      assert.strictEqual(hook(ws, 'claude-code', 'PreToolUse', payload('claude-code-pre-bash.json', { COMMAND: command, WORKSPACE: ws, SESSION: 's' })).json, undefined, command);
      const cursor = hook(ws, 'cursor', 'beforeShellExecution', payload('cursor-before-shell.json', { COMMAND: command, WORKSPACE: ws, SESSION: 'c' })).json as { permission: string };
      assert.strictEqual(cursor.permission, 'allow', command);
    }
  });

  it('records finished edits in the journal; Cursor stop hands back what still needs a human, once', () => {
    const ws = workspace();
    const file = path.join(ws, 'go', 'auth.go');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('return nil, errors.New("invalid token")', 'return token, nil'));
    const post = hook(ws, 'claude-code', 'PostToolUse', payload('claude-code-post-edit.json', { FILE: file, WORKSPACE: ws, SESSION: 'claude-1' })).json as ClaudeAnswer;
    assert.match(post.hookSpecificOutput?.additionalContext ?? '', /Service\.Verify: jwt/);
    assert.deepStrictEqual(hook(ws, 'cursor', 'afterFileEdit', payload('cursor-after-file-edit.json', { FILE: file, WORKSPACE: ws, SESSION: 'cursor-1' })).json, {});
    const journal = readJournal(ws);
    assert.deepStrictEqual(journal.map((e) => [e.agent, e.session, e.path]), [
      ['claude-code', 'claude-1', 'go/auth.go'],
      ['cursor', 'cursor-1', 'go/auth.go'],
    ]);
    assert.strictEqual(journal[1]?.model, 'claude-sonnet-4');
    assert.ok(journal[0]!.regions.some((r) => r.category === 'jwt' && r.symbol === 'Service.Verify'));
    assert.ok(journal[0]!.ranges.length > 0);
    assert.strictEqual(fs.readFileSync(path.join(ws, '.guardrails', 'local', '.gitignore'), 'utf8').trim().split('\n').pop(), '*');

    const stop = hook(ws, 'cursor', 'stop', payload('cursor-stop.json', { WORKSPACE: ws, SESSION: 'cursor-1' })).json as { followup_message?: string };
    assert.match(stop.followup_message ?? '', /go\/auth\.go:\d+ Service\.Verify \(JWT/);
    assert.match(stop.followup_message ?? '', /Do not approve them yourself/);
    const again = payload('cursor-stop.json', { WORKSPACE: ws, SESSION: 'cursor-1' }).replace('"loop_count": 0', '"loop_count": 1');
    assert.deepStrictEqual(hook(ws, 'cursor', 'stop', again).json, {}, 'no second follow-up: it would loop the agent');
    // Another conversation changed nothing.
    assert.deepStrictEqual(hook(ws, 'cursor', 'stop', payload('cursor-stop.json', { WORKSPACE: ws, SESSION: 'other' })).json, {});
    // Once a human approves the new code, nothing is pending.
    const line = fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('func (s *Service) Verify')) + 1;
    assert.strictEqual(cli(ws, ['review', 'approve', '--i-am-human', `go/auth.go:${line}`]).code, 0);
    const after = hook(ws, 'cursor', 'stop', payload('cursor-stop.json', { WORKSPACE: ws, SESSION: 'cursor-1' })).json as { followup_message?: string };
    assert.ok(!/Service\.Verify/.test(after.followup_message ?? ''), after.followup_message);
  });

  it('journal appends from concurrent agents never interleave', async () => {
    const ws = workspace();
    const file = path.join(ws, 'go', 'auth.go');
    const body = payload('claude-code-post-edit.json', { FILE: file, WORKSPACE: ws, SESSION: 'x' }).replace('"new_string": "return token, nil"', '"new_string": "return token, nil\\n\\t}"');
    const writers = 4;
    const per = 3;
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; i < per; i++) {
          await new Promise<void>((resolve, reject) => {
            const child = spawn(process.execPath, [BIN, 'hook', 'claude-code', 'PostToolUse'], { cwd: ws, env: humanEnv({ AI_GUARDRAILS_HOOK_SERVER: '0' }), stdio: ['pipe', 'ignore', 'ignore'] });
            child.on('error', reject);
            child.on('exit', () => resolve());
            child.stdin.end(body.replace('"session_id": "x"', `"session_id": "w${w}-${i}"`));
          });
        }
      }),
    );
    const lines = fs.readFileSync(path.join(ws, '.guardrails', 'local', 'agent-edits.jsonl'), 'utf8').trim().split('\n');
    assert.strictEqual(lines.length, writers * per);
    for (const l of lines) JSON.parse(l);
    assert.strictEqual(new Set(readJournal(ws).map((e) => e.session)).size, writers * per);
  });

  it('init --agents writes and merges hooks and rules, keeps other hooks, and refuses malformed files', () => {
    const ws = workspace();
    fs.mkdirSync(path.join(ws, '.claude'));
    const theirs = { permissions: { allow: ['Bash(go test:*)'] }, hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'their-linter' }] }] } };
    fs.writeFileSync(path.join(ws, '.claude', 'settings.json'), JSON.stringify(theirs));
    fs.writeFileSync(path.join(ws, 'CLAUDE.md'), '# Project notes\n\nUse tabs.\n');
    const r = cli(ws, ['init', '--agents', 'claude-code,cursor']);
    assert.strictEqual(r.code, 0, r.stderr);
    const claude = JSON.parse(fs.readFileSync(path.join(ws, '.claude', 'settings.json'), 'utf8')) as { permissions: unknown; hooks: Record<string, { matcher: string; hooks: { command: string }[] }[]> };
    assert.deepStrictEqual(claude.permissions, theirs.permissions);
    const commands = Object.values(claude.hooks).flat().flatMap((m) => m.hooks.map((h) => `${m.matcher}: ${h.command}`));
    assert.ok(commands.includes('Bash: their-linter'), 'their hook stays');
    assert.ok(commands.includes('Edit|MultiEdit|Write: ai-guardrails hook claude-code PreToolUse'));
    assert.ok(commands.includes('Bash: ai-guardrails hook claude-code PreToolUse'));
    assert.ok(commands.includes('Edit|MultiEdit|Write: ai-guardrails hook claude-code PostToolUse'));
    const cursor = JSON.parse(fs.readFileSync(path.join(ws, '.cursor', 'hooks.json'), 'utf8')) as { version: number; hooks: Record<string, { command: string }[]> };
    assert.strictEqual(cursor.version, 1);
    assert.deepStrictEqual(Object.keys(cursor.hooks).sort(), ['afterFileEdit', 'beforeShellExecution', 'stop']);
    const md = fs.readFileSync(path.join(ws, 'CLAUDE.md'), 'utf8');
    assert.ok(md.startsWith('# Project notes\n\nUse tabs.\n'), 'their notes stay first');
    assert.match(md, /Never approve reviews/);
    assert.match(fs.readFileSync(path.join(ws, '.cursor', 'rules', 'ai-guardrails.mdc'), 'utf8'), /^---\ndescription: .*\nalwaysApply: true\n---/);
    assert.match(fs.readFileSync(path.join(ws, 'AGENTS.md'), 'utf8'), /JWT/);

    // Idempotent.
    const again = cli(ws, ['init', '--agents', 'claude-code,cursor']);
    assert.match(again.stdout, /already set up; nothing changed/);
    assert.strictEqual((fs.readFileSync(path.join(ws, 'CLAUDE.md'), 'utf8').match(/ai-guardrails:start/g) ?? []).length, 1);

    // A malformed file is reported and nothing is written.
    const ws2 = workspace();
    fs.mkdirSync(path.join(ws2, '.cursor'));
    fs.writeFileSync(path.join(ws2, '.cursor', 'hooks.json'), '{ "version": 1, ');
    const bad = cli(ws2, ['init', '--agents', 'claude-code,cursor']);
    assert.strictEqual(bad.code, 2);
    assert.match(bad.stderr, /hooks\.json: not valid JSON.*left unchanged/);
    assert.strictEqual(fs.readFileSync(path.join(ws2, '.cursor', 'hooks.json'), 'utf8'), '{ "version": 1, ');
    assert.ok(!fs.existsSync(path.join(ws2, '.claude', 'settings.json')), 'nothing else written either');
  });

  it('review approve refuses agents (by their environment markers) and non-interactive runs without --i-am-human', () => {
    const ws = workspace();
    const line = fs.readFileSync(path.join(ws, 'go', 'auth.go'), 'utf8').split('\n').findIndex((l) => l.includes('func (s *Service) Verify')) + 1;
    for (const marker of ['CLAUDECODE', 'CURSOR_AGENT']) {
      const r = cli(ws, ['review', 'approve', '--i-am-human', `go/auth.go:${line}`], undefined, { [marker]: '1' });
      assert.strictEqual(r.code, 2);
      assert.match(r.stderr, new RegExp(`started by a coding agent \\(${marker} set\\)`));
    }
    const noTty = cli(ws, ['review', 'approve', `go/auth.go:${line}`]);
    assert.strictEqual(noTty.code, 2);
    assert.match(noTty.stderr, /non-interactive/);
    assert.ok(!fs.existsSync(path.join(ws, '.guardrails', 'reviews.json')), 'nothing recorded');
    // Requests are fine from anyone.
    assert.strictEqual(cli(ws, ['review', 'request', `go/auth.go:${line}`], undefined, { CLAUDECODE: '1' }).code, 0);
    assert.strictEqual(cli(ws, ['review', 'approve', '--i-am-human', `go/auth.go:${line}`]).code, 0);
  });

  it('a hook server keeps the rules compiled between calls and answers exactly as the in-process hook', async () => {
    const ws = workspace();
    const runtime = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-runtime-'));
    const env = { AI_GUARDRAILS_HOOK_SERVER: '1', AI_GUARDRAILS_RUNTIME_DIR: runtime, AI_GUARDRAILS_HOOK_SERVER_IDLE_MS: '4000', AI_GUARDRAILS_HOOK_DEBUG: '1' };
    const body = payload('claude-code-pre-edit.json', { FILE: path.join(ws, 'go', 'auth.go'), WORKSPACE: ws, SESSION: 's' });
    const first = cli(ws, ['hook', 'claude-code', 'PreToolUse'], body, env);
    assert.ok(!/answered by the hook server/.test(first.stderr), 'no server yet: answered in-process');
    const dir = path.join(runtime, `ai-guardrails-${process.getuid!()}`);
    const socketUp = () => fs.existsSync(dir) && fs.readdirSync(dir).some((f) => f.endsWith('.sock'));
    for (let i = 0; i < 200 && !socketUp(); i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(socketUp(), 'the first call started a hook server');
    assert.strictEqual((fs.statSync(dir).mode & 0o777).toString(8), '700', 'the socket folder is private');
    const second = cli(ws, ['hook', 'claude-code', 'PreToolUse'], body, env);
    assert.match(second.stderr, /answered by the hook server/);
    assert.deepStrictEqual(JSON.parse(second.stdout), JSON.parse(first.stdout));
    // Idle, it exits and removes its socket.
    for (let i = 0; i < 300 && socketUp(); i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(!socketUp(), 'the idle server exited');
  });
});
