// The field pages in a browser (spec/ui.md; issue 12): headless Chromium
// (Debian's /usr/bin/chromium) driven by playwright-core, against the real
// server on a scratch database. It logs in, adds a subcontractor and a
// project, adds two tasks on the project's Schedule tab (the second
// following the first) and reads them in the table and on the timeline,
// then, 375 px wide as on a phone, writes the day's log with two crew rows,
// submits it and reads it back read-only. Every HTML answer (pages and htmx
// fragments) must be valid HTML5 (html-validate), no request may leave the
// server's origin and the console must stay free of errors. Screenshots of
// the schedule and the daily log at 1280 and 375 px go to ARTIFACTS_DIR.
// Last, a superintendent of the same organisation (role `field`) logs in:
// their dashboard and the project's Schedule tab, at 1280 and 375 px, show
// no amount of money anywhere in <main>.
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { artifacts, browserTest } from './harness.mjs';

const email = 'super@example.com';
const password = 'browser test password';

const setup = {
  name: 'browser_field',
  user: { org: 'Hammer & Sons <Builders>', email, name: 'Sam Super', password },
};

await browserTest(setup, async ({ page, origin, text, settle, logIn, logOut, addUser }) => {
  // Hiding the caret for a screenshot leaves style="" on every input, which
  // htmx's history snapshot would then carry back in against the CSP.
  const shot = { fullPage: true, caret: 'initial' };
  // Dates around today (UTC, as the server's "today").
  const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

  // Log in.
  await logIn(email, password);

  // A subcontractor for the crew, and a project.
  await page.goto(origin + '/parties');
  await page.click('#new-party summary');
  await page.selectOption('#new-party select[name=kind]', 'subcontractor');
  await page.fill('#new-party input[name=name]', 'Northside Framing LLC');
  await page.click('#new-party button[type=submit]');
  await page.waitForSelector('text=Northside Framing LLC added.');
  await page.click('nav a[href="/projects"]');
  await page.waitForURL(origin + '/projects');
  await page.click('#new-project summary');
  await page.fill('#new-project input[name=number]', '2026-021');
  await page.fill('#new-project input[name=name]', 'Clinic fit-out');
  await page.click('#new-project button[type=submit]');
  await page.waitForURL(/\/projects\/\d+$/);
  const projectUrl = page.url();

  // The Schedule tab, at its own URL, empty at first.
  await page.click('nav.tabs a:has-text("Schedule")');
  await page.waitForURL(/\/schedule$/);
  assert.match(await text('#tab'), /No tasks yet/);
  assert.match(await page.title(), /Schedule/);

  // Two tasks, the second following the first.
  await page.fill('#add-task input[name=name]', 'Demolition');
  await page.fill('#add-task input[name=start_date]', day(-3));
  await page.fill('#add-task input[name=end_date]', day(2));
  await page.fill('#add-task input[name=percent_complete]', '60');
  await page.click('#add-task button[type=submit]');
  await page.waitForSelector('#flash:has-text("Task added: Demolition.")');
  await settle();
  // A finish before the start is refused beside the field, what was typed kept.
  await page.fill('#add-task input[name=name]', 'Framing');
  await page.fill('#add-task input[name=start_date]', day(3));
  await page.fill('#add-task input[name=end_date]', day(1));
  const refused = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.click('#add-task button[type=submit]');
  assert.equal((await refused).status(), 422);
  await page.waitForSelector('#add-task small.error');
  assert.match(await text('#add-task small.error'), /Finish must not be before the start/);
  assert.equal(await page.inputValue('#add-task input[name=name]'), 'Framing');
  await page.fill('#add-task input[name=end_date]', day(12));
  await page.selectOption('#add-task select[name=predecessor_id]', { label: 'Demolition' });
  await page.click('#add-task button[type=submit]');
  await page.waitForSelector('#flash:has-text("Task added: Framing.")');
  await settle();

  // Read on the schedule: the table and the timeline, today's line on it.
  const framingRow = page.locator('#task-rows tr', { hasText: 'Framing' });
  assert.equal(await framingRow.locator('td[data-label=Follows]').innerText(), 'Demolition');
  assert.match(await page.locator('#task-rows tr').first().innerText(), /60 %/);
  const bars = page.locator('.timeline-chart .task-bar');
  assert.equal(await bars.count(), 2);
  assert.match(await bars.nth(0).locator('text').textContent(), /Demolition · 60 % done/);
  assert.match(await bars.nth(1).locator('text').textContent(), /Framing · 40 % done|Framing · 0 % done/);
  const percent = async (locator, name) => parseFloat(await locator.getAttribute(name));
  const demolitionEnd = await percent(bars.nth(0).locator('rect.span'), 'x') +
    await percent(bars.nth(0).locator('rect.span'), 'width');
  const framingStart = await percent(bars.nth(1).locator('rect.span'), 'x');
  assert.ok(framingStart >= demolitionEnd, `Framing starts after Demolition ends (${framingStart} >= ${demolitionEnd})`);
  const todayX = await percent(page.locator('.timeline-chart line.today'), 'x1');
  assert.ok(todayX > await percent(bars.nth(0).locator('rect.span'), 'x') && todayX < demolitionEnd,
    'today falls inside Demolition');
  assert.equal(await page.locator('.timeline-chart .today-label').textContent(), 'Today');
  // The timeline's words are readable: axe leaves text inside an SVG to be
  // reviewed by hand, so its contrast with the page is measured here (WCAG
  // 1.4.3: 4.5:1 below 24 px, 18.66 px bold).
  // In the light and in the dark colour scheme (Pico follows the phone's).
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    const contrasts = await page.evaluate(() => {
      const luminance = (color) => {
        const [r, g, b] = color.match(/[\d.]+/g).slice(0, 3).map((c) => {
          const s = Number(c) / 255;
          return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      // The page's own background (Pico paints the root element's).
      const opaque = [document.body, document.documentElement]
        .map((e) => getComputedStyle(e).backgroundColor).find((c) => !/^rgba\(.*, 0\)$|transparent/.test(c));
      const page = luminance(opaque ?? 'rgb(255, 255, 255)');
      return [...document.querySelectorAll('.timeline-chart text')].map((text) => {
        const ink = luminance(getComputedStyle(text).fill);
        return { text: text.textContent, ratio: (Math.max(ink, page) + 0.05) / (Math.min(ink, page) + 0.05) };
      });
    });
    for (const { text: words, ratio } of contrasts)
      assert.ok(ratio >= 4.5, `"${words}" on the timeline (${colorScheme}) has a contrast of ${ratio.toFixed(2)}:1`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  // Reload keeps it (the tab is a URL of its own).
  await page.reload();
  assert.equal(await page.locator('.timeline-chart .task-bar').count(), 2);
  await page.screenshot({ path: join(artifacts, 'schedule-1280.png'), ...shot });

  // The Daily logs tab, then back and forward.
  await page.click('nav.tabs a:has-text("Daily logs")');
  await page.waitForURL(/\/daily-logs$/);
  await page.waitForSelector('#daily-log');
  await page.goBack();
  await page.waitForURL(/\/schedule$/);
  await settle();
  assert.equal(await page.locator('.timeline-chart .task-bar').count(), 2);
  await page.goForward();
  await page.waitForURL(/\/daily-logs$/);
  await settle();

  // On a phone: today's log with two crew rows, submitted.
  await page.setViewportSize({ width: 375, height: 812 });
  await page.reload();
  assert.match(await text('#day-title'), /\(today\)/);
  assert.equal(await page.inputValue('#log-date'), day(0));
  await page.fill('#daily-log input[name=weather]', 'Overcast, light rain after 2 pm');
  await page.fill('#daily-log input[name=temp_high_c]', '11');
  await page.fill('#daily-log input[name=temp_low_c]', '4');
  await page.fill('#daily-log textarea[name=work_performed]',
    'Demolition of the east wing finished.\nFraming layout marked on level 1.');
  await page.fill('#daily-log textarea[name=delays]', 'Dumpster swap came 2 hours late.');
  await page.selectOption('select[name=crew_0_party_id]', { label: 'Northside Framing LLC' });
  await page.fill('input[name=crew_0_trade]', 'Framing');
  await page.fill('input[name=crew_0_headcount]', '4');
  await page.fill('input[name=crew_0_hours]', '32');
  await page.click('#add-crew');
  await page.waitForSelector('#crew-1');
  await page.fill('input[name=crew_1_trade]', 'Demolition labour');
  await page.fill('input[name=crew_1_headcount]', '2');
  await page.fill('input[name=crew_1_hours]', '15.5');
  await settle();
  await page.screenshot({ path: join(artifacts, 'daily-log-form-375.png'), ...shot });
  // The buttons are big enough to hit with a thumb.
  const submitBox = await page.locator('button[value=submit]').boundingBox();
  assert.ok(submitBox.height >= 44, `submit button ${submitBox.height} px high`);
  await page.click('button[value=submit]');
  await page.waitForSelector('#flash:has-text("submitted: it is read-only now")');
  await settle();
  assert.equal(await page.locator('#daily-log').count(), 0);
  assert.match(await text('#day-log'), /this log is read-only/);
  assert.match(await text('#day-log'), /Northside Framing LLC/);
  assert.match(await text('#day-log'), /Demolition labour/);
  // 4 + 2 heads, 32 + 15.5 hours.
  assert.equal(await text('#crew-headcount'), '6');
  assert.equal(await text('#crew-hours'), '47.5');
  assert.match(await text('.recent-logs'), /Submitted/);
  await page.screenshot({ path: join(artifacts, 'daily-log-375.png'), ...shot });
  await page.goto(new URL(projectUrl).origin + new URL(projectUrl).pathname + '/schedule');
  await page.screenshot({ path: join(artifacts, 'schedule-375.png'), ...shot });

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(new URL(projectUrl).pathname.replace(/^/, origin) + '/daily-logs');
  assert.match(await text('#day-log'), /this log is read-only/);
  await page.screenshot({ path: join(artifacts, 'daily-log-1280.png'), ...shot });

  // A superintendent's view: the field role sees the work, never the money.
  const field = { email: 'field@example.com', name: 'Fran Field', password: 'field user password' };
  addUser({ ...field, role: 'field' });
  await logOut();
  await logIn(field.email, field.password);
  const noMoney = async (where) =>
    assert.doesNotMatch(await text('main'), /\$/, `no amount on the field user's ${where}`);
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
    await page.goto(origin + '/');
    await noMoney('dashboard');
    await page.screenshot({ path: join(artifacts, `field-dashboard-${width}.png`), ...shot });
    await page.goto(new URL(projectUrl).pathname.replace(/^/, origin) + '/schedule');
    assert.equal(await page.locator('.timeline-chart .task-bar').count(), 2);
    await noMoney('schedule');
    if (width === 375) {
      // On a phone a row's Edit and Delete are a thumb high, side by side.
      const edit = await page.locator('#task-rows tr').first().locator('a:has-text("Edit")').boundingBox();
      const remove = await page.locator('#task-rows tr').first().locator('button:has-text("Delete")').boundingBox();
      assert.ok(edit.height >= 44 && remove.height >= 44, `Edit ${edit.height} px and Delete ${remove.height} px high`);
      assert.ok(Math.abs(edit.y - remove.y) < 1, `Edit at y ${edit.y}, Delete at y ${remove.y}`);
    }
    await page.screenshot({ path: join(artifacts, `field-schedule-${width}.png`), ...shot });
  }
});
