// What every browser test (test/browser/*_browser.mjs) stands on: a scratch
// database in the cluster of DATABASE_URL, migrated and given its user (or
// the demo data of `construction seed-demo`), the real server on a free
// port, and headless Chromium (Debian's /usr/bin/chromium) driven by
// playwright-core. While the test's flow runs, every HTML answer (pages and
// htmx fragments) is validated as HTML5 (html-validate), every page the
// flow reaches and every screenshot it takes (1280 and 375 px) is checked
// by axe-core against WCAG 2.1 A and AA, and a violation, a request to
// another origin, a console error or a page error is a problem; the test
// fails at the end if there was any. Everything is torn down, the
// database dropped, whatever happened.
//
// Environment: CONSTRUCTION_BINARY, DATABASE_URL (a cluster it may create a
// database in), ARTIFACTS_DIR.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { HtmlValidate } from 'html-validate';

const binary = process.env.CONSTRUCTION_BINARY;
const clusterUrl = process.env.DATABASE_URL;
export const artifacts = process.env.ARTIFACTS_DIR;
assert.ok(binary && clusterUrl && artifacts, 'CONSTRUCTION_BINARY, DATABASE_URL and ARTIFACTS_DIR');
mkdirSync(artifacts, { recursive: true });

function databaseUrl(name) {
  const url = new URL(clusterUrl);
  url.pathname = '/' + name;
  return url.toString();
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Runs `flow({ page, origin, text, settle, logIn, logOut, addUser, problems,
// serverEnv })` against a new server. `setup` names the database (`name`)
// and either the user to create (`user: { org, email, name, password }`, an
// owner) or `seedDemo: true`; `setup.env({ origin })`, when given, adds to
// the server's environment (serverEnv, which another process of the test
// may use too); `addUser({ email, name, password, role })` adds another
// user to that organisation.
export async function browserTest(setup, flow) {
  const dbName = `${setup.name}_${process.pid}_${Date.now()}`;
  const psql = (sql) =>
    execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', clusterUrl, '-c', sql]);
  psql(`CREATE DATABASE ${dbName}`);
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  // The server sheds a request that waited 500 ms for a worker (503,
  // --max-queue-wait); Chromium beside the other tests on a busy test
  // machine can stall a worker that long without any overload. The bound
  // has its own tests (test/worker/queue_wait_proctest.cpp); here it is 5 s.
  const env = { ...process.env, DATABASE_URL: databaseUrl(dbName), APP_ENV: 'development',
    GUNICORN_MAX_QUEUE_WAIT: '5000', ...(setup.env ? setup.env({ origin }) : {}) };
  execFileSync(binary, ['migrate', 'up'], { env, stdio: 'pipe' });
  if (setup.seedDemo) execFileSync(binary, ['seed-demo'], { env, stdio: 'pipe' });
  const addUser = ({ org = setup.user?.org, email, name, password, role }) =>
    execFileSync(binary, ['create-user', '--org', org, '--email', email, '--role', role,
      '--name', name, '--password-stdin'],
      { env, input: password + '\n', stdio: ['pipe', 'pipe', 'pipe'] });
  if (setup.user) addUser({ ...setup.user, role: 'owner' });

  const serverLog = [];
  const server = spawn(binary, ['serve', '-b', `127.0.0.1:${port}`, '-w', '2'], { env });
  server.stdout.on('data', () => {});
  server.stderr.on('data', (d) => serverLog.push(d.toString()));
  for (let i = 0; ; ++i) {
    try {
      if ((await fetch(origin + '/health')).ok) break;
    } catch {}
    assert.ok(i < 200, 'the server did not start: ' + serverLog.join(''));
    await new Promise((r) => setTimeout(r, 100));
  }

  const userDataDir = mkdtempSync(join(tmpdir(), 'construction-chromium-'));
  let context;
  const problems = [];
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run'],
      viewport: { width: 1280, height: 900 },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const validations = watch(page, origin, problems);
    auditEveryPage(page, problems);
    const text = async (selector) => (await page.locator(selector).innerText()).trim();
    const settle = settleOf(page);
    // A fresh browser is sent to the log-in page, and lands on the dashboard.
    const logIn = async (email, password) => {
      await page.goto(origin + '/');
      assert.equal(new URL(page.url()).pathname, '/login');
      await page.fill('input[name=email]', email);
      await page.fill('input[name=password]', password);
      await page.click('button[type=submit]');
      await page.waitForURL(origin + '/');
    };
    const logOut = async () => {
      await page.click('form.logout button[type=submit]');
      await page.waitForURL(origin + '/login');
    };
    await flow({ page, origin, text, settle, logIn, logOut, addUser, problems, serverEnv: env });
    await Promise.all(validations);
  } catch (e) {
    // What the server said is what tells a failure on a CI machine apart.
    console.error('the server\'s log, last 60 lines:\n' +
      serverLog.join('').split('\n').slice(-60).join('\n'));
    throw e;
  } finally {
    if (context) await context.close();
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(userDataDir, { recursive: true, force: true });
    try { psql(`DROP DATABASE IF EXISTS ${dbName}`); } catch {}
  }
  assert.deepEqual(problems, [], problems.join('\n'));
  console.log('1 passed, 0 failed');
}

