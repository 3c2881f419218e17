/**
 * The light semantic model: test-code classification, evidence vs mentions, lambda folding,
 * and package constants read from sibling files (real files on disk, real engine).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { listSourceFiles } from '../../server/src/engine/files';
import { scanFile } from '../../server/src/engine/scanFile';
import { goAtomicNames } from '../../server/src/engine/goAtomics';
import { goConstNames, goPackageConstants, goPackageFacts, goTextFuncNames } from '../../server/src/engine/symbolIndex';
import { isTestPath } from '../../server/src/engine/testCode';
import { CATEGORY_IDS } from '../../server/src/engine/categories';
import { applySettings, defaultSettings, isPathExcluded, walkFilters } from '../../server/src/settings';
import { sharedEngine } from '../helpers/engine';

const ALL = new Set(CATEGORY_IDS);

describe('test-code classification', () => {
  const tests = [
    'securedrop/loaddata.py',
    // A Django project's MIGRATION_MODULES folder under another name (DefectDojo, round 41).
    'dojo/db_migrations/0244_pghistory_indices.py',
    // Schema upgrade steps named for their versions, and data migrations written as code (round 61).
    'rotkehlchen/db/upgrades/v30_v31.py',
    // Alembic revisions outside `alembic/` (dispatch, ckan; round 70) and a broker test double (asynq).
    'src/dispatch/database/revisions/tenant/versions/2021-11-01_5f96c909a3c0.py',
    'ckan/migration/versions/001_103676e0a497_create_existing_tables.py',
    'app/db/versions/5f96c909a3c0_add_users.py',
    'internal/testbroker/testbroker.go',
    'packages/hdx-eval/src/scenarios/latency-spike/generate.ts',
    'packages/app/src/LogSidePanelElements.stories.tsx',
    'system_test/helpers.go',
    'internal/tester/servermock/link_headers.go',
    'rotkehlchen/globaldb/upgrades/v3_to_v4.py',
    'packages/db/code-migrations/4-add-sessions.ts',
    // Migrations named for their version or timestamp in a `migration/` folder (round 72).
    'migration/v23.go',
    'pkg/migration/20241118123644.go',
    'npm/migration/postgres/1692767993709-pg_namespace.ts',
    // Fuzz targets (skipper's `fuzz/fuzz_targets/`, round 72).
    'fuzz/fuzz_targets/FuzzServer.go',
    // A top-level `dev/` of developer scripts (traQ, round 72).
    'dev/bin/gen_ec_pem.go',
    // A coding agent's skills (django-ca, round 73).
    '.opencode/skills/liveserver/liveserver_settings.py',
    // saleor's sample-data generator behind `populatedb`.
    'saleor/core/utils/random_data.py',
    // A storage driver's shared conformance suite (harness, round 42).
    'registry/app/driver/testsuites/testsuites.go',
    'taiga/projects/management/commands/sample_data.py',
    'scripts/seed_users.py',
    // umbreld's test helpers (round 85).
    'packages/umbreld/source/modules/test-utilities/create-test-umbreld.ts',
    // gotosocial's test rig (round 84).
    'testrig/testmodels.go',
    'cmd/gotosocial/action/testrig/testrig.go',
    // polar's seed loader (round 83).
    'server/scripts/seeds_load.py',
    'app/populate_db.py',
    'internal/api/token_test.go',
    'pkg/testdata/jwt.go',
    'internal/testutil/server.go',
    'pkg/testfixtures/storage/readiness.go',
    'backend/_example/memory_store/accessor/image.go',
    'internal/x/dbx/dsn_testutils.go',
    'oryx/mailhog/memory.go',
    'src/pretalx/static/vendored/vue.js',
    'app/tests/test_views.py',
    'app/test_models.py',
    'app/models_test.py',
    'conftest.py',
    'pulpcore/pytest_plugin.py',
    'starlette/testclient.py',
    'db/create_ci_test_db.py',
    'src/prefect/server/database/_migrations/versions/sqlite/2023_01_12_000043_f92143d30c26_migrate_artifact_data.py',
    'docker/mockservices/main.py',
    'acceptance/support/sigv4.ts',
    'features/steps/slots.py',
    'features/environment.py',
    'features/step_definitions/webhook_steps.js',
    'features/support/world.ts',
    'profiles/community/github_mock/flaskapp.py',
    'profiles/dab/make_test_data.py',
    'src/auth.spec.ts',
    'src/__tests__/auth.ts',
    'server/test/support.ts',
    'e2e/login.ts',
    'cypress/support/commands.js',
    'playwright_tests/core/basepage.py',
    'db/seeds/users.ts',
    'server/scripts/seed.ts',
    'apps/backend/src/lib/seed-dummy-data.ts',
    'apps/backend/src/auto-migrations/auto-migration.tests.ts',
    'mocks/store.go',
    'connector/mock/connectortest.go',
    'internal/store/mock_store.go',
    'app/fixtures/users.py',
    'bench/scan.ts',
    'examples/sqlalchemy/app/db.py',
    'docs/src/app.py',
    'cmd/authelia-gen/openid_conformance.go',
    'staging/src/k8s.io/code-generator/cmd/client-gen/main.go',
    'oryx/watcherx/integrationtest/main.go',
    'packages/integration-tests/src/helpers/totp.ts',
    'fosite/internal/test_helpers.go',
    'oryx/dbal/testhelpers.go',
    'src/test-utils.ts',
    'apps/dev/express/src/middleware/auth.middleware.ts',
    'apps/playgrounds/nuxt/server/auth.ts',
    'playground/nestjs/src/main.ts',
    'packages/connectors/connector-smtp/src/mock.ts',
    'src/api/client.mock.ts',
    'packages/demo-app/src/DevPanel.tsx',
    'packages/device-demo-app/src/App.tsx',
    'ckanext/example_iauthenticator/plugin.py',
    'contrib/dendrite-demo-tor/main_tor.go',
    'packages/oauth/oauth-client-browser-example/src/App.tsx',
    'contrib/cat-videos-example/main.go',
    'packages/dev-server/example-plugins/wishlist-plugin/api/wishlist.resolver.ts',
    'infosec-scan/oauth2-test-server/oauth/model.js',
    'tools/test-idp/server.ts',
    'netbox/netbox/configuration_testing.py',
    'project/settings_test.py',
    // dev tools, demos and test helpers outside test-named files
    'tools/conv.py',
    'tools/amp-orb-services/proxy.go',
    'tools/pricing/cmd/pricing/commands.go',
    'web/tools/local/src/audit-log-benchmark.ts',
    'web/tools/local/',
    'pkg/tools/golangcilint/main.go',
    'cmd/dev/github/signature.go',
    'demo_api/main.go',
    'svc/kitchensink/principal/handler.go',
    'pkg/clock/test_clock.go',
    'persistence/sql/batch/test_persister.go',
    'svc/ctrl/integration/harness/harness.go',
    'svc/api/integration/harness.go',
    'packages/medusa-test-utils/src/config.ts',
    'packages/cli/medusa-dev-cli/src/watch.js',
    'packages/medusa-telemetry/src/util/create-flush.js',
    'packages/design-system/toolbox/src/figma/client.ts',
    'www/utils/packages/docs-generator/src/index.ts',
    'pkg/webtests/integrations.go',
    'pkg/e2etests/integrations.go',
    'api/oauth/oauthtest/oauth_server.go',
    'internal/dbtest/dbtest.go',
    'magefile.go',
    // test-runner set-up files and Python benchmark scripts (round 75, bullmq)
    'vitest.postgres.global-setup.ts',
    'tests/global-setup.ts',
    'jest.setup.js',
    'python/benchmark_backends.py',
    'python/bench_queue.py',
    // a Django test app, type tests, a node-tap suite, a fake-data command (round 77)
    'guardian/testapp/testsettings.py',
    'test-d/api.ts',
    'tap/hmac.ts',
    'babybuddy/management/commands/fake.py',
    // Yarn Plug'n'Play files (round 78)
    '.pnp.loader.mjs',
    '.pnp.cjs',
    '.yarn/releases/yarn-4.1.0.cjs',
    // a Go benchmark program, a performance harness (round 79)
    'badger/cmd/write_bench.go',
    // an ECMAScript benchmark script (round 102, node-postgres)
    'packages/pg/bench.js',
    'benchmarks.mjs',
    'perfTest/latencyTest.js',
    'internal/blobtesting/eventually_consistent.go',
    'scripts/recover-stuck-runs.ts',
    'scripts-dev/build_debian_packages.py',
    '.github/scripts/lib/github.ts',
    'internal-packages/testcontainers/src/index.ts',
    // round 108: a test-certificate program, test environments, a seeded test database
    'testsetup/generate_certs.go',
    'testenv/postgresql.go',
    'api/testdb/seed.go',
    // round 109: celery's test tree, the Sentry wizard's sample page
    't/integration/common.py',
    'webapps/console/pages/sentry-example-page.js',
    'test_project/test_project/settings.py',
    'testproject/settings.py',
    'privacyidea/static/contrib/js/ngmodules/angular-ui-router.js',
    'app/public/vendor/jquery.min.js',
    // round 46: a top-level tools/scripts/ (awx's firehose load generator), libraries under static/js/libs/
    'tools/scripts/firehose.py',
    'tools/scripts/ig-hotfix/scenarios/test2.py',
    'cps/static/js/libs/soundmanager2.js',
    // numbered test trees, compile-time type tests, create-app scaffolds
    'tests2/utils.ts',
    // suites named for what they test, an end-to-end harness by its prefix (round 53)
    'e2e-playground/sdk-tests/python/helpers.py',
    'sdk-tests/go/client.go',
    // the name run together: freeIPA's test package and its CI scripts (round 94)
    'ipatests/pytest_ipa/integration/tasks.py',
    'ipatests/azure/scripts/setup_containers.py',
    'internal/e2etests/client.go',
    'cmd/litestream-test/populate.go',
    'cmd/server-bench/main.go',
    'tests_func/helpers/mongo.go',
    'packages/app/appium_tests/login.js',
    'e2e_app/src/main.ts',
    'packages/core/__tests2__/setup.ts',
    'packages/core/src/types/type-tests.ts',
    'src/types/util.types.test-d.ts',
    'src/match.test-d.ts',
    'src/config.type-test.ts',
    'packages/create/starter/keystone.ts',
    'starters/blog/auth.ts',
    'settings/ci.py',
    'settings/local_dev.py',
    'config/settings/development.py',
    'integration/clients/jwt_bearer.go',
    // load tests (k6 scripts against a dev server)
    'packages/dev-server/load-testing/utils/api-request.js',
    'pkg/loadtest/run.go',
    // regression suites and their Selenium page objects
    'web/regression/feature_utils/pgadmin_page.py',
    'web/regression/runtests.py',
    'app/feature_tests/view_data_test.py',
    // a monorepo app's or package's own scripts, project templates a create-* CLI copies
    'apps/web/scripts/backfill-rewind.ts',
    'packages/db-postgres/scripts/renameMigrations.ts',
    'templates/website/src/app/next/preview/route.ts',
    'packages/create-vite/template-react/src/main.tsx',
    // developer scripts in a folder of a top-level bin/
    'bin/maintenance/dump_url_map.py',
    'bin/utils/db_diff.py',
    // a Python project's task-runner file at the repository root (Invoke, nox, Fabric)
    'tasks.py',
    'noxfile.py',
    'fabfile.py',
    // in-memory test doubles beside the stores they stand in for
    'src/lib/features/apitokensv2/fake-api-token-v2-store.ts',
    'src/lib/db/fake_user_store.js',
  ];
  const production = [
    'src/workbench.js',
    'lib/benchmarker/index.ts',
    // A Go `testing.go` can be a production endpoint or command (vikunja's token-guarded
    // HandleTesting route, spicedb's `testing` server command): not test code by its name.
    'pkg/routes/api/v1/testing.go',
    // words that end in "tests" are product folders (a CTF's contests app)
    'ctf/contests/views.py',
    'app/protests/models.py',
    // A product's `versions/` folder (document versions, API routes) is not Alembic's.
    'packages/server/src/services/versions/index.ts',
    'app/documents/versions/views.py',
    'web/src/features/evals/server/router.ts',
    // An upgrade step outside an `upgrades/` folder, and the upgrade runner beside the steps (round 61).
    'rotkehlchen/db/v30_v31.py',
    'apps/web/app/api/postbacks/[postbackId]/send-test/route.ts',
    'rotkehlchen/db/upgrades/manager.py',
    // The runner beside the migrations, and a product folder named `migration` (round 72).
    'migration/migrate.go',
    'packages/modules/link-modules/src/migration/index.ts',
    'apps/web/lib/api/controllers/migration/importFromPocket.ts',
    'apps/web/src/pages/playground/index.tsx',
    'apps/api/src/dev/seed-guard.ts',
    'apps/api/src/seed-phrase.ts',
    'wallet/seeds_phrase_check.go',
    'packages/backend/src/mock-server/handler.ts',
    'src/contest-server/auth.ts',
    'packages/dev/src/auth.ts',
    'app/data_loader.py',
    'app/sampler.py',
    'taiga/projects/management/commands/generate_sha1.py',
    'internal/api/token.go',
    'app/views.py',
    'app/testimonials.py',
    'myproject/project/settings.py',
    'internal/x/dbx/dsn.go',
    'internal/contest_utils.go',
    'src/auth.ts',
    'src/contest/entry.ts',
    'server/routes/latest.ts',
    'app/attestation.py',
    'internal/integration/sso.go',
    'cmd/authelia/main.go',
    'internal/keygen/rsa.go',
    'internal/token-gen/token.go',
    'internal/integration/helpers.go',
    'integration/src/connector.ts',
    'src/testimonial-utils.ts',
    'packages/demo-connector/src/index.ts',
    'packages/app/src/demo.ts',
    'src/mockup.ts',
    'src/fakeout.ts',
    'internal/verification/fake_strategy.go',
    'internal/mocking/server.go',
    'packages/backend/src/mock/mock-server.service.ts',
    'app/ab_testing.py',
    'project/settings.py',
    'django/contrib/auth/hashers.py',
    'app/static/js/contrib-login.js',
    'vendor/github.com/x/y/z.go',
    // look-alikes of the dev-tool conventions: product code
    'tools/security/crypto.go',
    'tools/store/store.go',
    'tools/',
    'tools/auth/',
    // a product package's own tools/ folder (round 39: mitmproxy's web UI, pgAdmin's SQL editor)
    'mitmproxy/tools/web/app.py',
    'web/pgadmin/tools/sqleditor/__init__.py',
    'apps/nextjs/src/app/[locale]/manage/tools/api/page.tsx',
    'web/tools/',
    'server/tools/documents.ts',
    'forms/test_email_send.go',
    'selfservice/flow/login/test_handler.go',
    'app/tasks.py',
    'nautobot/extras/tasks.py',
    'saleor/core/telemetry/metric.py',
    'packages/cli/create-medusa-app/src/utils/create-db.ts',
    'cmd/devices/main.go',
    'src/integration/harnessing.ts',
    'pkg/contests/scoring.go',
    'pkg/latest/version.go',
    'internal/attest/attest.go',
    'pkg/requests/handler.go',
    'web/tests.go',
    'packages/cli-v3/src/scripts/build.ts',
    // look-alikes of numbered test trees and type tests: product code
    'src/oauth2/client.ts',
    'src/auth2/login.ts',
    'src/testimonials2/list.ts',
    'src/content-type-test.ts',
    'src/types/types.ts',
    'src/typetests.go',
    'packages/create/src/index.ts',
    'src/starter-kit.ts',
    'settings/main.py',
    'settings/local.py',
    'config/settings/production.py',
    'app/dev.py',
    // look-alikes of app scripts and project templates: product code
    'apps/web/app/scripts/page.tsx',
    'server/emails/templates/WelcomeEmail.tsx',
    'internal/templates/src/notification.ts',
    'src/templates/invoice.ts',
    // look-alikes of bin/ dev scripts: entry points directly in bin/, a package's own bin/ folder
    'bin/modoboa-admin.py',
    'wagtail/bin/wagtail.py',
    'packages/payload/src/bin/generateImportMap/index.ts',
    // look-alike of example packages: product code that builds examples
    'packages/common/src/helpers/import/openapi/example-generators/index.ts',
    'src/examples_api.py',
    // look-alikes of demo programs: a feature or route named demo/example inside a source tree
    'apps/landing/src/components/home/hero-demo/index.tsx',
    'web/apps/dashboard/app/(app)/flags-demo/page.tsx',
    'frontend/src/pages/api/private/notes/slide-example.ts',
    'frontend/src/pages/api/private/notes/slide-example/index.ts',
    // look-alikes of suites named for what they test: a product's A/B tests feature, a test-run API
    'src/features/ab-tests.ts',
    'src/ab-tests/assign.ts',
    'app/split_tests/views.py',
    'src/e2ee/keys.ts',
    // look-alikes of a behave suite: a TS app's features folder, a Python feature module
    'src/features/steps/onboarding.ts',
    'app/features/billing.py',
    'src/features/support/tickets.ts',
    'internal/mockery/cmd.go',
    // look-alikes of set-up files and benchmarks: a product's setup wizard, a benchmark feature
    'src/setup.ts',
    'app/setup/global.ts',
    'app/benchmarks_api.py',
    'src/benchmark-report.ts',
    'src/taps/handler.ts',
    'packages/tap/src/util.ts',
    'pkg/pentesting/scan.py',
    'app/fake_detection.py',
    'pkg/benchmarks_api.go',
    'src/testapp_config/index.ts',
  ];
  for (const p of tests) it(`test code: ${p}`, () => assert.strictEqual(isTestPath(p), true));
  for (const p of production) it(`not test code: ${p}`, () => assert.strictEqual(isTestPath(p), false));

  it('is left out by default and kept with includeTests (settings, team config key)', () => {
    const base = defaultSettings();
    assert.strictEqual(isPathExcluded(base, 'app/tests/test_views.py'), true);
    const problems: string[] = [];
    const on = applySettings(base, { includeTests: true }, problems);
    assert.deepStrictEqual(problems, []);
    assert.strictEqual(isPathExcluded(on, 'app/tests/test_views.py'), false);
    applySettings(base, { includeTests: 'yes' }, problems);
    assert.deepStrictEqual(problems, ['"includeTests" must be true or false']);
  });

  it('the walker skips test folders and files, relative to the folder walked', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-tests-'));
    try {
      for (const f of ['src/auth.go', 'src/auth_test.go', 'tests/helpers.py', 'app/views.py']) {
        fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        fs.writeFileSync(path.join(dir, f), '');
      }
      const rel = (files: string[]) => files.map((f) => path.relative(dir, f).split(path.sep).join('/')).sort();
      assert.deepStrictEqual(rel(listSourceFiles([dir], { root: dir, ...walkFilters(defaultSettings()) })), ['app/views.py', 'src/auth.go']);
      // Naming a test folder explicitly scans it.
      assert.deepStrictEqual(rel(listSourceFiles([path.join(dir, 'tests')], { root: dir, ...walkFilters(defaultSettings()) })), ['tests/helpers.py']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('package constants (Go symbol index)', () => {
  it('reads const lines and blocks', () => {
    const text = 'package p\n\nconst A = "a"\nconst (\n\tB Kind = iota\n\tC, D = 1, 2 // two\n\t// comment\n)\nvar E = "e"\n';
    assert.deepStrictEqual(goConstNames(text).sort(), ['A', 'B', 'C', 'D']);
  });

  it('reads package variables holding fixed bytes, not other variables (round 63, cloudflared)', () => {
    const text = 'package q\n\nvar (\n\tdataStreamSignature = protocolSignature{0x0A, 0x36, 0xCD}\n\tclient = newClient()\n\tkey = []byte(os.Getenv("KEY"))\n)\nvar magic = [4]byte{1, 2, 3, 4}\n\nfunc f() {\n\tx = T{1, 2}\n}\n';
    assert.deepStrictEqual(goConstNames(text).sort(), ['dataStreamSignature', 'magic']);
  });

  it('a comparison with a constant declared in a sibling file is not a secret comparison', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-pkg-'));
    try {
      const handler = path.join(dir, 'handler.go');
      fs.writeFileSync(
        handler,
        'package h\n\ntype V struct{ Signature, Secret string }\n\nfunc Check(v V, presentedSecret string) bool {\n\tif v.Signature != PinnedSignature {\n\t\treturn false\n\t}\n\treturn v.Secret == presentedSecret\n}\n',
      );
      const engine = await sharedEngine();
      const lines = (file: string) => {
        const r = scanFile(engine, file, 1 << 20, ALL);
        return r.findings.filter((f) => f.category === 'timing').map((f) => f.span.start.line + 1);
      };
      // Unknown identifier: could be a variable holding a secret, so both compares are findings.
      assert.deepStrictEqual(lines(handler), [6, 9]);
      fs.writeFileSync(path.join(dir, 'consts.go'), 'package h\n\nconst (\n\tPinnedSignature = "sig-v1"\n)\n');
      assert.deepStrictEqual([...goPackageConstants(handler)], ['PinnedSignature']);
      assert.deepStrictEqual(lines(handler), [9]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('atomic declarations (Go symbol index)', () => {
  it('reads fields and variables by the kind of their atomic type', () => {
    const text = [
      'package p',
      '',
      'type M struct {',
      '\tmu   sync.Mutex',
      '\tread atomic.Pointer[readOnly]',
      '\tval  *atomic.Value',
      '\ta, b atomic.Int64',
      '\ttop  unsafe.Pointer',
      '\tatomicity int',
      '\tloads int // atomic.Int64 in a comment is not a declaration of loads',
      '}',
      '',
      'var hits atomic.Uint64',
      '',
    ].join('\n');
    assert.deepStrictEqual([...goAtomicNames(text)].sort(), [
      ['a', 'scalar'], ['b', 'scalar'], ['hits', 'scalar'], ['read', 'publish'], ['top', 'pointer'], ['val', 'publish'],
    ]);
  });

  it('a field declared atomic.Value in a sibling file makes its Store a publication', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-atomic-'));
    try {
      const handler = path.join(dir, 'handler.go');
      fs.writeFileSync(
        handler,
        // (Set derives the value it stores from the one it loads: a lone Store would be a mention anyway.)
        'package h\n\nimport "sync/atomic"\n\nvar _ atomic.Bool\n\ntype box struct{ v any }\n\nfunc (h *Hot) Set(v any) {\n\told := h.live.Load()\n\th.live.Store(&box{[2]any{old, v}})\n}\n',
      );
      const engine = await sharedEngine();
      const lockFree = () => scanFile(engine, handler, 1 << 20, ALL).regions.filter((r) => r.category === 'lock-free').map((r) => r.symbol);
      // Without the declaration, `h.live.Store(x)` could be any one-argument Store: a mention.
      assert.deepStrictEqual(lockFree(), []);
      fs.writeFileSync(path.join(dir, 'types.go'), 'package h\n\nimport "sync/atomic"\n\ntype Hot struct {\n\tlive atomic.Value\n}\n');
      assert.deepStrictEqual([...goPackageFacts(handler).atomics], [['live', 'publish']]);
      assert.deepStrictEqual(lockFree(), ['Hot.Set']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a CompareAndSwap on a field declared atomic in a sibling file is lock-free without importing sync/atomic', async () => {
    // Round 105 (nomad's event broker): `if s.state.CompareAndSwap(open, closed) { close(s.done) }`.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-atomic-'));
    try {
      const broker = path.join(dir, 'broker.go');
      fs.writeFileSync(broker, 'package s\n\nfunc (s *Sub) forceClose() {\n\tif s.state.CompareAndSwap(0, 1) {\n\t\tclose(s.done)\n\t}\n}\n');
      const engine = await sharedEngine();
      const lockFree = () => scanFile(engine, broker, 1 << 20, ALL).regions.filter((r) => r.category === 'lock-free').map((r) => r.symbol);
      // Without the declaration, `s.state.CompareAndSwap(a, b)` could be any method of that name.
      assert.deepStrictEqual(lockFree(), []);
      fs.writeFileSync(path.join(dir, 'sub.go'), 'package s\n\nimport "sync/atomic"\n\ntype Sub struct {\n\tstate atomic.Uint32\n\tdone  chan struct{}\n}\n');
      assert.deepStrictEqual(lockFree(), ['Sub.forceClose']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('regions: evidence and units', () => {
  it('a type mention alone makes no region; with an operation it joins the region', async () => {
    const engine = await sharedEngine();
    const src = [
      'package a',
      '',
      'import "github.com/golang-jwt/jwt/v5"',
      '',
      'type Claims struct {',
      '\tjwt.RegisteredClaims',
      '}',
      '',
      'func Keys(t *jwt.Token) string { return "kid" }',
      '',
      'func Parse(raw string, key []byte) (*jwt.Token, error) {',
      '\treturn jwt.Parse(raw, func(t *jwt.Token) (any, error) { return key, nil }, jwt.WithValidMethods([]string{"HS256"}))',
      '}',
      '',
    ].join('\n');
    const { analysis } = engine.analyze(src, 'go');
    const jwt = analysis.regions.filter((r) => r.category === 'jwt');
    assert.deepStrictEqual(jwt.map((r) => r.symbol), ['Parse']);
    assert.ok(jwt[0]!.triggers.length >= 2, 'the type mentions inside Parse join its region');
  });

  it('a denial guard makes an auth region only where nothing else marks the unit do-not-trust', async () => {
    const engine = await sharedEngine();
    const src = [
      'from fastapi import HTTPException, status',
      'import jwt',
      '',
      'def validate_file_token(token, secret):',
      '    try:',
      '        return jwt.decode(token, secret, algorithms=["HS256"])',
      '    except jwt.PyJWTError as e:',
      '        raise HTTPException(status.HTTP_401_UNAUTHORIZED) from e',
      '',
      'def get_admin_user(user):',
      '    if not user.admin:',
      '        raise HTTPException(status.HTTP_403_FORBIDDEN)',
      '    return user',
      '',
    ].join('\n');
    const { analysis } = engine.analyze(src, 'python');
    const of = (symbol: string) => analysis.regions.filter((r) => r.symbol === symbol).map((r) => r.category).sort();
    assert.deepStrictEqual(of('validate_file_token'), ['jwt'], 'the 401 is the failure branch of the token check');
    assert.deepStrictEqual(of('get_admin_user'), ['auth'], 'the guard is the only check of the unit');
  });

  it('a fork of sqlx published as sqlx-v2 binds sqlx and counts as sqlx', async () => {
    const engine = await sharedEngine();
    const src = [
      'package a',
      '',
      'import (',
      '\t"context"',
      '',
      '\t"github.com/rpadovani/sqlx-v2"',
      ')',
      '',
      'func Load(ctx context.Context, db *sqlx.DB, v *Row, id int) error {',
      '\treturn db.GetContext(ctx, v, "SELECT * FROM rows WHERE id = ?", id)',
      '}',
      '',
      'func Expand(q string, ids []int) (string, []any, error) {',
      '\treturn sqlx.In(q, ids)',
      '}',
      '',
      'func Other(ctx context.Context, c *Cache) any {',
      '\treturn c.GetContext(ctx)',
      '}',
      '',
    ].join('\n');
    const { analysis } = engine.analyze(src, 'go');
    const sql = analysis.regions.filter((r) => r.category === 'sql');
    assert.deepStrictEqual(sql.map((r) => r.symbol), ['Load', 'Expand']);
  });

  it('a lambda folds into its enclosing function; a top-level callback is named after its call', async () => {
    const engine = await sharedEngine();
    const src = [
      "import crypto from 'node:crypto';",
      "import express from 'express';",
      'const router = express.Router();',
      'export function sign(items: string[]) {',
      "  return items.map((i) => crypto.createHmac('sha256', process.env.K!).update(i).digest('hex'));",
      '}',
      "router.post('/login', async (req, res) => {",
      "  res.send(crypto.randomBytes(16).toString('hex'));",
      '});',
      '',
    ].join('\n');
    const { analysis } = engine.analyze(src, 'typescript');
    assert.deepStrictEqual(
      analysis.regions.filter((r) => r.category === 'crypto').map((r) => r.symbol),
      ['sign', "router.post('/login')"],
    );
  });

  it('a plain function nested in a function with a region of the same category folds into it; a decorated one and a class\'s methods keep theirs (rounds 86, 87)', async () => {
    const engine = await sharedEngine();
    const src = [
      'import threading',
      'import anyio',
      '',
      '_lock = threading.Lock()',
      '',
      'class Middleware:',
      '    lock = threading.Lock()',
      '',
      '    async def __call__(self, scope, receive, send):',
      '        async with anyio.create_task_group() as tg:',
      '            async def call_next():',
      '                send_stream, recv_stream = anyio.create_memory_object_stream()',
      '                tg.start_soon(self.app, scope, receive, send_stream.send)',
      '                return recv_stream',
      '            await call_next()',
      '',
      '    def bump(self):',
      '        with self.lock:',
      '            self.n += 1',
      '',
      'def create_app(app):',
      '    with _lock:',
      '        pass',
      "    @app.route('/x')",
      '    def view():',
      '        with _lock:',
      '            pass',
      '',
      'def outer():',
      '    # ai-guardrails-ignore concurrency: reviewed apart',
      '    def helper():',
      '        with _lock:',
      '            pass',
      '    with _lock:',
      '        helper()',
      '',
    ].join('\n');
    const regions = engine.analyze(src, 'python').analysis.regions.filter((r) => r.category === 'concurrency');
    assert.deepStrictEqual(regions.map((r) => r.symbol), ['Middleware.__call__', 'Middleware.bump', 'create_app', 'create_app.view', 'outer', 'outer.helper']);
    const call = regions[0]!;
    assert.ok(call.triggers.some((t) => t.span.start.line === 11), 'the nested call_next trigger joins the outer region');
    assert.strictEqual(regions[5]!.suppression !== undefined, true);
  });

  it('TS/JS: a function declared inside a function folds into its region; an adapter factory\'s methods keep theirs (rounds 86, 87)', async () => {
    const engine = await sharedEngine();
    const src = [
      "import crypto from 'node:crypto';",
      'export function sign(items: string[], key: string) {',
      "  const mac = crypto.createHmac('sha256', key);",
      '  function one(i: string) {',
      "    return crypto.createHmac('sha256', key).update(i).digest('hex');",
      '  }',
      "  return items.map(one).concat(mac.digest('hex'));",
      '}',
      'export function adapter(key: string) {',
      "  const salt = crypto.randomBytes(16).toString('hex');",
      '  return {',
      '    digest(value: string) {',
      "      return crypto.createHmac('sha256', key + salt).update(value).digest('hex');",
      '    },',
      '  };',
      '}',
      '',
    ].join('\n');
    const crypto = engine.analyze(src, 'typescript').analysis.regions.filter((r) => r.category === 'crypto');
    assert.deepStrictEqual(crypto.map((r) => r.symbol), ['sign', 'adapter', 'adapter.digest']);
    // A CommonJS module wrapper is no function to fold into: its functions are the module's (NodeBB).
    const wrapper = [
      "const crypto = require('crypto');",
      'module.exports = function (middleware) {',
      "  const key = crypto.randomBytes(32);",
      '  async function authenticate(token) {',
      "    return crypto.createHmac('sha256', key).update(token).digest('hex');",
      '  }',
      '  middleware.authenticate = authenticate;',
      '};',
      '',
    ].join('\n');
    const wrapped = engine.analyze(wrapper, 'javascript').analysis.regions.filter((r) => r.category === 'crypto');
    assert.deepStrictEqual(wrapped.map((r) => r.symbol), ['module.exports', 'module.exports.authenticate']);
  });

  it('a function assigned to a property inside a CommonJS module wrapper is its own unit, not a lambda of the wrapper (round 23)', async () => {
    const engine = await sharedEngine();
    const src = [
      "'use strict';",
      "const crypto = require('crypto');",
      'module.exports = function (User) {',
      '  User.hashToken = function (token) {',
      "    return crypto.createHash('sha256').update(token).digest('hex');",
      '  };',
      '',
      '  User.makeSecret = async function () {',
      '    const list = [1, 2].map(() => 0);',
      "    return crypto.randomBytes(32).toString('hex') + list.length;",
      '  };',
      '};',
      '',
    ].join('\n');
    const crypto = engine.analyze(src, 'javascript').analysis.regions.filter((r) => r.category === 'crypto');
    assert.deepStrictEqual(
      crypto.map((r) => [r.symbol, r.span.start.line, r.span.end.line]),
      [
        ['module.exports.User.hashToken', 3, 5],
        ['module.exports.User.makeSecret', 7, 10],
      ],
    );
  });

  it('a callback passed to a callee chained over several lines is named after the callee on one line', async () => {
    const engine = await sharedEngine();
    const src = [
      "import crypto from 'node:crypto';",
      "import express from 'express';",
      'const router = express.Router();',
      'router',
      "  .route('/login')",
      '  .post(async (req, res) => {',
      "    res.send(crypto.randomBytes(16).toString('hex'));",
      '  });',
      '',
    ].join('\n');
    const { analysis } = engine.analyze(src, 'typescript');
    assert.deepStrictEqual(
      analysis.regions.filter((r) => r.category === 'crypto').map((r) => r.symbol),
      ["router.route('/login').post()"],
    );
  });

  it('a one-statement pass-through to the own member of an object makes no region; a direct library call does', async () => {
    const engine = await sharedEngine();
    const go = [
      'package p',
      '',
      'import (',
      '\t"context"',
      '\t"database/sql"',
      '\t"golang.org/x/oauth2"',
      ')',
      '',
      'type provider struct{ oauth2.Config }',
      'type store struct{ db *sql.DB }',
      '',
      'func (p provider) GetOAuthToken(ctx context.Context, code string) (*oauth2.Token, error) {',
      '\treturn p.Exchange(ctx, code)',
      '}',
      '',
      'func (s *store) Begin(ctx context.Context) (*sql.Tx, error) {',
      '\treturn s.db.BeginTx(ctx, nil)',
      '}',
      '',
      'func Exchange(ctx context.Context, c *oauth2.Config, code string) (*oauth2.Token, error) {',
      '\ttok, err := c.Exchange(ctx, code, oauth2.AccessTypeOffline)',
      '\tif err != nil {',
      '\t\treturn nil, err',
      '\t}',
      '\treturn tok, nil',
      '}',
      '',
    ].join('\n');
    const { analysis } = engine.analyze(go, 'go');
    assert.deepStrictEqual(
      analysis.regions.map((r) => `${r.symbol}:${r.category}`),
      ['store.Begin:transactions', 'Exchange:jwt'],
      'p.Exchange(ctx, code) forwards; s.db.BeginTx(ctx, nil) passes a literal option; Exchange handles the exchange itself (a code exchange returned as is is a mention)',
    );
    const py = ['from django.db import transaction', '', 'class Unit:', '    def commit(self):', '        self.session.commit()', '', 'def atomic_save(obj):', '    with transaction.atomic():', '        obj.save()', '        obj.history.create(state=obj.state)', ''].join('\n');
    assert.deepStrictEqual(engine.analyze(py, 'python').analysis.regions.map((r) => r.symbol), ['atomic_save']);
  });

  it('a region over a decorated exported class is named by the class, not by a variable inside its decorator', async () => {
    const engine = await sharedEngine();
    const ts = [
      "import { Module } from '@nestjs/common';",
      "import { JwtModule } from '@nestjs/jwt';",
      '',
      '@Module({',
      '  imports: [JwtModule.register({ secret: process.env.JWT_SECRET, signOptions: { expiresIn: 3600 } })],',
      '  providers: [{ provide: Strategy, useFactory: () => { const logger = new Logger(); return new Strategy(logger); } }],',
      '})',
      'export class AuthModule {}',
      '',
    ].join('\n');
    const regions = engine.analyze(ts, 'typescript').analysis.regions.filter((r) => r.category === 'jwt');
    assert.deepStrictEqual(regions.map((r) => r.symbol), ['AuthModule']);
  });

  it('low-confidence (audit) findings are reported only when asked', async () => {
    const engine = await sharedEngine();
    const src = "import jwt from 'jsonwebtoken';\nexport function peek(token: string) {\n  return jwt.decode(token);\n}\n";
    const rules = (audit: boolean) => engine.analyze(src, 'typescript', { auditFindings: audit }).analysis.findings.map((f) => f.rule);
    assert.deepStrictEqual(rules(false), []);
    assert.deepStrictEqual(rules(true), ['ecma.jwt.decode-without-verify']);
  });
});

describe('Go digests that only label (round 16)', () => {
  const cryptoSymbols = async (src: string) => {
    const engine = await sharedEngine();
    return engine.analyze(src, 'go').analysis.regions.filter((r) => r.category === 'crypto').map((r) => r.symbol);
  };

  it('a digest in a cache or gravatar package names a file or URL, not a secret', async () => {
    const cache = ['package cache', '', 'import ("crypto/sha1"; "fmt"; "path/filepath")', '',
      'func (s *spread) KeyMapper(key string) string {', '\thash := fmt.Sprintf("%x", sha1.Sum([]byte(key)))', '\treturn filepath.Join(s.root, hash[0:2], hash)', '}', ''].join('\n');
    assert.deepStrictEqual(await cryptoSymbols(cache), []);
    const gravatar = ['package gravatar', '', 'import ("crypto/sha256"; "fmt")', '',
      'func Url(email string) string {', '\thash := sha256.Sum256([]byte(email))', '\treturn fmt.Sprintf("%s/%x", base, hash)', '}', ''].join('\n');
    assert.deepStrictEqual(await cryptoSymbols(gravatar), []);
    // The same package hashing a password is still crypto.
    const secret = ['package cache', '', 'import "crypto/sha256"', '',
      'func Store(password string) [32]byte {', '\treturn sha256.Sum256([]byte(password))', '}', ''].join('\n');
    assert.deepStrictEqual(await cryptoSymbols(secret), ['Store']);
  });

  it('an md5 in a function that makes an id is a label; a session id is not', async () => {
    const ids = ['package metadata', '', 'import "crypto/md5"', '',
      'func legacyTrackID(path string) string {', '\tsum := md5.Sum([]byte(path))', '\treturn id.Encode(sum)', '}', '',
      'func legacyAlbumID(key string) string {', '\tsum := md5.Sum([]byte(key))', '\treturn id.Encode(sum)', '}', '',
      'func apiTokenID(token string) string {', '\tsum := md5.Sum([]byte(token))', '\treturn id.Encode(sum)', '}', '',
      'func newSessionID(user string) string {', '\tsum := md5.Sum([]byte(user))', '\treturn id.Encode(sum)', '}', ''].join('\n');
    assert.deepStrictEqual(await cryptoSymbols(ids), ['apiTokenID', 'newSessionID']);
  });
});

describe('Go sessions from a project NewSession helper (round 16)', () => {
  it('a Commit on a variable bound to NewSession() in the same block is a transaction', async () => {
    const engine = await sharedEngine();
    const src = ['package v1', '', 'import "example.com/app/pkg/db"', '',
      'func UpdateSettings(name string) error {', '\ts := db.NewSession()', '\tdefer s.Close()',
      '\tif err := save(s, name); err != nil {', '\t\t_ = s.Rollback()', '\t\treturn err', '\t}',
      '\tif err := s.Commit(); err != nil {', '\t\treturn err', '\t}', '\treturn nil', '}', '',
      'func Read(store sessions) string {', '\tsess := store.NewSession()', '\treturn sess.Values["k"]', '}', ''].join('\n');
    const regions = engine.analyze(src, 'go').analysis.regions.filter((r) => r.category === 'transactions');
    assert.deepStrictEqual(regions.map((r) => r.symbol), ['UpdateSettings']);
    assert.ok(regions[0]!.triggers.some((t) => t.rule === 'go.transactions.session-begin'));
  });
});

describe('a top-level declaration holds the functions inside it (round 18)', () => {
  it('folds a same-category region of a nested function into the declaration region', async () => {
    const engine = await sharedEngine();
    const src = [
      "import { timingSafeEqual } from 'node:crypto';",
      'export const constantTimeEqual = (a: string, b: string): boolean => {',
      '  const x = Buffer.from(a);',
      '  const y = Buffer.from(b);',
      '  return x.length === y.length && timingSafeEqual(x, y);',
      '};',
      'export function compareTokens(a: string, b: string): boolean {',
      '  return timingSafeEqual(Buffer.from(a), Buffer.from(b));',
      '}',
    ].join('\n');
    const timing = engine.analyze(src, 'typescript').analysis.regions.filter((r) => r.category === 'timing');
    assert.deepStrictEqual(timing.map((r) => [r.symbol, r.span.start.line]), [['constantTimeEqual', 1], ['compareTokens', 6]]);
    assert.strictEqual(timing[0]!.triggers.length, 2, 'the name and the call are one region');
  });

  it('keeps the methods of a class apart', async () => {
    const engine = await sharedEngine();
    const src = [
      "import { timingSafeEqual } from 'node:crypto';",
      'export class Checker {',
      '  safeEqual = timingSafeEqual;',
      '  a(x: Buffer, y: Buffer) { return timingSafeEqual(x, y); }',
      '}',
    ].join('\n');
    const timing = engine.analyze(src, 'typescript').analysis.regions.filter((r) => r.category === 'timing');
    assert.ok(timing.some((r) => r.symbol.endsWith('a')), JSON.stringify(timing.map((r) => r.symbol)));
  });
});

describe('Flow-typed JavaScript (round 21)', () => {
  it('a `// @flow` file is parsed with the TSX grammar, so annotated methods stay whole units', async () => {
    const engine = await sharedEngine();
    const body = [
      'export class Store {',
      '  createSession(): Promise<any> {',
      '    const session = this.client.startSession();',
      '    session.startTransaction();',
      '    return Promise.resolve(session);',
      '  }',
      '  commit(session: any): Promise<void> {',
      '    return session.commitTransaction().then(() => session.endSession());',
      '  }',
      '}',
    ];
    const flow = engine.analyze(['// @flow', ...body].join('\n'), 'javascript').analysis;
    const tx = flow.regions.filter((r) => r.category === 'transactions');
    assert.deepStrictEqual(tx.map((r) => r.symbol), ['Store.createSession', 'Store.commit']);
    assert.strictEqual(flow.hasSyntaxErrors, false);
    // Without the pragma the JavaScript grammar reads it, annotations and all (and breaks).
    assert.strictEqual(engine.analyze(body.join('\n'), 'javascript').analysis.hasSyntaxErrors, true);
  });

  it('reads the pragma only in the leading comments, and not `@noflow`', async () => {
    const { isFlowTyped } = await import('../../server/src/engine/engine');
    assert.ok(isFlowTyped('// @flow\nimport x from "y";'));
    assert.ok(isFlowTyped('/**\n * @flow strict\n */\nexport {};'));
    assert.ok(isFlowTyped('#!/usr/bin/env node\n// @flow\n'));
    assert.ok(!isFlowTyped('// @noflow\nconst a = 1;'));
    assert.ok(!isFlowTyped('const a = 1;\n// @flow\n'));
    assert.ok(!isFlowTyped('const s = "@flow";'));
  });
});

