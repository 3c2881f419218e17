/**
 * Test, fixture, seed, benchmark, example and migration code by ecosystem conventions. Changes there do not need a
 * domain expert's review, so by default it yields no regions or findings
 * (`aiGuardrails.includeTests`, team config `includeTests`, CLI `--include-tests` turn it on).
 *
 * Paths are workspace-relative with forward slashes; a trailing slash marks a directory.
 */

/** Directory names whose whole subtree is test support code, in every language. */
const TEST_DIRS = new Set([
  // Go, Python, JS/TS test trees
  'test',
  'tests',
  'testdata',
  'testbroker', // a test double of the message broker (asynq's `internal/testbroker`: round 70)
  '__tests__',
  '__mocks__',
  '__fixtures__',
  'e2e',
  'e2e-tests',
  'suites', // integration test suites (authelia internal/suites)
  'integrationtest', // Go integration-test programs, monorepo integration-test packages
  'integrationtests',
  'integration-test',
  'integration-tests',
  'integration_test',
  'integration_tests',
  'certification', // protocol conformance harnesses
  'conformance',
  'cypress',
  'playwright',
  'playwright_tests', // an end-to-end suite's page objects and helpers (kitsune `playwright_tests/core`)
  'playwright-tests',
  'e2e_tests',
  'spec',
  'specs',
  // helpers that only tests import
  'testutil',
  'servermock', // a package of HTTP server mocks for tests (lego's `internal/tester/servermock/`: round 63)
  'testutils',
  'testfixtures', // a Go package of fixtures only tests import (openfga pkg/testfixtures: test databases)
  'testfixture',
  'test_utils',
  'test-utils',
  'test-utilities', // umbreld's test helpers (round 85)
  'test_utilities',
  'testhelpers',
  'testhelper',
  'testing',
  'harness', // integration-test harnesses (start services, seed them, drive them)
  'testrig', // gotosocial's test rig: fixtures, mock clients and a test server (round 84)
  // fuzz targets and the helpers only they use (skipper's `fuzz/fuzz_targets/`, unkey's `pkg/fuzz`: round 72)
  'fuzz',
  'fuzzing',
  'fuzz_targets',
  'mocks',
  // A development stand-in for outside services (`docker/mockservices/main.py`, round 66 openlibrary).
  // (Not `mock-server/`: a product's mock-server feature, hoppscotch's.)
  'mockservices',
  'mock-services',
  'mock_services',
  // acceptance suites and their support code (supabase/storage `acceptance/support/sigv4.ts`, round 66)
  'acceptance',
  'acceptance-tests',
  'acceptance_tests',
  'fixtures',
  // example, demo and documentation code (snippets and sample apps people copy, not run)
  'examples',
  'example',
  '_examples',
  '_example', // a Go convention: a leading underscore keeps the go tool out of it (remark42 backend/_example)
  '_samples',
  '_sample',
  '.yarn', // Yarn's releases, plugins and cache (`.yarn/releases/yarn-4.x.cjs`): third-party code
  'vendored', // third-party bundles copied in (`static/vendored/vue.js`): reviewed upstream, replaced whole
  'mailhog', // a vendored MailHog mail catcher: a dev SMTP sink, not the product's mail path
  'demo',
  'demos',
  'kitchensink', // a service that exercises every feature for manual and smoke testing
  'kitchen-sink',
  'docs',
  'docs_src',
  'doc',
  'www', // a documentation or marketing site and its generators
  'design-system', // UI component library and its Figma tooling
  // historical schema migrations (applied once, then frozen) and dev-only scripts
  'migrations',
  '_migrations', // a private package of them (prefect's `server/database/_migrations/versions/`: round 87)
  'db_migrations', // a Django project's MIGRATION_MODULES under another name (DefectDojo's `dojo/db_migrations/`)
  'db-migrations',
  'code-migrations', // data migrations written as code beside the SQL ones (openpanel's `packages/db/code-migrations/`: round 61)
  'code_migrations',
  'alembic',
  '.semgrep',
  'hack',
  '.github', // CI workflows and their helper scripts (a heredoc delimiter from randomBytes)
  // coding agents' skills, commands and their helper scripts (django-ca's `.opencode/skills/liveserver/`
  // settings for a local test server, vikunja's `.claude/skills/`: round 73)
  '.opencode',
  '.claude',
  '.cursor',
  '.codex',
  'testcontainers', // a package that starts throwaway databases for tests (CREATE / DROP DATABASE)
  // a test program making throwaway certificates, a package starting test environments, a seeded test
  // database (pgx `testsetup/generate_certs.go`, convoy `testenv/` and `api/testdb/`, pomerium
  // `internal/testenv/`, cfssl `certdb/testdb/`: round 108)
  'testsetup',
  'testenv',
  'testdb',
  // celery's and kombu's test tree (`t/unit/`, `t/integration/`: round 109)
  't',
  'testsuites', // shared conformance suites a driver's tests run (harness's `registry/app/driver/testsuites/`)
  'testsuite',
  'test_project', // a Django app's settings and URLs for running its test suite (DEBUG, a literal SECRET_KEY)
  'testproject',
  // a reusable Django app's test app (`guardian/testapp/testsettings.py`: a random SECRET_KEY; round 77)
  'testapp',
  'test_app',
  // type tests only the compiler reads (tsd's `test-d/`, round 77 jose)
  'test-d',
  // seed and benchmark code
  'seed',
  'seeds',
  'seeders',
  'seeding',
  'bench',
  'benchmark',
  'benchmarks',
  // performance and load harnesses by name (graphile/worker's `perfTest/`; round 79)
  'perfTest',
  'perftest',
  'perf-test',
  'perf_test',
  'perf-tests',
  'perf_tests',
  // project scaffolds a `create-*` CLI copies into a new app (`packages/create/starter/`,
  // `starters/blog/`): sample apps whose dev bootstrap (an initial admin with a printed random
  // password) is the user's to replace, like `examples/`
  'starter',
  'starters',
  // load and stress tests (k6, artillery scripts driving a dev server): test tooling, not shipped
  'load-testing',
  'load-tests',
  'load-test',
  'loadtest',
  'loadtests',
  'load_testing',
  'load_tests',
  'stress-tests',
  'stress-test',
  // regression suites and their browser-driving helpers (pgAdmin `web/regression/feature_tests`,
  // Playwright `tests/regression`): a test runner, Selenium page objects that retry clicks
  'regression',
  'regressions',
  'feature_tests',
  'feature-tests',
]);