// A page is settled when none of htmx's requests (XHR) is in flight and
// htmx is neither requesting, swapping nor settling, twice in a row 25 ms
// apart (htmx settles 20 ms after a swap). Playwright's 'networkidle' load
// state is reached once per page load, so after an htmx request it returns
// at once. Call it after something shows the request was sent (a URL, a
// selector). Only XHRs are counted: Chromium makes requests of its own
// (a 'fetch' of the page itself) that Playwright never reports finished.
function settleOf(page) {
  const inFlight = new Set();
  page.on('request', (r) => r.resourceType() === 'xhr' && inFlight.add(r));
  page.on('requestfinished', (r) => inFlight.delete(r));
  page.on('requestfailed', (r) => inFlight.delete(r));
  const htmxBusy = () => page.evaluate(() =>
    document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling') !== null)
    .catch(() => true);  // a page navigating away is not settled
  return async () => {
    const until = Date.now() + 15000;
    for (let quiet = 0; quiet < 2;) {
      assert.ok(Date.now() < until, 'the page did not settle within 15 s: ' +
        [...inFlight].map((r) => r.url()).join(', '));
      await new Promise((r) => setTimeout(r, 25));
      quiet = inFlight.size === 0 && !(await htmxBusy()) ? quiet + 1 : 0;
    }
  };
}

// Chromium's own pages: its PDF viewer (an extension, with chrome:// resources)
// in the frame of a page that embeds a PDF (the signer's document page). Not
// a request of the page's to another origin, nor HTML of the server's.
function browserOwn(url) {
  return url.protocol === 'chrome:' || url.protocol === 'chrome-extension:';
}

// The page's answers and messages, as problems; gives the list of pending
// HTML validations, to be awaited once the flow is over.
function watch(page, origin, problems) {
  const validator = new HtmlValidate({ extends: ['html-validate:standard'] });
  const validations = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && !browserOwn(url) && url.origin !== origin)
      problems.push(`request to another origin: ${request.url()}`);
  });
  page.on('console', (message) => {
    // Chromium logs every 4xx answer to a request; 422 is how the server
    // answers a form with mistakes (spec/ui.md), 409 a form someone else's
    // change made stale, which the tests send on purpose.
    if (message.type() === 'error' && !/status of (422|409)/.test(message.text()))
      problems.push(`console error: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    const type = response.headers()['content-type'] ?? '';
    if (!type.startsWith('text/html') || browserOwn(new URL(response.url()))) return;
    validations.push((async () => {
      const body = await response.text().catch(() => null);
      if (!body) return;  // redirects and empty htmx answers
      const report = await validator.validateString(body);
      if (!report.valid) {
        const messages = report.results.flatMap((r) => r.messages)
          .map((m) => `${m.ruleId}: ${m.message} (line ${m.line})`);
        problems.push(`invalid HTML from ${response.request().method()} ${response.url()}:\n  ` +
          messages.join('\n  '));
      }
    })());
  });
  return validations;
}

// axe-core's WCAG 2.1 A and AA rules, run in the page once each navigation
// has settled and before each screenshot (the flows take those at 1280 and
// 375 px, after htmx has changed the page). The pages' CSP allows only
// their own scripts, which is why axe comes in through the DevTools
// protocol (page.evaluate) rather than a <script>. A violation is a problem
// named by its rule, impact, element and page, once per viewport width.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const wcag21aa = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

function auditEveryPage(page, problems) {
  const seen = new Set();
  const audit = async () => {
    await page.waitForLoadState('networkidle');
    // A CSV or a PDF is not a page.
    if ((await page.evaluate(() => document.contentType)) !== 'text/html') return;
    if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
    const result = await page.evaluate((tags) =>
      window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
      wcag21aa);
    const width = page.viewportSize().width;
    for (const violation of result.violations) {
      for (const node of violation.nodes) {
        const problem = `axe ${violation.id} (${violation.impact}) at ${width} px: ` +
          `${node.target.join(' ')} on ${page.url()}: ${violation.help}`;
        const key = `${violation.id} ${node.target.join(' ')} ${width} ${new URL(page.url()).pathname}`;
        if (!seen.has(key)) { seen.add(key); problems.push(problem); }
      }
    }
  };
  // Each way a flow moves to a page, followed by the audit.
  for (const name of ['goto', 'reload', 'goBack', 'goForward', 'waitForURL']) {
    const original = page[name].bind(page);
    page[name] = async (...args) => {
      const answer = await original(...args);
      await audit();
      return answer;
    };
  }
  const screenshot = page.screenshot.bind(page);
  page.screenshot = async (...args) => {
    await audit();
    return screenshot(...args);
  };
}
