// The browser test (spec/ui.md, issue 10 "Done when" 1 and 3): headless
// Chromium (Debian's /usr/bin/chromium) driven by playwright-core, against
// the real server on a scratch database. It logs in, adds a client and a
// project, builds an estimate line by line reading the total and margin on
// the page after each line (against figures worked out by hand below),
// edits and deletes a line, sends and accepts the estimate and prints it to
// PDF. Every HTML answer (pages and htmx fragments) must be valid HTML5
// (html-validate), no request may leave the server's origin and the console
// must stay free of errors. Screenshots and the PDF go to ARTIFACTS_DIR.
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { artifacts, browserTest } from './harness.mjs';

const email = 'estimator@example.com';
const password = 'browser test password';

const setup = {
  name: 'browser',
  user: { org: 'Hammer & Sons <Builders>', email, name: 'Pat Estimator', password },
};

await browserTest(setup, async ({ page, origin, text, settle, logIn, problems }) => {

  // Log in.
  await logIn(email, password);
  assert.match(await text('#flash'), /Welcome, Pat Estimator/);
  assert.match(await text('header'), /Hammer & Sons <Builders>/);

  // A client.
  await page.click('a[href="/parties"]');
  await page.waitForURL(origin + '/parties');
  await page.click('#new-party summary');
  await page.fill('#new-party input[name=name]', 'Maple Street Dental');
  await page.fill('#new-party input[name=email]', 'office@maple-dental.example');
  await page.fill('#new-party textarea[name=address]', '12 Maple Street\nSpringfield');
  await page.click('#new-party button[type=submit]');
  await page.waitForSelector('text=Client Maple Street Dental added.');
  assert.match(await text('#party-rows'), /Maple Street Dental/);
  // Edited in place: the phone number added to the row.
  await page.locator('#party-rows tr', { hasText: 'Maple Street Dental' })
    .getByRole('button', { name: 'Edit' }).click();
  await page.waitForSelector('#party-rows tr.editing');
  await page.fill('#party-rows tr.editing input[name=phone]', '555-0142');
  await page.click('#party-rows tr.editing button[type=submit]');
  await page.waitForSelector('#party-rows tr.editing', { state: 'detached' });
  assert.match(await text('#party-rows'), /555-0142/);
  assert.match(await text('#flash'), /Client Maple Street Dental saved/);

  // A project: first with a blank name (422, the number kept), then right.
  await page.click('nav a[href="/projects"]');
  await page.waitForURL(origin + '/projects');
  await page.click('#new-project summary');
  await page.fill('#new-project input[name=number]', '2026-014');
  await page.fill('#new-project input[name=name]', '   ');
  await page.click('#new-project button[type=submit]');
  await page.waitForSelector('#new-project small.error');
  assert.match(await text('#new-project small.error'), /Name is required/);
  assert.equal(await page.inputValue('#new-project input[name=number]'), '2026-014');
  await page.fill('#new-project input[name=name]', 'Dental office fit-out');
  // The client picker: typing part of the name narrows the select to the
  // clients that match (a route of its own, for an organisation of 1 000
  // clients); one match alone is chosen.
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/parties/choices?kind=client')),
    page.fill('#client-search', 'maple st'),
  ]);
  // htmx swaps the select in after the response: wait for the swap, not
  // for the network (the page's load state was reached long before).
  await page.locator('#client-id option:checked', { hasText: 'Maple Street Dental' })
    .waitFor({ state: 'attached' });
  assert.equal(await text('#client-id option:checked'), 'Maple Street Dental');
  await page.selectOption('#new-project select[name=client_id]', { label: 'Maple Street Dental' });
  await page.fill('#new-project textarea[name=site_address]', '12 Maple Street');
  await page.click('#new-project button[type=submit]');
  await page.waitForURL(/\/projects\/\d+$/);
  assert.match(await text('#flash'), /Project 2026-014 created/);
  await page.screenshot({ path: join(artifacts, 'project-1280.png'), fullPage: true });

  // Live search on the projects page finds it.
  await page.click('nav a[href="/projects"]');
  await page.waitForURL(origin + '/projects');
  await page.fill('#q', 'dental');
  await page.waitForURL(/q=dental/);
  await settle();
  assert.match(await text('#project-rows'), /Dental office fit-out/);
  await page.fill('#q', 'no such project');
  await page.waitForURL(/q=no/);
  await settle();
  assert.match(await text('#project-rows'), /No project matches/);
  // Back shows the previous search again; reload keeps it.
  await page.goBack();
  await page.waitForURL(/q=dental/);
  await settle();
  assert.match(await text('#project-rows'), /Dental office fit-out/);
  await page.reload();
  assert.match(await text('#project-rows'), /Dental office fit-out/);
  assert.equal(await page.inputValue('#q'), 'dental');

  // An estimate.
  await page.click('text=Dental office fit-out');
  await page.waitForURL(/\/projects\/\d+$/);
  await page.fill('#new-estimate input[name=title]', 'Base bid');
  await page.click('#new-estimate button[type=submit]');
  await page.waitForURL(/\/estimates\/\d+$/);
  const estimateUrl = page.url();
  assert.match(await text('#flash'), /Estimate EST-001 created/);

  // Lines, with the totals worked out by hand (tax 0 %: total = subtotal).
  // cost = quantity x unit cost; price = cost x (1 + markup);
  // margin = (subtotal - cost) / subtotal, to two decimals of a per cent.
  const lines = [
    // 120 x 6.50 = 780.00; x 1.15 = 897.00.
    // cost 780.00, subtotal 897.00, margin 117.00 / 897.00 = 13.04 %
    { code: '03-300', type: 'material', description: 'Concrete slab, 4 in', quantity: '120', unit: 'sf',
      unitCost: '6.50', markup: '15', total: '$897.00', margin: '13.04 %' },
    // 32 x 55.00 = 1,760.00; x 1.20 = 2,112.00.
    // cost 2,540.00, subtotal 3,009.00, margin 469.00 / 3,009.00 = 15.59 %
    { code: '06-100', type: 'labor', description: 'Framing crew', quantity: '32', unit: 'hr',
      unitCost: '55', markup: '20', total: '$3,009.00', margin: '15.59 %' },
    // 850.5 x 1.80 = 1,530.90; x 1.125 = 1,722.2625 -> 1,722.26.
    // cost 4,070.90, subtotal 4,731.26, margin 660.36 / 4,731.26 = 13.96 %
    { code: '09-250', type: 'material', description: 'Drywall, hang and finish', quantity: '850.5',
      unit: 'sf', unitCost: '1.80', markup: '12.5', total: '$4,731.26', margin: '13.96 %' },
    // 1 x 4,200.00 = 4,200.00; x 1.10 = 4,620.00.
    // cost 8,270.90, subtotal 9,351.26, margin 1,080.36 / 9,351.26 = 11.55 %
    { code: '15-400', type: 'subcontract', description: 'Plumbing rough-in', quantity: '1', unit: 'ls',
      unitCost: '$4,200.00', markup: '10', total: '$9,351.26', margin: '11.55 %' },
    // 2 x 450.00 = 900.00, no markup.
    // cost 9,170.90, subtotal 10,251.26, margin 1,080.36 / 10,251.26 = 10.54 %
    { code: '01-500', type: 'equipment', description: 'Dumpster rental', quantity: '2', unit: 'ea',
      unitCost: '450', markup: '', total: '$10,251.26', margin: '10.54 %' },
    // 1 x 350.00 = 350.00, no markup.
    // cost 9,520.90, subtotal 10,601.26, margin 1,080.36 / 10,601.26 = 10.19 %
    { code: '01-100', type: 'other', description: 'Permit fees', quantity: '1', unit: 'ls',
      unitCost: '350', markup: '0', total: '$10,601.26', margin: '10.19 %' },
  ];
  for (const line of lines) {
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
    assert.equal(await text('#total'), line.total, `total after ${line.description}`);
    assert.equal(await text('#margin'), line.margin, `margin after ${line.description}`);
    assert.equal(await page.inputValue('#add-line input[name=description]'), '');
  }
  if (problems.length === 0) {
    // A bad line: every error beside its field, what was typed kept, 422.
    await page.fill('#add-line input[name=cost_code]', '09-900');
    await page.fill('#add-line input[name=description]', 'Paint');
    await page.fill('#add-line input[name=quantity]', 'lots');
    await page.fill('#add-line input[name=unit_cost]', 'ten');
    const refused = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.click('#add-line button[type=submit]');
    assert.equal((await refused).status(), 422);
    await page.waitForSelector('#add-line small.error');
    assert.match(await text('#add-line'), /Quantity must/);
    assert.match(await text('#add-line'), /Unit cost must be an amount/);
    assert.equal(await page.inputValue('#add-line input[name=description]'), 'Paint');
    assert.equal(await text('#total'), '$10,601.26');
    await page.fill('#add-line input[name=cost_code]', '');
    await page.fill('#add-line input[name=description]', '');
    await page.fill('#add-line input[name=quantity]', '');
    await page.fill('#add-line input[name=unit_cost]', '');
  }

  // Edit a line in place: framing 32 -> 40 hr: 2,200.00 cost, 2,640.00 price.
  // cost 9,960.90, subtotal 11,129.26, margin 1,168.36 / 11,129.26 = 10.50 %
  const framing = page.locator('#line-rows tr', { hasText: 'Framing crew' });
  await framing.getByRole('button', { name: 'Edit' }).click();
  await page.waitForSelector('#line-rows tr.editing');
  await page.fill('#line-rows tr.editing input[name=quantity]', '40');
  await page.click('#line-rows tr.editing button[type=submit]');
  await page.waitForSelector('#line-rows tr.editing', { state: 'detached' });
  await settle();
  assert.match(await text('#line-rows tr:has-text("Framing crew")'), /\$2,640\.00/);
  assert.equal(await text('#total'), '$11,129.26');
  assert.equal(await text('#margin'), '10.50 %');

  // Delete a line: without the permit fees (350.00 cost and price):
  // cost 9,610.90, subtotal 10,779.26, margin 1,168.36 / 10,779.26 = 10.84 %
  page.once('dialog', (dialog) => dialog.accept());
  await page.locator('#line-rows tr', { hasText: 'Permit fees' })
    .getByRole('button', { name: 'Delete' }).click();
  await page.waitForSelector('#line-rows tr:has-text("Permit fees")', { state: 'detached' });
  await settle();
  assert.equal(await text('#total'), '$10,779.26');
  assert.equal(await text('#margin'), '10.84 %');
  assert.match(await text('#flash'), /Line deleted: Permit fees/);

  // Reload shows the same figures (they are stored, not only on the page).
  await page.reload();
  assert.equal(await text('#total'), '$10,779.26');
  await page.screenshot({ path: join(artifacts, 'estimate-1280.png'), fullPage: true });

  // Send, then accept: the buttons follow the state. "Send…" opens the form
  // prefilled for the client; sending lists the message, queued.
  assert.equal(await page.locator('button[data-action=accept]').count(), 0);
  assert.match(await text('#sent-messages'), /Nothing emailed yet/);
  await page.click('#send-document');
  await page.waitForURL(/\/estimates\/\d+\/send$/);
  assert.equal(await page.inputValue('#send-form input[name=to]'), 'office@maple-dental.example');
  assert.match(await page.inputValue('#send-form input[name=subject]'),
    /^Estimate EST-001 rev 1 from Hammer & Sons <Builders> – Dental office fit-out$/);
  assert.match(await page.inputValue('#send-form textarea[name=message]'),
    /Please find attached estimate EST-001 rev 1 for Dental office fit-out\.[\s\S]*Pat Estimator/);
  assert.match(await text('main'), /Sending it also marks it as sent/);
  for (const [width, height] of [[1280, 900], [375, 812]]) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: join(artifacts, `send-form-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.fill('#send-form input[name=cc]', 'lender@bank.example');
  await page.click('#send-form button[data-action=send]');
  await page.waitForURL(/\/estimates\/\d+$/);
  await page.waitForSelector('#estimate-status:has-text("Sent")');
  assert.match(await text('#flash'), /Estimate EST-001 rev 1 sent to office@maple-dental\.example/);
  assert.match(await text('#sent-messages'),
    /office@maple-dental\.example \(cc lender@bank\.example\)[\s\S]*Estimate EST-001 rev 1 from[\s\S]*Queued/);
  assert.equal(await page.locator('#add-line').count(), 0);
  await page.click('button[data-action=accept]');
  await page.waitForSelector('#estimate-status:has-text("Accepted")');
  assert.match(await text('#flash'), /accepted/);
  assert.equal(await page.locator('.estimate-actions button').count(), 0);

  // The project's contract sum is now the estimate's total.
  await page.click('.estimate hgroup a, hgroup a');
  await page.waitForURL(/\/projects\/\d+$/);
  assert.match(await text('.financials'), /\$10,779\.26/);
  // A tab that is still to come says so, at its own URL.
  await page.click('nav.tabs a:has-text("Billing")');
  await page.waitForURL(/\/billing$/);
  assert.match(await text('#tab'), /Pay applications/);
  await page.goBack();
  await page.waitForURL(/\/projects\/\d+$/);

  // The print view, printed to PDF.
  await page.goto(estimateUrl + '/print');
  assert.equal(await text('#print-total'), '$10,779.26');
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: join(artifacts, 'estimate.pdf'), format: 'Letter', printBackground: true });
  await page.emulateMedia({ media: 'screen' });

  // Screenshots at desktop and phone widths.
  for (const [width, height] of [[1280, 900], [375, 812]]) {
    await page.setViewportSize({ width, height });
    for (const [name, path] of [['dashboard', '/'], ['projects', '/projects'],
      ['estimate', new URL(estimateUrl).pathname],
      ['estimate-send', new URL(estimateUrl).pathname + '/send']]) {
      await page.goto(origin + path);
      await page.screenshot({ path: join(artifacts, `${name}-${width}.png`), fullPage: true });
    }
  }
});