/**
 * A numbered test tree (`tests2/`, `test3/`, `__tests2__/`): a second generation of a suite kept
 * beside the first while it migrates. Not `v2`-style product folders (`auth2/`, `oauth2/`).
 */
const NUMBERED_TEST_DIR = /^(tests?\d+|__tests\d+__|e2e\d+|specs?\d+)$/;

/** File names (without directory) of test code. */
const TEST_FILE_PATTERNS: readonly RegExp[] = [
  /_test\.go$/, // Go
  /^mock_.*\.go$/, // mockgen / mockery output
  /_mock\.go$/,
  /^mocks?\.(go|[cm]?[jt]sx?)$/, // a package's hand-written test doubles and mocked fixtures (`mock.ts`)
  /\.mocks?\.[cm]?[jt]sx?$/, // `client.mock.ts`
  /^test_.*\.pyi?$/, // pytest / unittest
  /_tests?\.pyi?$/,
  /^conftest\.py$/,
  // A script that makes the CI run's test database (FitTrackee's `db/create_ci_test_db.py`, round 89).
  /(^|_)(ci_)?test_?(db|database)s?\.py$/,
  // A pytest plugin module a package ships for its own and its plugins' test suites (`pytest_plugin.py`,
  // registered through `pytest11`; round 65, pulpcore: fixtures with throwaway TLS contexts and servers).
  /^pytest_?plugins?\.py$/,
  /^tests?\.py$/, // Django app tests module
  // A framework's shipped test client (starlette's and FastAPI's `testclient.py`, round 86): it drives
  // the app from a test, with a blocking portal and a fake transport.
  /^testclient\.py$/,
  /\.(test|tests|spec|specs|e2e-spec|e2e|bench)\.[cm]?[jt]sx?$/, // Jest, Vitest, Mocha, Playwright (`auto-migration.tests.ts`: round 56, stack-auth)
  // Compile-time type tests, never executed: tsd / Vitest `*.test-d.ts`, `type-tests.ts`,
  // `types.test-d.ts`, `foo.type-test.ts` (assertions about what the type checker accepts).
  /\.test-d\.[cm]?tsx?$/,
  /(^|\.)types?[-_.]tests?\.[cm]?tsx?$/,
  /^(seed|seeds|seeder)\.[cm]?[jt]s$/,
  // A TS/JS dev-data seeder named for it (`seed-dummy-data.ts`, `seed_users.ts`; round 56, stack-auth).
  // (Not `seed-guard.ts`, the production check that refuses to seed.)
  /^(seed|seeds|seeder)[-_](dummy|demo|sample|fake|test|dev|data|users?|db|database)([-_][\w-]+)?\.[cm]?[jt]s$/,
  /\.seed\.[cm]?[jt]s$/,
  /^(seed|seeds)\.py$/,
  // A Django management command that fills the database with fake records (`management/commands/fake.py`,
  // babybuddy's demo-data generator; round 77).
  /^(fake|fakedata|fake_data|fake_records|demo_data|dummy_data)\.py$/,
  // Python dev data loaders and sample-data generators (`loaddata.py`, `sample_data.py`,
  // `seed_users.py`, `populate_db.py`, a Django `management/commands/sample_data.py`, saleor's
  // `random_data.py` behind `populatedb`): they make fake users and records for a demo or a
  // developer's database.
  /^(seeds?_[a-z0-9_]+|[a-z0-9_]+_seeds?|load_?data|sample_?data(_[a-z0-9_]+)?|[a-z0-9_]+_sample_data|((make|create|generate|gen|build|load)_)?(fake|dummy|demo|test|random)_?data|populate_?(db|database))\.py$/,
  // Django/Flask settings modules for the test run (`configuration_testing.py`, `settings_test.py`):
  // their literal SECRET_KEY is meant for CI, not for a deployment.
  /^(settings|configuration|config)[-_](test|tests|testing|ci)\.py$/,
  // Test-helper files beside the code they test (`testhelpers.go`, `test_helpers.go`,
  // `test-utils.ts`): Go has no test-only import path for them, so the name is the convention.
  /^test[-_]?(helpers?|utils?|util)\.(go|[cm]?[jt]sx?)$/i,
  // The same with a subject in front (`dsn_testutils.go`, `db_testhelpers.go`, `db_test_helpers.go`).
  /^[a-z0-9]+([-_][a-z0-9]+)*[-_]test[-_]?(helpers?|utils?)\.go$/i,
  // Go test doubles beside the code (`test_clock.go`, `test_persister.go`). Only these nouns: a
  // `test_` prefix alone also names product features (`test_email_send.go`, a login `test_handler.go`).
  /^test_(clock|persister|asserts?|assertions|fakes?|stubs?|doubles?|mocks?|harness)\.go$/,
  // An integration-test harness file (`integration/harness.go`).
  /^harness\.(go|[cm]?[jt]sx?)$/,
  // Storybook stories (`LogSidePanelElements.stories.tsx`: mock data shown in a component
  // catalogue, round 70 hyperdx): examples of the UI, not code the product runs.
  /\.stor(y|ies)\.[cm]?[jt]sx?$/,
  // Mage build scripts (`magefile.go`, the `//go:build mage` Makefile of Go projects): release
  // checksums and build steps are developer tooling.
  /^magefile\.go$/,
  // A Go benchmark program beside the commands (`badger/cmd/write_bench.go`, round 79): Go's own
  // benchmarks live in `_test.go`, so a `_bench.go` file is a load tool.
  /_bench\.go$/,
  // Yarn Plug'n'Play's generated resolver and loader (`.pnp.cjs`, `.pnp.loader.mjs`; round 78,
  // standardnotes/server): written by `yarn install`, replaced whole on the next one.
  /^\.pnp\.(c?js|loader\.mjs)$/,
  // Test-runner set-up files (`vitest.postgres.global-setup.ts`, `jest.setup.js`, `global-setup.ts`):
  // they create and drop the databases the suites run against (round 75, bullmq).
  /^(vitest|jest|playwright|cypress|mocha|karma)(\.[\w-]+)*\.(setup|global-setup|global-teardown|teardown)\.[cm]?[jt]sx?$/,
  /^global[-_.]?(setup|teardown)\.[cm]?[jt]sx?$/i,
  // Python benchmark scripts by name (`benchmark_backends.py`, `bench_queue.py`, `queue_benchmark.py`).
  /^(bench|benchmark)(_[a-z0-9_]+)?\.py$/,
  /^[a-z0-9_]+_(bench|benchmark)\.py$/,
  // ECMAScript benchmark scripts by name (node-postgres's `packages/pg/bench.js`, round 102: a loop of
  // constant queries timed against a local database). Not `benchmark-report.ts`, a product's report.
  /^(bench|benchmarks?)\.[cm]?[jt]s$|^bench[-_][\w-]+\.[cm]?[jt]s$/,
  // ECMAScript in-memory test doubles named `fake-<thing>.ts` (`fake-api-token-store.ts`, a
  // `FakeApiTokenStore` tests inject for the database store). Not Go or Python: `fake_strategy.go`
  // can be a registered product strategy.
  /^fakes?[-_][\w.-]+\.[cm]?[jt]sx?$/,
  // The Sentry wizard's sample page and API route (`pages/sentry-example-page.js`,
  // `pages/api/sentry-example-api.js`; round 109, jitsu): they throw on purpose to test the setup.
  /^sentry[-_]example[-_][\w-]*\.[cm]?[jt]sx?$/,
];