describe('text functions (Go symbol index)', () => {
  it('splits string functions by whether every return is a string literal', () => {
    const text = [
      'package p',
      '',
      'func (db *datastore) now() string {',
      '\tif db.driverName == driverSQLite {',
      '\t\treturn "strftime(\'%Y-%m-%d %H:%M:%S\',\'now\')"',
      '\t}',
      '\treturn "NOW()" // MySQL',
      '}',
      '',
      'func (db *datastore) clip(field string, l int) string {',
      '\treturn fmt.Sprintf("LEFT(%s, %d)", field, l)',
      '}',
      '',
      'func userName(r *http.Request) string {',
      '\treturn r.FormValue("name")',
      '}',
      '',
    ].join('\n');
    assert.deepStrictEqual(goTextFuncNames(text), { literal: ['now'], other: ['clip', 'userName'] });
  });

  it('a dialect method of a sibling file returning only literals is not a runtime value in concatenated SQL', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-textfn-'));
    try {
      const handler = path.join(dir, 'handler.go');
      fs.writeFileSync(
        handler,
        'package h\n\nimport "database/sql"\n\ntype App struct{ db *datastore }\n\nfunc (app *App) Follow(t *sql.Tx, c, f int64) error {\n\t_, err := t.Exec("INSERT INTO follows (collection_id, remote_user_id, created) VALUES (?, ?, "+app.db.now()+")", c, f)\n\treturn err\n}\n\nfunc (app *App) Find(t *sql.Tx, r *http.Request) error {\n\t_, err := t.Exec("DELETE FROM follows WHERE name = \'"+app.db.name(r)+"\'")\n\treturn err\n}\n',
      );
      const engine = await sharedEngine();
      const lines = () => scanFile(engine, handler, 1 << 20, ALL, { auditFindings: true }).findings.filter((f) => f.rule === 'go.sql.concat-query').map((f) => f.span.start.line + 1);
      // Unknown methods: either could return request text.
      assert.deepStrictEqual(lines(), [8, 13]);
      fs.writeFileSync(
        path.join(dir, 'database.go'),
        'package h\n\ntype datastore struct{ driverName string }\n\nfunc (db *datastore) now() string {\n\tif db.driverName == "sqlite3" {\n\t\treturn "strftime(\'%Y-%m-%d %H:%M:%S\',\'now\')"\n\t}\n\treturn "NOW()"\n}\n\nfunc (db *datastore) name(r *http.Request) string {\n\treturn r.FormValue("name")\n}\n',
      );
      assert.ok(goPackageConstants(handler).has('now()'));
      assert.ok(!goPackageConstants(handler).has('name()'));
      assert.deepStrictEqual(lines(), [13]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
