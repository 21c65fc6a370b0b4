// A change order signed by two signers in a browser (spec/portal.md; issue
// 23, Done-when 1): headless Chromium against the real server, `construction
// mailer` and a real SMTP server (test/support/smtp_sink.py). The office
// sends a pending change order for signature to the project's owner and
// its architect (the API's spec'd route). Each signer, on a 375 px phone,
// reads their email, opens the link, continues, gets a code from a second
// email, consents and signs. After the second, the change order is
// approved and the project's contract sum has moved by its amount; the
// sealed PDF arrives by email to each signer and to the sender, its
// pdftotext shows both names, the events and the document's hash, and its
// SHA-256 is the one stored; the owner's copy, uploaded to /verify as the
// email says, is recognised. Screenshots of each signer page at 375 and
// 1280 px go to ARTIFACTS_DIR (axe-core checks each).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { artifacts, browserTest } from './harness.mjs';
import {
  decodeQuotedPrintable, linkIn, mailTo, pdfAttachment, rawMailTo, startMailer, startSink, stopMailer,
} from './mail_sink.mjs';

const sender = { email: 'olive@harper.example', name: 'Olive Office', password: 'office password 1' };
const owner = { name: 'Owen Harper', email: 'owen@harper-home.example', role: 'owner' };
const architect = { name: 'Ada Lund', email: 'ada@lund-architects.example', role: 'architect' };

const setup = {
  name: 'browser_signing',
  user: { org: 'Harper Builders', ...sender },
  env: ({ origin }) => ({ PUBLIC_URL: origin }),
};