/**
 * Sample applications by name (`demo-app`, `device-demo-app`, `example-apps`, `sample-app`): an app
 * whose purpose is to show the product, not to run it.
 */
const SAMPLE_APP_DIR = /^([a-z0-9]+[-_])*(demo|example|sample)s?[-_](apps?|apis?|servers?|services?|sites?|plugins?|extensions?)$/;

/**
 * One example per directory, Python package style (`ckanext/example_iauthenticator`,
 * `example_theme_docs`): the plugin API's worked examples, copied by plugin authors, not run by the
 * product. Underscore only: a hyphenated `example-generators/` is product code that builds example
 * payloads.
 */
const EXAMPLE_PACKAGE_DIR = /^example_[a-z0-9_]+$/;

/**
 * A program named as a demo or an example of the product (`contrib/dendrite-demo-tor`,
 * `packages/oauth/oauth-client-browser-example`, keto's `contrib/cat-videos-example`): shows how to
 * use it, is not run by it. Only outside a source tree (see SOURCE_TREE_DIRS): inside one, such a
 * name is usually a product feature or route (`src/components/home/hero-demo`,
 * `app/(app)/flags-demo`, `src/pages/api/private/notes/slide-example`).
 */
const DEMO_PROGRAM_DIR = /^[a-z0-9]+([-_][a-z0-9]+)*[-_](examples?|demos?)$|^[a-z0-9]+[-_]demo[-_][a-z0-9]+$/;

