// "Send for signature" from the office, in a browser (spec portal.md,
// "Signature requests"): headless Chromium against the real server on the
// demo's data (`construction seed-demo`). As the demo owner, on the office
// fit-out (client Northwind Legal, architect Lindqvist Architecture), it
// starts a change order, submits it, and opens "Send for signature…": the
// form holds the client as owner and the project's architect. A bad address
// comes back beside its row with what was typed kept (422); corrected, the
// request is sent and listed on the change order's page with each signer
// pending and a Void button; voided with a reason, it shows voided and why.
// Sent again and signed by both through their links (the signer's pages, in
// a tab of their own), it shows completed, with the sealed PDF's SHA-256 and
// a download whose bytes hash to it.
// Every page is valid HTML5 and axe-clean at 1280 and 375 px (the harness);
// screenshots of the form, the refused form and the list (sent, voided,
// completed) at both widths go
// to ARTIFACTS_DIR.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { artifacts, browserTest } from './harness.mjs';

const setup = { name: 'signature_requests_browser', seedDemo: true };

await browserTest(setup, async ({ page, origin, text, settle, logIn, serverEnv }) => {
  await logIn('demo@example.com', 'demo');
  const shoot = async (name) => {
    for (const [width, height] of [[1280, 900], [375, 812]]) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: join(artifacts, `${name}-${width}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  };

  // A change order on the office fit-out: 6 outlets at $750.00 + 10 % = $4,950.00.
  await page.goto(origin + '/projects?q=2026-021');
  await page.click('a:has-text("Northwind Legal office fit-out")');
  const projectUrl = page.url().match(/^.*\/projects\/\d+/)[0];
  await page.goto(projectUrl + '/change-orders');
  await page.fill('#new-change-order input[name=title]', 'Added outlets');
  await page.fill('#new-change-order input[name=reason]', 'Owner request at the walk-through');
  await page.click('#new-change-order button[type=submit]');
  await page.waitForURL(/\/change-orders\/\d+$/);
  const orderUrl = page.url();
  await page.fill('#add-line input[name=cost_code]', '26-050');
  await page.selectOption('#add-line select[name=cost_type]', 'material');
  await page.fill('#add-line input[name=description]', 'Duplex outlets');
  await page.fill('#add-line input[name=quantity]', '6');
  await page.fill('#add-line input[name=unit]', 'ea');
  await page.fill('#add-line input[name=unit_cost]', '750');
  await page.fill('#add-line input[name=markup]', '10');
  await page.click('#add-line button[type=submit]');
  await page.waitForSelector('#line-rows tr:has-text("Duplex outlets")');
  await settle();
  assert.equal(await text('#total'), '$4,950.00');

  // A draft is nobody's to sign yet; submitted, it waits for the owner.
  assert.equal(await page.locator('#send-for-signature').count(), 0);
  assert.match(await text('#signature-requests'), /Not sent for signature yet/);
  await page.click('#send-document');
  await page.waitForSelector('#send-form');
  await page.click('#send-form button[data-action=mark-sent]');
  await page.waitForSelector('#change-order-status:has-text("Pending")');

  // The form: the client as owner, the project's architect, one blank row.
  await page.click('#send-for-signature');
  await page.waitForURL(/\/signature-requests\/new$/);
  const value = (selector) => page.inputValue(`#signature-form ${selector}`);
  assert.equal(await value('input[name=signer_0_name]'), 'Northwind Legal LLP');
  assert.equal(await value('input[name=signer_0_email]'), 'facilities@northwind-legal.example');
  assert.equal(await value('select[name=signer_0_role]'), 'owner');
  assert.equal(await value('input[name=signer_1_name]'), 'Lindqvist Architecture');
  assert.equal(await value('select[name=signer_1_role]'), 'architect');
  assert.equal(await value('input[name=signer_2_name]'), '');
  const in14 = new Date(Date.now() + 14 * 86400000).toISOString().slice(0, 10);
  assert.equal(await value('input[name=expires_on]'), in14);
  await shoot('signature-form');

  // Names as people sign, and an address mistyped: refused beside its row.
  await page.fill('#signature-form input[name=signer_0_name]', 'Priya Natarajan');
  await page.fill('#signature-form input[name=signer_1_name]', 'Erik Lindqvist');
  await page.fill('#signature-form input[name=signer_1_email]', 'erik@lindqvist');
  await page.fill('#signature-form textarea[name=message]', 'As agreed at Tuesday’s walk-through.');
  // The browser's own check of type=email would stop the form first; the
  // server's answer is what is tested here.
  await page.$eval('#signature-form', (form) => form.setAttribute('novalidate', ''));
  await page.click('#signature-form button[data-action=send-for-signature]');
  await page.waitForSelector('#signer-1-email-error');
  assert.equal(await page.getAttribute('#signature-form input[name=signer_1_email]', 'aria-invalid'), 'true');
  assert.equal(await value('input[name=signer_1_email]'), 'erik@lindqvist');
  assert.equal(await value('input[name=signer_0_name]'), 'Priya Natarajan');
  assert.equal(await value('textarea[name=message]'), 'As agreed at Tuesday’s walk-through.');
  assert.equal(await page.locator('#signer-0-email-error').count(), 0);
  await shoot('signature-form-refused');

  await page.fill('#signature-form input[name=signer_1_email]', 'erik@lindqvist.example');
  await page.click('#signature-form button[data-action=send-for-signature]');
  await page.waitForURL(orderUrl);
  assert.match(await text('#flash'),
    /Change order CO-\d+, Added outlets sent for signature to Priya Natarajan, Erik Lindqvist\./);
  const request = page.locator('#signature-requests article.signature-request').first();
  assert.equal(await request.getAttribute('data-status'), 'sent');
  const signers = await request.locator('ul.signers').innerText();
  assert.match(signers, /Priya Natarajan \(Owner, facilities@northwind-legal\.example\): Pending/);
  assert.match(signers, /Erik Lindqvist \(Architect, erik@lindqvist\.example\): Pending/);
  assert.match(await request.locator('.hash code').innerText(), /^[0-9a-f]{64}$/);
  await shoot('signature-requests-sent');

  // Voided, with a reason: said on the page, and no Void button any more.
  await request.locator('input[name=reason]').fill('The architect asked for a revised layout');
  page.once('dialog', (dialog) => dialog.accept());
  await request.locator('button[type=submit]').click();
  await page.waitForSelector('#signature-requests article[data-status=voided]');
  await settle();
  assert.match(await text('#flash'), /voided/);
  const voided = page.locator('#signature-requests article.signature-request').first();
  assert.match(await voided.innerText(), /Reason: The architect asked for a revised layout/);
  assert.equal(await voided.locator('form.void-request').count(), 0);
  await shoot('signature-requests-voided');

  // Sent again as the form opens, and signed by both through their links
  // (read from the outbox: no mailer runs here) in a tab of their own.
  await page.click('#send-for-signature');
  await page.waitForURL(/\/signature-requests\/new$/);
  await page.click('#signature-form button[data-action=send-for-signature]');
  await page.waitForURL(orderUrl);
  const newest = (email, where) => execFileSync('psql', ['-X', '-q', '-At', serverEnv.DATABASE_URL,
    '-c', `SELECT text_body || ' ' || subject FROM messages WHERE to_addresses[1] = '${email}' ` +
      `AND ${where} ORDER BY id DESC LIMIT 1`]).toString();
  const signer = await page.context().newPage();
  for (const [email, name] of [['facilities@northwind-legal.example', 'Priya Natarajan'],
    ['studio@lindqvist.example', 'Erik Lindqvist']]) {
    const link = newest(email, "text_body LIKE '%/sign/%'").match(/\/sign\/[A-Za-z0-9_-]+/)[0];
    await signer.goto(origin + link);
    await signer.click('button:has-text("Continue")');
    await signer.waitForURL(/done=continued/);
    await signer.click('button:has-text("Email me a code")');
    await signer.waitForURL(/done=code-sent/);
    const code = newest(email, "subject LIKE 'Your signing code:%'").match(/Your signing code: (\d{6})/)[1];
    await signer.fill('input[name=code]', code);
    await signer.click('button:has-text("Check the code")');
    await signer.waitForURL(/done=code-accepted/);
    await signer.check('input[name=agree]');
    await signer.click('button:has-text("Agree and continue")');
    await signer.waitForURL(/done=consented/);
    await signer.fill('input[name=typed_name]', name);
    await signer.click('button:has-text("Approve")');
    await signer.waitForURL(/\/approve$/);
  }
  await signer.close();

  // The office sees it completed: the change order approved, both signed,
  // the sealed PDF's SHA-256 and its download, which hashes to it.
  await page.goto(orderUrl);
  await page.waitForSelector('#change-order-status:has-text("Approved")');
  const completed = page.locator('#signature-requests article[data-status=completed]');
  assert.equal(await completed.count(), 1);
  assert.match(await completed.locator('ul.signers').innerText(),
    /Northwind Legal LLP[^\n]*Approved[^\n]*signed “Priya Natarajan”\n[\s\S]*Lindqvist Architecture[^\n]*Approved[^\n]*signed “Erik Lindqvist”/);
  const sealed = await completed.locator('code.sealed-sha256').innerText();
  assert.match(sealed, /^[0-9a-f]{64}$/);
  const href = await completed.locator('a:has-text("Download the sealed PDF")').getAttribute('href');
  const download = await page.request.get(origin + href);
  assert.equal(download.status(), 200);
  assert.equal(download.headers()['content-type'], 'application/pdf');
  const { createHash } = await import('node:crypto');
  assert.equal(createHash('sha256').update(await download.body()).digest('hex'), sealed);
  await shoot('signature-requests-completed');
});