// The office's side through the API, with a token of the sender's.
function api(origin, token) {
  return async (method, path, body) => {
    const res = await fetch(origin + '/api/v1' + path, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
}

// A project for the owner, with its architect, and its contract from an
// accepted estimate of $48,000.00; then a pending change order, CO-001
// "Added outlets": 9 outlets at $550.00, $4,950.00.
async function pendingChangeOrder(call) {
  const client = await call('POST', '/parties', { kind: 'client', name: owner.name, email: owner.email });
  const lund = await call('POST', '/parties',
    { kind: 'architect', name: architect.name, email: architect.email });
  const project = await call('POST', '/projects',
    { number: '2026-031', name: 'Harper kitchen remodel', client_id: client.id, architect_id: lund.id });
  const estimate = await call('POST', `/projects/${project.id}/estimates`, {
    title: 'Kitchen', lines: [{ cost_code: '06-100', cost_type: 'subcontract',
      description: 'Kitchen remodel', quantity: 1, unit_cost_cents: 4800000, markup_bps: 0 }] });
  await call('POST', `/estimates/${estimate.id}/send`);
  await call('POST', `/estimates/${estimate.id}/accept`);
  const order = await call('POST', `/projects/${project.id}/change-orders`, {
    title: 'Added outlets', lines: [{ cost_code: '26-100', cost_type: 'subcontract',
      description: 'Outlet, supplied and fitted', quantity: 9, unit: 'ea', unit_cost_cents: 55000,
      markup_bps: 0 }] });
  await call('POST', `/change-orders/${order.id}/submit`);
  return { project, order };
}

const mailDir = mkdtempSync(join(tmpdir(), 'construction-signing-mail-'));
const { sink, port } = await startSink(mailDir);
try {
  await browserTest(setup, async ({ page, origin, text, serverEnv }) => {
    const mailer = startMailer(serverEnv, port, 'Harper Builders <office@harper.example>');
    const seen = new Set();
    const shot = { fullPage: true, caret: 'initial' };
    try {
      const token = execFileSync(process.env.CONSTRUCTION_BINARY,
        ['create-token', '--email', sender.email], { env: serverEnv }).toString().trim().split('\n')[0];
      const call = api(origin, token);
      const { project, order } = await pendingChangeOrder(call);
      const before = (await call('GET', `/projects/${project.id}`)).financials.contract_sum_to_date_cents;
      assert.equal(before, 4800000);

      // The request, as the office sends it.
      const request = await call('POST', `/change-orders/${order.id}/signature-requests`, {
        signers: [owner, architect].map(({ name, email, role }) => ({ name, email, role })),
        message: 'Please sign the outlets change by Friday.' });
      assert.equal(request.status, 'sent');
      assert.match(request.document_sha256, /^[0-9a-f]{64}$/);

      // Each signer on a phone: the first also at 1280 px, page by page.
      await page.setViewportSize({ width: 375, height: 800 });
      const screenshots = async (name, wide) => {
        await page.screenshot({ path: join(artifacts, `signing-${name}-375.png`), ...shot });
        if (!wide) return;
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.screenshot({ path: join(artifacts, `signing-${name}-1280.png`), ...shot });
        await page.setViewportSize({ width: 375, height: 800 });
      };
      for (const [i, signer] of [owner, architect].entries()) {
        const first = i === 0;
        const name = (step) => `${signer.role}-${step}`;
        await page.context().clearCookies();
        const invitation = await mailTo(mailDir, signer.email, seen, /\/sign\//);
        assert.match(invitation, /Change order CO-001/);
        const link = linkIn(invitation, origin, '/sign/');

        await page.goto(origin + link);
        assert.equal(await text('h1'), 'Change order CO-001, Added outlets');
        assert.match(await text('main'), /Harper Builders asks for your signature/);
        assert.match(await text('main'), /\$4,950\.00/);
        await screenshots(name('1-open'), first);
        await page.click('button:has-text("Continue")');
        await page.waitForURL(`${origin}${link}/document?done=continued`);
        assert.match(await text('#signing-status'), /Read the document below/);
        assert.match(await text('.signing-document'), /Outlet, supplied and fitted/);
        await screenshots(name('2-document'), first);

        await page.click('button:has-text("Email me a code")');
        await page.waitForURL(`${origin}${link}/document?done=code-sent`);
        assert.match(await text('#signing-status'), new RegExp(`We emailed a code to ${signer.email}`));
        const codeMail = await mailTo(mailDir, signer.email, seen, /Your signing code: \d{6}/);
        const code = codeMail.match(/Your signing code: (\d{6})/)[1];
        await page.fill('input[name=code]', code);
        await screenshots(name('3-code'), first);
        await page.click('button:has-text("Check the code")');
        await page.waitForURL(`${origin}${link}/document?done=code-accepted`);

        assert.match(await text('.signing-consent'), /Your right to paper/);
        await screenshots(name('4-consent'), first);
        await page.check('input[name=agree]');
        await page.click('button:has-text("Agree and continue")');
        await page.waitForURL(`${origin}${link}/document?done=consented`);

        assert.equal(await text('.signing-intent'),
          'I approve change order CO-001, Added outlets, for $4,950.00');
        await page.fill('input[name=typed_name]', signer.name);
        await screenshots(name('5-sign'), first);
        await page.click('button:has-text("Approve")');
        await page.waitForURL(`${origin}${link}/approve`);
        assert.equal(await text('h1'), 'Signed');
        assert.match(await text('main'), first ? /Others are still to sign it/ : /it is done/);
        await screenshots(name('6-signed'), first);
      }

      // The change order is approved, and the contract sum moved by it.
      assert.equal((await call('GET', `/change-orders/${order.id}`)).status, 'approved');
      const after = (await call('GET', `/projects/${project.id}`)).financials.contract_sum_to_date_cents;
      assert.equal(after - before, 495000);

      // The sealed PDF, to each signer and to the sender: the same bytes,
      // whose SHA-256 is the one stored.
      const stored = await call('GET', `/signature-requests/${request.id}`);
      assert.equal(stored.status, 'completed');
      assert.match(stored.sealed_sha256, /^[0-9a-f]{64}$/);
      let ownersCopy;
      for (const to of [owner.email, architect.email, sender.email]) {
        const message = await rawMailTo(mailDir, to, seen, /^Subject: Signed: /m);
        assert.ok(decodeQuotedPrintable(message).includes(`${origin}/verify`),
          `the sealed PDF's email to ${to} says where to check it`);
        const sealed = pdfAttachment(message);
        if (to === owner.email) ownersCopy = sealed;
        assert.equal(createHash('sha256').update(sealed).digest('hex'), stored.sealed_sha256, to);
        const pdfText = execFileSync('pdftotext', ['-layout', '-', '-'], { input: sealed })
          .toString().replace(/\s+/g, ' ');
        // The events as the certificate names them, one line each.
        for (const shown of [owner.name, architect.name, owner.email, architect.email,
          request.document_sha256, 'Sent for signature', 'Opened the link and continued',
          'One-time code emailed', 'One-time code accepted', 'Consented to sign electronically',
          'Signed (approved)', 'Completed'])
          assert.ok(pdfText.includes(shown), `the sealed PDF to ${to} shows ${shown}:\n${pdfText}`);
      }

      // The owner checks their copy where the email says, on the phone.
      const copy = join(mailDir, 'CO-001 signed.pdf');
      writeFileSync(copy, ownersCopy);
      await page.goto(origin + '/verify');
      await page.setInputFiles('input[type=file][name=file]', copy);
      await page.click('form[action="/verify"] button[type=submit]');
      await page.waitForURL(origin + '/verify');
      assert.match(await text('main'),
        /This is the sealed record of Change order CO-001, Added outlets for Harper kitchen remodel \(Harper Builders\), completed on /);
      assert.ok((await text('main')).includes(stored.sealed_sha256));
      await screenshots('verify-match', false);
    } finally {
      await stopMailer(mailer);
    }
  });
} finally {
  sink.kill('SIGTERM');
  rmSync(mailDir, { recursive: true, force: true });
}