/** Folders below which a demo- or example-named folder is part of the product (a route, a component). */
const SOURCE_TREE_DIRS = new Set(['src', 'app', 'apps', 'pages', 'routes', 'components', 'lib', 'internal', 'pkg']);

/**
 * A stand-in server that tests or a scan harness run against (`oauth2-test-server`, `test-server`,
 * `test_idp`): its hard-coded clients, secrets and compares are fixtures. Only `test`: a `mock-server`
 * can be a product feature (an API tool's mock servers).
 */
const TEST_SERVER_DIR = /^([a-z0-9]+[-_])*tests?[-_](servers?|idps?|providers?)$/;

/**
 * A suite named for what it tests (`sdk-tests`, `appium_tests`, `integ_tests`, `rule-tests`) and an
 * end-to-end harness by its prefix (`e2e-playground`, `e2e_app`): authorizer's SDK test helpers
 * poll with a retry loop (round 53); in the singular only with an underscore, Go's and Python's spelling
 * (`system_test/`, rqlite's cluster test helpers: round 61), since a route folder (`send-test/`, an
 * endpoint sending a test event) is product code. Not a product's A/B-test feature (`ab-tests/`). Also
 * the name run together (`ipatests/`, freeIPA's whole test package with its integration helpers and CI
 * scripts, round 94; `e2etests/`, `unittests/`, `webtests/`), but not the words that end so (`contests/`,
 * `protests/`); and the plural first with an underscore (`tests_func/`, wal-g's functional tests and
 * their helpers, round 96; a hyphenated `test-connection/` can be a product feature).
 * (`tests`, `e2e` and the usual spellings are in TEST_DIRS.)
 */
