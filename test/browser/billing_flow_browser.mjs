// The billing flow in a browser (spec/ui.md; issue 12 "Done when" 1 and 3):
// headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core,
// against the real server on a scratch database. On a new project with an
// accepted estimate it approves an extra and a credit change order (each
// submitted from its Send form without emailing: handed over at the site
// meeting; the project header's contract sum follows), fills a pay application's cells
// from the keyboard reading every G702 figure on the page after each cell
// (against figures worked out by hand below), has a cell past 100 % refused
// beside it and a row someone else changed meanwhile refused in place, submits it (marked
// from its Send form) and certifies the application for less than requested,
// sends the invoice the certificate made from its Send form (refused
// without an address, then listed as queued) and records a partial payment
// on it. Every
// HTML answer must be valid HTML5 (html-validate), no request may leave the
// origin, the console must stay free of errors. Screenshots (1280 and 375
// px) and the PDF of the print view (two pages at most) go to ARTIFACTS_DIR.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { artifacts, browserTest } from './harness.mjs';

const email = 'manager@example.com';
const password = 'browser test password';

const setup = {
  name: 'billing_browser',
  user: { org: 'Hammer & Sons <Builders>', email, name: 'Sam Owner', password },
};

await browserTest(setup, async ({ page, origin, text, settle, logIn }) => {

  // Log in.
  await logIn(email, password);

  // A client and a new project for it.
  await page.goto(origin + '/parties');
  await page.click('#new-party summary');
  await page.fill('#new-party input[name=name]', 'Maple Street Dental');
  await page.fill('#new-party textarea[name=address]', '12 Maple Street\nSpringfield');
  await page.click('#new-party button[type=submit]');
  await page.waitForSelector('text=Client Maple Street Dental added.');
  await page.goto(origin + '/projects');
  await page.click('#new-project summary');
  await page.fill('#new-project input[name=number]', '2026-031');
  await page.fill('#new-project input[name=name]', 'Dental clinic expansion');
  await page.selectOption('#new-project select[name=client_id]', { label: 'Maple Street Dental' });
  await page.fill('#new-project textarea[name=site_address]', '14 Maple Street');
  await page.click('#new-project button[type=submit]');
  await page.waitForURL(/\/projects\/\d+$/);
  const projectUrl = page.url();

  // Its empty billing tabs say so.
  await page.click('nav.tabs a:has-text("Change orders")');
  await page.waitForURL(/\/change-orders$/);
  assert.match(await text('#tab'), /No change orders yet/);
  await page.click('nav.tabs a:has-text("Billing")');
  await page.waitForURL(/\/billing$/);
  assert.match(await text('#tab'), /No pay applications yet/);
  assert.match(await text('#tab'), /Billing starts once an estimate is accepted/);
  assert.match(await text('#tab'), /No invoices yet/);

  // An estimate of ten lump sums, no markup, no tax: 100,000.00.
  await page.goto(projectUrl);
  await page.fill('#new-estimate input[name=title]', 'Base bid');
  await page.click('#new-estimate button[type=submit]');
  await page.waitForURL(/\/estimates\/\d+$/);
  const scope = [
    ['01-100', 'General conditions', '12000'], ['02-200', 'Demolition', '4500'],
    ['03-300', 'Concrete', '18000'], ['05-500', 'Structural steel', '9000'],
    ['06-100', 'Framing', '15000'], ['07-200', 'Insulation', '3000'],
    ['08-100', 'Doors and frames', '6500'], ['09-250', 'Drywall', '11000'],
    ['09-900', 'Painting', '5000'], ['15-400', 'Plumbing', '16000'],
  ];
  for (const [code, description, amount] of scope) {
    await page.fill('#add-line input[name=cost_code]', code);
    await page.selectOption('#add-line select[name=cost_type]', 'subcontract');
    await page.fill('#add-line input[name=description]', description);
    await page.fill('#add-line input[name=quantity]', '1');
    await page.fill('#add-line input[name=unit]', 'ls');
    await page.fill('#add-line input[name=unit_cost]', amount);
    await page.fill('#add-line input[name=markup]', '0');
    await page.click('#add-line button[type=submit]');
    await page.waitForSelector(`#line-rows tr:has-text("${description}")`);
    await settle();
  }
  assert.equal(await text('#total'), '$100,000.00');
  // The client has no email: the address is typed into the Send form.
  await page.click('#send-document');
  await page.waitForSelector('#send-form');
  await page.fill('#send-form input[name=to]', 'owner@maple-dental.example');
  await page.click('#send-form button[data-action=send]');
  await page.waitForSelector('#estimate-status:has-text("Sent")');
  await page.click('button[data-action=accept]');
  await page.waitForSelector('#estimate-status:has-text("Accepted")');

  // Two change orders from the project's tab.
  async function changeOrder(title, reason, line) {
    await page.goto(projectUrl + '/change-orders');
    await page.fill('#new-change-order input[name=title]', title);
    await page.fill('#new-change-order input[name=reason]', reason);
    await page.fill('#new-change-order input[name=days_delta]', line.days);
    await page.click('#new-change-order button[type=submit]');
    await page.waitForURL(/\/change-orders\/\d+$/);
    assert.match(await text('#flash'), /started/);
    // Not submitted without lines: the button is there, the line comes first.
    await page.fill('#add-line input[name=cost_code]', line.code);
    await page.selectOption('#add-line select[name=cost_type]', line.type);
    await page.fill('#add-line input[name=description]', line.description);
    await page.fill('#add-line input[name=quantity]', line.quantity);
    await page.fill('#add-line input[name=unit]', line.unit);
    await page.fill('#add-line input[name=unit_cost]', line.unitCost);
    await page.fill('#add-line input[name=markup]', line.markup);
    await page.click('#add-line button[type=submit]');
    await page.waitForSelector(`#line-rows tr:has-text("${line.description}")`);
    await settle();
    assert.equal(await text('#total'), line.amount);
    assert.equal(await page.locator('button[data-action=approve]').count(), 0);
    // Handed to the owner at the site meeting: submitted from its Send form
    // without emailing (the address fields are left as they are).
    await page.click('#send-document');
    await page.waitForSelector('#send-form');
    await page.click('#send-form button[data-action=mark-sent]');
    await page.waitForSelector('#change-order-status:has-text("Pending")');
    assert.match(await text('#flash'), /marked as submitted: nothing was emailed/);
    assert.match(await text('#sent-messages'), /Nothing emailed yet/);
    assert.equal(await page.locator('#add-line').count(), 0);
    await page.click('button[data-action=approve]');
    await page.waitForSelector('#change-order-status:has-text("Approved")');
    assert.match(await text('#flash'), /approved: the contract sum changes by/);
    assert.equal(await page.locator('.estimate-actions button').count(), 0);
    return page.url();
  }
  // An extra: 2 windows x 1,250.00 = 2,500.00 cost, +10 % = 2,750.00.
  await changeOrder('Two lobby windows', 'Owner request', {
    days: '4', code: '08-500', type: 'material', description: 'Storefront window', quantity: '2',
    unit: 'ea', unitCost: '1,250.00', markup: '10', amount: '$2,750.00' });
  // A credit: the ceiling paint deleted, -800.00, shown negative.
  const creditUrl = await changeOrder('Delete ceiling paint', 'Ceilings stay exposed', {
    days: '-1', code: '09-900', type: 'subcontract', description: 'Ceiling paint credit',
    quantity: '1', unit: 'ls', unitCost: '-800', markup: '0', amount: '-$800.00' });
  assert.match(await text('#line-rows'), /-\$800\.00/);

  // The header: original 100,000.00; approved 2,750.00 - 800.00 = 1,950.00;
  // contract sum to date 101,950.00.
  await page.goto(projectUrl + '/change-orders');
  const financials = await text('.financials');
  assert.match(financials, /Original contract\s+\$100,000\.00/);
  assert.match(financials, /Approved change orders\s+\$1,950\.00/);
  assert.match(financials, /Contract sum to date\s+\$101,950\.00/);
  assert.match(await text('#change-order-list'), /CO-002[\s\S]*-\$800\.00/);

  // Pay application #1 from the Billing tab.
  await page.click('nav.tabs a:has-text("Billing")');
  await page.waitForURL(/\/billing$/);
  await page.fill('#new-pay-application input[name=period_to]', '2026-11-30');
  await page.click('#new-pay-application button[type=submit]');
  await page.waitForURL(/\/pay-applications\/\d+$/);
  const payUrl = page.url();
  assert.match(await text('#flash'), /Pay application #1 started/);
  // Twelve lines: the ten of the estimate, then the two change orders.
  const lineIds = await page.$$eval('#pay-lines tr', (rows) => rows.map((r) => r.id.slice(9)));
  assert.equal(lineIds.length, 12);
  const item = (n) => lineIds[n - 1];

  // Retainage is 10 % on work (5a) and 10 % on stored materials (5b):
  //   4 = sum of G (D + E + F)   5 = 5a + 5b   6 = 4 - 5   7 = 0 (the first)
  //   8 = 6 - 7                  9 = 3 - 6
  const g702 = async () => {
    const figures = {};
    for (const line of ['1', '2', '3', '4', '5a', '5b', '5', '6', '7', '8', '9'])
      figures[line] = await text(`#g702-${line}`);
    return figures;
  };
  const fixed = { '1': '$100,000.00', '2': '$1,950.00', '3': '$101,950.00', '7': '$0.00' };
  assert.deepEqual(await g702(), { ...fixed, '4': '$0.00', '5a': '$0.00', '5b': '$0.00',
    '5': '$0.00', '6': '$0.00', '8': '$0.00', '9': '$101,950.00' });

  // A cell: typed, then Tab, which saves it and moves to the next cell.
  async function cell(id, value) {
    await page.focus(`#${id}`);
    await page.fill(`#${id}`, value);
    const saved = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.keyboard.press('Tab');
    const response = await saved;
    await settle();
    return response.status();
  }
  const cells = [
    // Item 1 (12,000.00) E 6,000.00: 4 = 6,000.00; 5a = 600.00; 6 = 8 = 5,400.00;
    // 9 = 101,950.00 - 5,400.00 = 96,550.00.
    { id: `e-${item(1)}`, value: '6000', next: `f-${item(1)}`,
      g: { '4': '$6,000.00', '5a': '$600.00', '5b': '$0.00', '5': '$600.00', '6': '$5,400.00',
        '8': '$5,400.00', '9': '$96,550.00' } },
    // Item 3 (18,000.00) E 9,000.00: 4 = 15,000.00; 5a = 600 + 900 = 1,500.00;
    // 6 = 8 = 13,500.00; 9 = 88,450.00.
    { id: `e-${item(3)}`, value: '9,000.00', next: `f-${item(3)}`,
      g: { '4': '$15,000.00', '5a': '$1,500.00', '5b': '$0.00', '5': '$1,500.00',
        '6': '$13,500.00', '8': '$13,500.00', '9': '$88,450.00' } },
    // Item 3 F 2,500.00 stored: 4 = 17,500.00; 5b = 250.00; 5 = 1,750.00;
    // 6 = 8 = 15,750.00; 9 = 86,200.00.
    { id: `f-${item(3)}`, value: '2500', next: `e-${item(4)}`,
      g: { '4': '$17,500.00', '5a': '$1,500.00', '5b': '$250.00', '5': '$1,750.00',
        '6': '$15,750.00', '8': '$15,750.00', '9': '$86,200.00' } },
    // Item 11, the windows (2,750.00), E 1,375.00: 4 = 18,875.00;
    // 5a = 1,500 + 137.50 = 1,637.50; 5 = 1,887.50; 6 = 8 = 16,987.50; 9 = 84,962.50.
    { id: `e-${item(11)}`, value: '1375', next: `f-${item(11)}`,
      g: { '4': '$18,875.00', '5a': '$1,637.50', '5b': '$250.00', '5': '$1,887.50',
        '6': '$16,987.50', '8': '$16,987.50', '9': '$84,962.50' } },
    // Item 12, the credit (-800.00), taken in full: E -800.00: 4 = 18,075.00;
    // 5a = 1,637.50 - 80.00 = 1,557.50; 5 = 1,807.50; 6 = 8 = 16,267.50; 9 = 85,682.50.
    { id: `e-${item(12)}`, value: '-800', next: `f-${item(12)}`,
      g: { '4': '$18,075.00', '5a': '$1,557.50', '5b': '$250.00', '5': '$1,807.50',
        '6': '$16,267.50', '8': '$16,267.50', '9': '$85,682.50' } },
  ];
  for (const c of cells) {
    assert.equal(await cell(c.id, c.value), 200, `cell ${c.id}`);
    assert.deepEqual(await g702(), { ...fixed, ...c.g }, `G702 after ${c.id} = ${c.value}`);
    assert.equal(await page.evaluate(() => document.activeElement?.id), c.next,
      `Tab after ${c.id} goes to ${c.next}`);
  }
  assert.match(await text(`#pay-line-${item(3)}`), /\$11,500\.00[\s\S]*63\.89 %/);
  assert.match(await text('#flash'), /due this period/);

  // Item 2 (4,500.00) E 5,000.00 is past 100 %: refused beside the cell, what
  // was typed kept, the summary unchanged.
  assert.equal(await cell(`e-${item(2)}`, '5000'), 422);
  await page.waitForSelector(`#e-${item(2)}-error`);
  assert.match(await text(`#e-${item(2)}-error`), /brings work completed to \$5,000\.00/);
  assert.equal(await page.inputValue(`#e-${item(2)}`), '5000');
  assert.equal(await page.getAttribute(`#e-${item(2)}`, 'aria-invalid'), 'true');
  assert.equal(await text('#g702-8'), '$16,267.50');
  // Corrected to 4,500.00: 4 = 22,575.00; 5a = 1,557.50 + 450.00 = 2,007.50;
  // 5 = 2,257.50; 6 = 8 = 20,317.50; 9 = 101,950.00 - 20,317.50 = 81,632.50.
  assert.equal(await cell(`e-${item(2)}`, '4500'), 200);
  assert.deepEqual(await g702(), { ...fixed, '4': '$22,575.00', '5a': '$2,007.50',
    '5b': '$250.00', '5': '$2,257.50', '6': '$20,317.50', '8': '$20,317.50', '9': '$81,632.50' });
  assert.equal(await page.locator(`#e-${item(2)}-error`).count(), 0);

  // Someone else changes item 4 meanwhile (another tab). This page's row is
  // stale now: the cell typed into it is refused in place (409), the row
  // showing their 1,000.00 and saying so, the summary following theirs
  // (4 = 23,575.00; 5a = 2,107.50; 6 = 8 = 21,217.50); the row that came back
  // is current, so typing again saves. Then item 4 goes back to nothing.
  const theirs = await page.evaluate(async ([path, line]) => {
    const { 'X-CSRF-Token': token } = JSON.parse(document.body.getAttribute('hx-headers'));
    const res = await fetch(`${path}/lines/${line}`, {
      method: 'POST',
      headers: { 'X-CSRF-Token': token, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'this_period=1000&stored=0',
    });
    return res.ok;
  }, [new URL(payUrl).pathname, item(4)]);
  assert.equal(theirs, true);
  assert.equal(await cell(`e-${item(4)}`, '2000'), 409);
  assert.match(await text(`#pay-line-${item(4)} [role=alert]`), /Someone else changed this line/);
  assert.equal(await page.inputValue(`#e-${item(4)}`), '1000.00');
  assert.equal(await text('#g702-4'), '$23,575.00');
  assert.equal(await text('#g702-8'), '$21,217.50');
  assert.equal(await cell(`e-${item(4)}`, '0'), 200);
  assert.equal(await page.locator(`#pay-line-${item(4)} [role=alert]`).count(), 0);
  assert.equal(await text('#g702-8'), '$20,317.50');

  // Reload: the same figures, stored.
  await page.reload();
  assert.equal(await text('#g702-8'), '$20,317.50');
  await page.screenshot({ path: join(artifacts, 'pay-application-draft-1280.png'), fullPage: true });
  // On a phone: the cells of one line as they are typed in.
  await page.setViewportSize({ width: 375, height: 812 });
  await page.locator(`#e-${item(3)}`).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(artifacts, 'pay-application-draft-375.png') });
  await page.setViewportSize({ width: 1280, height: 900 });

  // Submit, then certify less than requested: 20,000.00 of 20,317.50. More
  // than the payment due is refused first, beside the field.
  await page.click('#send-document');
  await page.waitForSelector('#send-form');
  await page.click('#send-form button[data-action=mark-sent]');
  await page.waitForSelector('#pay-application-status:has-text("Submitted")');
  assert.equal(await page.locator('#pay-lines input').count(), 0);
  assert.equal(await page.inputValue('#certified'), '20317.50');
  await page.fill('#certified', '20,400');
  const refused = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.click('#certify button[type=submit]');
  assert.equal((await refused).status(), 422);
  await page.waitForSelector('#certified-error');
  assert.match(await text('#certified-error'), /current payment due, \$20,317\.50/);
  await page.fill('#certified', '20,000.00');
  await page.click('#certify button[type=submit]');
  await page.waitForSelector('#pay-application-status:has-text("Certified")');
  assert.match(await text('#flash'), /certified for \$20,000\.00/);
  assert.equal(await text('#g702-certified'), '$20,000.00');
  assert.equal(await text('#g702-8'), '$20,317.50');

  // The invoice the certificate made: 20,000.00, a draft; sent, then a
  // partial payment of 12,000.00 leaves 8,000.00.
  await page.click('#certificate-invoice');
  await page.waitForURL(/\/invoices\/\d+$/);
  const invoiceUrl = page.url();
  assert.equal(await text('#invoice-total'), '$20,000.00');
  assert.match(await text('#invoice-status'), /Draft/);
  assert.equal(await page.locator('#record-payment').count(), 0);
  // Sent from its form: without an address (the client has none) it is
  // refused beside To with what was typed kept; then to the owner, with the
  // lender in copy, and the page lists the message as queued.
  assert.match(await text('#sent-messages'), /Nothing emailed yet/);
  await page.click('#send-document');
  await page.waitForSelector('#send-form');
  assert.equal(await page.inputValue('#send-form input[name=to]'), '');
  await page.fill('#send-form input[name=cc]', 'loans@lender.example');
  await page.click('#send-form button[data-action=send]');
  await page.waitForSelector('#to-error');
  assert.match(await text('#to-error'), /the client has no email address/);
  assert.equal(await page.inputValue('#send-form input[name=cc]'), 'loans@lender.example');
  assert.equal(await page.getAttribute('#send-form input[name=to]', 'aria-invalid'), 'true');
  await page.fill('#send-form input[name=to]', 'owner@maple-dental.example');
  await page.click('#send-form button[data-action=send]');
  await page.waitForSelector('#invoice-status:has-text("Sent")');
  assert.match(await text('#sent-messages'),
    /owner@maple-dental\.example \(cc loans@lender\.example\)[\s\S]*Invoice INV-001 from[\s\S]*Queued/);
  assert.equal(await page.locator('#invoice-overdue').count(), 0);
  assert.match(await text('#payments'), /No payments yet/);
  await page.fill('#record-payment input[name=amount]', '12,000');
  await page.fill('#record-payment input[name=reference]', 'Check 4471');
  await page.click('#record-payment button[type=submit]');
  await page.waitForSelector('#invoice-status:has-text("Partially paid")');
  assert.match(await text('#flash'), /Payment of \$12,000\.00 recorded; balance \$8,000\.00/);
  assert.equal(await text('#invoice-paid'), '$12,000.00');
  assert.equal(await text('#invoice-balance'), '$8,000.00');
  assert.match(await text('#payments'), /Check 4471[\s\S]*\$12,000\.00/);
  assert.equal(await page.locator('button[data-action=void]').count(), 0);

  // The Billing tab lists both, the header follows.
  await page.goto(projectUrl + '/billing');
  assert.match(await text('#pay-application-list'), /#1[\s\S]*Certified[\s\S]*\$20,317\.50[\s\S]*\$20,000\.00/);
  assert.match(await text('#invoice-list'), /INV-001[\s\S]*Partially paid[\s\S]*\$20,000\.00[\s\S]*\$8,000\.00/);
  assert.match(await text('.financials'), /Billed to date\s+\$20,000\.00/);

  // The print view, two letter pages at most.
  await page.goto(payUrl + '/print');
  assert.equal(await text('#print-number'), '1');
  assert.equal(await text('#print-certified'), '$20,000.00');
  await page.emulateMedia({ media: 'print' });
  const pdfPath = join(artifacts, 'pay-application.pdf');
  await page.pdf({ path: pdfPath, format: 'Letter', printBackground: true,
    preferCSSPageSize: true });
  await page.setViewportSize({ width: 816, height: 1056 });
  await page.screenshot({ path: join(artifacts, 'pay-application-print.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ media: 'screen' });
  const pages = readFileSync(pdfPath, 'latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
  assert.ok(pages.length >= 1 && pages.length <= 2, `the print view took ${pages.length} pages`);

  // Screenshots at desktop and phone widths.
  for (const [width, height] of [[1280, 900], [375, 812]]) {
    await page.setViewportSize({ width, height });
    for (const [name, url] of [['change-order', creditUrl], ['pay-application', payUrl],
      ['invoice', invoiceUrl], ['billing-tab', projectUrl + '/billing']]) {
      await page.goto(url);
      await page.screenshot({ path: join(artifacts, `${name}-${width}.png`), fullPage: true });
    }
  }
});
