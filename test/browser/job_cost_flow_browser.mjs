// The job cost flow in a browser (spec/ui.md; issue 13 "Done when" 3):
// headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core,
// against the real server on a scratch database loaded by
// `construction seed-demo`. As the demo owner, on the office fit-out's
// Budget tab, it enters a vendor bill against the electrical subcontract
// and then a direct one, and reads each line's actual, variance and the
// projected profit on the page after each (the figures worked out below);
// the CSV download carries the same figures. Every HTML answer must be
// valid HTML5 (html-validate), no request may leave the origin, the console
// must stay free of errors. Screenshots of the Budget tab (1280 and 375 px)
// go to ARTIFACTS_DIR.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { artifacts, browserTest } from './harness.mjs';

const email = 'demo@example.com';  // the demo owner (cli/seed_demo_command.cpp)
const password = 'demo';

const setup = {
  name: 'job_cost_browser',
  seedDemo: true,
};

await browserTest(setup, async ({ page, origin, text, settle, logIn, serverEnv }) => {

  // Log in as the demo owner.
  await logIn(email, password);

  // "$52,500.00" -> 5250000 cents; "-$480.00" -> -48000.
  const cents = (s) => {
    const m = s.replace(/[,\s]/g, '').match(/^(-?)\$(\d+)\.(\d\d)$/);
    assert.ok(m, `not an amount: ${s}`);
    return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3]));
  };
  const row = (code, type) => `#budget-${code}-${type}`;
  const cell = async (code, type, column) => cents(await text(`${row(code, type)} td.${column}`));
  const line = async (code, type) => ({
    revised: await cell(code, type, 'revised'),
    committed: await cell(code, type, 'committed'),
    actual: await cell(code, type, 'actual'),
    projected: await cell(code, type, 'projected'),
    variance: await cell(code, type, 'variance'),
  });
  const profit = async () => cents((await text('#projected-profit')).replace(/\s*Loss$/, ''));

  // The fit-out's Budget tab, from the project list.
  await page.goto(origin + '/projects?q=2026-021');
  await page.click('a:has-text("Northwind Legal office fit-out")');
  await page.click('nav.tabs a:has-text("Budget")');
  await page.waitForURL(/\/projects\/\d+\/budget$/);
  const budgetUrl = page.url();

  // The seed: 09-210 is over budget (the drywall subcontract, $22,400.00,
  // was let $480.00 over the estimate's partitions), and says so in words.
  assert.match(await text(row('09-210', 'subcontract')), /Over/);
  assert.ok((await line('09-210', 'subcontract')).variance < 0);

  // 26-050 subcontract: Brightline's subcontract of $52,500.00, billed
  // $14,000.00 (BE-1043). A bill of $5,000.00 against it:
  //   actual    14,000.00 -> 19,000.00
  //   projected max(revised, 52,500.00, 19,000.00): unchanged, as the
  //             commitment already counted that cost
  //   variance and projected profit: unchanged.
  const before = await line('26-050', 'subcontract');
  const profitBefore = await profit();
  assert.equal(before.committed, 5250000);
  assert.equal(before.actual, 1400000);
  async function enterBill(fields) {
    await page.click('#enter-bill summary');
    await page.selectOption('#vendor-bill-form select[name=party_id]', { label: fields.party });
    if (fields.commitment)
      await page.selectOption('#vendor-bill-form select[name=commitment_id]', { label: fields.commitment });
    await page.fill('#vendor-bill-form input[name=bill_number]', fields.number);
    await page.fill('#vendor-bill-form input[name=bill_date]', '2026-04-10');
    await page.fill('#vendor-bill-form input[name=bill_cost_code]', fields.code);
    await page.selectOption('#vendor-bill-form select[name=bill_cost_type]', fields.type);
    await page.fill('#vendor-bill-form input[name=bill_description]', fields.description);
    await page.fill('#vendor-bill-form input[name=bill_amount]', fields.amount);
    await page.click('#vendor-bill-form button[type=submit]');
    await page.waitForSelector(`text=Vendor bill ${fields.number} entered and approved`);
    await settle();
  }
  await enterBill({ party: 'Brightline Electric', commitment: 'SC-002 · Lighting, power and data',
    number: 'BE-1077', code: '26-050', type: 'subcontract', description: 'Trim, floor 8 east',
    amount: '5,000.00' });
  const after = await line('26-050', 'subcontract');
  assert.equal(after.actual, 1900000);
  assert.equal(await text(`${row('26-050', 'subcontract')} td.actual`), '$19,000.00');
  assert.equal(after.projected, Math.max(after.revised, 5250000, 1900000));
  assert.equal(after.variance, before.variance);
  assert.equal(await profit(), profitBefore);

  // A direct cost the budget never planned: 01-600 other, $1,250.00 of
  // crane hire. Its line appears with revised 0.00, actual 1,250.00,
  // projected 1,250.00, variance -1,250.00 (over budget), and the
  // projected profit falls by 1,250.00.
  await enterBill({ party: 'Brightline Electric', number: 'BE-1078', code: '01-600', type: 'other',
    description: 'Crane hire, one day', amount: '1,250.00' });
  const direct = await line('01-600', 'other');
  assert.deepEqual(direct, { revised: 0, committed: 0, actual: 125000, projected: 125000,
    variance: -125000 });
  assert.equal(await text(`${row('01-600', 'other')} td.variance`), '-$1,250.00');
  assert.match(await text(row('01-600', 'other')), /Over/);
  assert.equal(await profit(), profitBefore - 125000);

  // The CSV download carries the same figures.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('a:has-text("Download CSV")'),
  ]);
  const csv = readFileSync(await download.path(), 'utf8');
  assert.match(csv, /^cost_code,cost_type,original_budget,/);
  assert.match(csv, /\r\n01-600,other,0\.00,0\.00,0\.00,0\.00,0\.00,1250\.00,0\.00,1250\.00,-1250\.00,0\.00\r\n/);
  const electric = csv.split('\r\n').find((l) => l.startsWith('26-050,subcontract,'));
  assert.ok(electric, 'the CSV has the 26-050 line');
  assert.equal(electric.split(',')[7], '19000.00');

  // Screenshots at desktop and phone widths.
  for (const [width, height] of [[1280, 900], [375, 812]]) {
    await page.setViewportSize({ width, height });
    await page.goto(budgetUrl);
    await page.screenshot({ path: join(artifacts, `budget-tab-${width}.png`), fullPage: true });
  }

  // A long history: 60 more bills (draft, of no amount) make more than a
  // page of 50. "Next 50 bills" loads the tab with the bills after the last
  // one shown, the commitments kept on their first page, and scrolls to the
  // bills; "First page" goes back.
  execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', serverEnv.DATABASE_URL, '-c',
    "INSERT INTO vendor_bills (org_id, project_id, number, party_id, bill_date) " +
    "SELECT p.org_id, p.id, 'HIST-' || g, (SELECT min(id) FROM parties WHERE org_id = p.org_id " +
    "AND kind = 'subcontractor'), current_date FROM projects p, generate_series(1, 60) g " +
    "WHERE p.number = '2026-021'"]);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(budgetUrl);
  const bills = '#vendor-bill-list tbody tr';
  assert.equal(await page.locator(bills).count(), 50);
  const firstBill = await text(`${bills}:first-child td:first-child`);
  await page.click('a:has-text("Next 50 bills")');
  await page.waitForURL(/\/budget\?bills_after=\d+$/);
  // The URL may be pushed before htmx swaps the tab in: wait for the rows.
  await page.locator(`${bills}:last-child td:first-child`, { hasText: 'HIST-60' }).waitFor();
  await settle();
  assert.notEqual(await text(`${bills}:first-child td:first-child`), firstBill);
  assert.match(await text(`${bills}:last-child td:first-child`), /^HIST-60$/);
  assert.equal(await page.locator('a:has-text("Next 50 bills")').count(), 0);
  const pagedUrl = page.url();
  for (const [width, height] of [[1280, 900], [375, 812]]) {
    await page.setViewportSize({ width, height });
    await page.goto(pagedUrl);
    await page.screenshot({ path: join(artifacts, `budget-tab-bills-page-2-${width}.png`),
      fullPage: true });
  }
  // On a phone (the loop ends at 375 px), as on a desktop.
  await page.click('#vendor-bills ~ nav.list-pages a:has-text("First page")');
  await page.waitForURL(budgetUrl);
  await settle();
  assert.equal(await text(`${bills}:first-child td:first-child`), firstBill);
  await page.screenshot({ path: join(artifacts, 'budget-tab-bills-page-1-375.png'), fullPage: true });
});