const NAMED_TEST_DIR =
  /^(?!(ab|a[-_]b|split|multivariate)[-_]tests?$)(([a-z0-9]+[-_])+tests|([a-z0-9]+_)+test)$|^e2e[-_][a-z0-9]+([-_][a-z0-9]+)*$|^(?!(con|pro|at|de|la)tests$)[a-z][a-z0-9]{1,15}tests$|^tests_[a-z0-9]+(_[a-z0-9]+)*$/;

/** A named stand-in for one outside service (`github_mock/`, `s3-mock/`; round 67, galaxy_ng's dev profiles). */
const NAMED_MOCK_DIR = /^[a-z0-9]+([-_][a-z0-9]+)*[-_]mocks?$/;

/**
 * Packages and directories of developer tooling by name: a package's test utilities
 * (`medusa-test-utils`, `foo_test_helpers`), a dev CLI (`foo-dev-cli`, `dev-cli`) and a usage-analytics
 * client (`foo-telemetry`, hyphenated, as a package of its own, unlike a product's `telemetry/` module)
 * and an evaluation harness package (`hdx-eval`: synthetic data and benchmark runs, round 70; not a
 * product's `evals/` feature folder).
 */
const DEV_TOOL_DIR = /^(([a-z0-9]+[-_])+test[-_]?(utils?|helpers?)|([a-z0-9]+[-_])*dev[-_]cli|[a-z0-9]+(-[a-z0-9]+)*-telemetry|[a-z0-9]+(-[a-z0-9]+)*-evals?)$/;

/** Top-level folders of a repository's workspaces, whose own `tools/` holds separate tool packages. */
const WORKSPACE_FOLDER = /^(web|apps?|packages|frontend|ui|client|www|site|pkg|internal|libs?|services)$/i;

/**
 * Developer tools under a `tools/` directory, which holds either tools or (pocketbase-style) product
 * library packages, so only shapes that a library does not have count:
 * - a script directly in a top-level `tools/` (`tools/conv.py`);
 * - a command tree below `tools/` (`tools/pricing/cmd/pricing/commands.go`) or `cmd/dev/`;
 * - a program in a hyphenated directory of a top-level `tools/` (`tools/amp-orb-services/`): a Go
 *   package directory is named like its package, which cannot hold a hyphen;
 * - anything below a subdirectory of a `tools/` directly in a top-level workspace folder
 *   (`web/tools/local/src/`, `pkg/tools/golangcilint/`), a separate package of its own. Deeper, or in a
 *   package named for the product (`mitmproxy/tools/web/app.py`, pgAdmin's `web/pgadmin/tools/sqleditor/`,
 *   homarr's `app/[locale]/manage/tools/`), `tools` is a product feature's folder (round 39: mitmweb's
 *   login check was left out).
 */
function isDevToolPath(dirs: readonly string[], isDir: boolean): boolean {
  for (let i = 0; i < dirs.length; i++) {
    const d = dirs[i]?.toLowerCase();
    if (d === 'cmd' && dirs[i + 1]?.toLowerCase() === 'dev') return true;
    // A top-level `scripts/` directory: one-off ops and build scripts (recover stuck runs, retry
    // prisma generate), run by a developer, not deployed.
    // (Also named for it: `scripts-dev/`, `dev-scripts/`, round 35.)
    // (And a top-level `dev/`: the developer's environment, code generators and key scripts, traQ's
    // `dev/bin/gen_ec_pem.go`, galaxy_ng's `dev/common/`: round 72.)
    if (i === 0 && (d === 'scripts' || d === 'scripts-dev' || d === 'scripts_dev' || d === 'dev-scripts' || d === 'dev_scripts' || d === 'dev')) return true;
    // A top-level node-tap suite (`tap/hmac.ts`, round 77 jose); not a package named tap
    // (`packages/tap/`, atproto's firehose service).
    if (i === 0 && d === 'tap') return true;
    // A monorepo's development and playground apps (`apps/dev/express/`, `apps/playgrounds/`) and a
    // top-level `playground/` of sample apps: run by the library's developers to try it, not shipped.
    // Only at these places: a product can have a `playground` page or feature deeper in its tree.
    if (i === 1 && dirs[0]?.toLowerCase() === 'apps' && (d === 'dev' || d === 'playground' || d === 'playgrounds')) return true;
    if (i === 0 && (d === 'playground' || d === 'playgrounds')) return true;
    // The same `scripts/` directly in a monorepo's app or package (`apps/web/scripts/backfill.ts`,
    // `packages/db-postgres/scripts/`): its maintenance and build scripts, run by hand.
    if (i === 2 && d === 'scripts' && /^(apps|packages)$/i.test(dirs[0] ?? '')) return true;
    // Project templates a `create-*` CLI copies (`templates/website/src/`, `template-react/src/`):
    // starter apps, like `starters/`, whose code is the new project's to own.
    if (/^templates?$|^template-[a-z0-9-]+$/.test(d ?? '') && dirs[i + (d === 'templates' || d === 'template' ? 2 : 1)]?.toLowerCase() === 'src') return true;
    // A folder inside a top-level `bin/` (`bin/maintenance/make-release.py`, `bin/utils/db_diff.py`,
    // `bin/docker/pip-install`): the developer's release, build and debugging scripts. The product's
    // entry points sit directly in `bin/` (`bin/parse-server`, `bin/modoboa-admin.py`) and stay.
    if (i === 1 && dirs[0] === 'bin') return true;
    if (d !== 'tools') continue;
    if (i === 0) {
      if (!isDir && dirs.length === 1) return true;
      if ((dirs[1] ?? '').includes('-')) return true;
      // `tools/scripts/` (awx's load generators and hot-fix scenarios, round 46): scripts, not a library.
      if ((dirs[1] ?? '').toLowerCase() === 'scripts') return true;
      if (dirs.slice(2).some((x) => x.toLowerCase() === 'cmd')) return true;
    } else if (i === 1 && WORKSPACE_FOLDER.test(dirs[0] ?? '') && dirs.length > i + 1) return true;
  }
  return false;
}

/** Web asset roots, and the folders in them that hold third-party bundles copied in. */
const ASSET_ROOTS = new Set(['static', 'assets', 'public', 'wwwroot', 'staticfiles']);
// (`libs`/`lib` below an asset root: calibre-web's `cps/static/js/libs/soundmanager2.js`, round 46.)
const VENDORED_ASSET_DIRS = new Set(['contrib', 'vendor', 'vendors', 'third_party', 'thirdparty', 'third-party', '3rdparty', 'bower_components', 'libs', 'lib']);

/**
 * Third-party front-end code copied under a web asset root (`static/contrib/js/angular-ui-router.js`,
 * `public/vendor/jquery.js`): reviewed upstream and replaced whole, like `vendored/`. Only below an
 * asset root: `django/contrib/` or a Go `vendor/` elsewhere is another matter.
 */
function isVendoredAssetPath(dirs: readonly string[]): boolean {
  let underAssets = false;
  for (const d of dirs) {
    const lower = d.toLowerCase();
    if (underAssets && VENDORED_ASSET_DIRS.has(lower)) return true;
    if (ASSET_ROOTS.has(lower)) underAssets = true;
  }
  return false;
}

/** A settings package's module for CI, tests or local development (see isTestPath). */
const SETTINGS_ENV_MODULE = /^(ci|test|tests|testing|dev|development|local_dev|dev_local|local_development)\.py$/;

/**
 * A Go test package by name: `webtests`, `e2etests`, `apitests` (not `contests`, `protests`), and the
 * standard library's convention for test doubles of package `x`, package `xtest` (`httptest`,
 * `fstest`; `oauthtest` a fake OAuth server, `dbtest`, `enttest`, `migratest`, `hooktest`), not the
 * words `latest`, `attest`, `contest`, `protest` or a superlative (`fastest`).
 */
// (And `<subject>testing`: kopia's `internal/blobtesting`, `repotesting`; round 81.)
const GO_TEST_PACKAGE = /^(?!con|pro)[a-z0-9]+tests$|^(?!(la|at|con|pro|de|grea|fas|shor|smar|hot|sof|bes|wi|tes)test$)[a-z0-9]{2,}test$|^[a-z0-9]{2,}testing$/;

/**
 * True when `relPath` (posix, relative to the workspace folder; `dir/` for directories) is
 * test, fixture, seed or benchmark code.
 */
export function isTestPath(relPath: string): boolean {
  const isDir = relPath.endsWith('/');
  const parts = relPath.split('/').filter((p) => p.length > 0);
  const dirs = isDir ? parts : parts.slice(0, -1);
  let inSourceTree = false;
  for (const d of dirs) {
    const lower = d.toLowerCase();
    if (TEST_DIRS.has(lower) || NUMBERED_TEST_DIR.test(lower) || SAMPLE_APP_DIR.test(lower) || EXAMPLE_PACKAGE_DIR.test(lower) || DEV_TOOL_DIR.test(lower) || TEST_SERVER_DIR.test(lower) || NAMED_TEST_DIR.test(lower) || NAMED_MOCK_DIR.test(lower)) return true;
    if (!inSourceTree && DEMO_PROGRAM_DIR.test(lower)) return true;
    if (SOURCE_TREE_DIRS.has(lower)) inSourceTree = true;
  }
  if (isDevToolPath(dirs, isDir)) return true;
  if (isVendoredAssetPath(dirs)) return true;
  // Go code generators, by the `cmd/<tool>-gen` convention (authelia-gen, client-gen, deepcopy-gen):
  // dev tooling run at build time, whose output is reviewed where it lands.
  // Likewise a command named for testing (`cmd/litestream-test`, a harness that populates, loads and
  // validates a database: round 94; `cmd/foo-tester`, `cmd/foo-bench`): not the product's binaries.
  for (let i = 1; i < dirs.length; i++) if (dirs[i - 1] === 'cmd' && /.-(gen|tests?|tester|bench|benchmark|loadtest)$/.test(dirs[i] ?? '')) return true;
  if (isDir) return false;
  const name = parts[parts.length - 1] ?? '';
  // A Go package named `mock` (dex connector/mock, hydra internal/mock, etcd client/v3/mock) holds
  // test doubles that tests import, like `mocks/`; Go has no test-only import path for them. Only
  // Go files: elsewhere `mock/` can be a product feature (a mock server people run).
  if (name.endsWith('.go') && dirs.some((d) => d.toLowerCase() === 'mock')) return true;
  // A Go package of tests named `<subject>tests` (vikunja pkg/webtests, pkg/e2etests,
  // pkg/caldavtests): its non-`_test.go` files are the suite's helpers (they take *testing.T),
  // since a Go package name cannot carry a separator. Not `contests`/`protests`, which are nouns.
  if (name.endsWith('.go') && dirs.some((d) => GO_TEST_PACKAGE.test(d))) return true;
  // A settings package's module for the CI run or a developer's machine (`settings/ci.py`,
  // `settings/local_dev.py`, `config/settings/development.py`): its literal SECRET_KEY and DEBUG are
  // meant for that environment, like `settings_test.py`. Not `settings/local.py`, `production.py`, `base.py`.
  if (dirs[dirs.length - 1]?.toLowerCase() === 'settings' && SETTINGS_ENV_MODULE.test(name)) return true;
  // A Go repository's top-level `integration/` tree (moby, containerd, fosite): integration tests
  // and the clients and helpers only they use. Only at the root: `internal/integration/` is a
  // product package of third-party integrations.
  if (name.endsWith('.go') && dirs[0]?.toLowerCase() === 'integration') return true;
  // A Python project's task-runner file at the repository root (Invoke `tasks.py`, `noxfile.py`,
  // Fabric `fabfile.py`, doit `dodo.py`, Paver `pavement.py`): the developer's build, docker and
  // debug commands, like `magefile.go`. Only at the root: `app/tasks.py` is a Celery task module.
  if (dirs.length === 0 && /^(tasks|noxfile|fabfile|dodo|pavement)\.py$/.test(name)) return true;
  // A schema upgrade step named for the versions it moves between, in an `upgrades/` folder
  // (rotki's `db/upgrades/v30_v31.py`, `globaldb/upgrades/v3_v4.py`: round 61): a migration, applied
  // once to each database and then frozen, like `migrations/`.
  if (/^upgrades?$/i.test(dirs[dirs.length - 1] ?? '') && /^v\d+_(to_)?v\d+\.(py|go|[cm]?[jt]s)$/.test(name)) return true;
  // A schema migration named for its version or timestamp in a `migration/` folder (traQ's
  // `migration/v23.go`, vikunja's `pkg/migration/20241118123644.go`, jackson's TypeORM
  // `npm/migration/postgres/1692767993709-pg_namespace.ts`: round 72): applied once and then frozen,
  // like `migrations/`. The folder's runner and helpers (`migrate.go`, `index.ts`) stay product code.
  if (dirs.some((d) => d.toLowerCase() === 'migration') && /^(v\d+|\d{8,14})([-_][\w-]*)?\.(go|py|[cm]?[jt]s)$/.test(name)) return true;
  // Alembic revisions outside an `alembic/` or `migrations/` folder (dispatch's
  // `database/revisions/tenant/versions/2021-11-01_5f96c909a3c0.py`, ckan's `migration/versions/`:
  // round 70): a `versions/` folder below `revisions/` or `migration/`, or a revision file named
  // for its id there. Migrations, applied once and then frozen. (A `versions/` folder alone is
  // often a product feature: document versions, API routes.)
  if (name.endsWith('.py') && dirs[dirs.length - 1] === 'versions' && (dirs.slice(0, -1).some((d) => /^(revisions|migration)$/i.test(d)) || /^(\d{4}[-_]\d{2}[-_]\d{2}[-_])?[0-9a-f]{12}(_\w+)?\.py$/.test(name))) return true;
  // A behave (Python BDD) suite: `features/steps/*.py` and `features/environment.py` (round 66,
  // patroni's acceptance tests driving etcd, ZooKeeper and PostgreSQL). Only Python: a `features/`
  // folder of a TS/Go app holds product features.
  if (name.endsWith('.py') && dirs.includes('features') && (dirs[dirs.length - 1] === 'steps' || (dirs[dirs.length - 1] === 'features' && name === 'environment.py'))) return true;
  // Cucumber's step definitions and support code in any language (`features/step_definitions/*.js`,
  // `features/support/world.ts` at the root; round 67, Ghost ActivityPub's acceptance suite signing test webhooks).
  if (dirs.includes('step_definitions') || (dirs[0] === 'features' && dirs[1] === 'support')) return true;
  return TEST_FILE_PATTERNS.some((re) => re.test(name));
}
