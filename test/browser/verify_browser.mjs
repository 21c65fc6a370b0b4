// /verify in Chromium: a visitor, logged in nowhere, chooses a PDF in the
// file input at 375 px and sends the form as the browser encodes it
// (multipart/form-data with Chromium's own boundary), and reads the answer:
// a file that is no sealed record is "No record matches this file", with the
// SHA-256 that Node computes of the same bytes. Screenshots of the form and
// of the answer at 375 px (axe-core checks each, the harness validates the
// HTML). A sealed record recognised is the process test's
// (test/views/verify_pages_proctest.cpp), which makes one through signing.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { artifacts, browserTest } from './harness.mjs';

const dir = mkdtempSync(join(tmpdir(), 'construction-verify-'));
const file = join(dir, 'CO-003 signed.pdf');
// Bytes a browser sends as they are: a NUL, CR LF, something like a boundary.
const bytes = Buffer.concat([Buffer.from('%PDF-1.5\r\n--not-a-boundary\r\n\0\xff'),
  Buffer.alloc(200000, 'x'), Buffer.from('\r\n%%EOF\r\n')]);
writeFileSync(file, bytes);
const sha256 = createHash('sha256').update(bytes).digest('hex');

try {
  await browserTest({ name: 'browser_verify' }, async ({ page, origin, text }) => {
    const shot = { fullPage: true, caret: 'initial' };
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(origin + '/verify');
    assert.equal(await text('h1'), 'Verify a sealed record');
    await page.screenshot({ path: join(artifacts, 'verify-375.png'), ...shot });

    await page.setInputFiles('input[type=file][name=file]', file);
    await page.click('form[action="/verify"] button[type=submit]');
    await page.waitForURL(origin + '/verify');
    assert.equal(await text('#verify-result-title'), 'No record matches this file');
    assert.equal(await text('.verify-result code.hash'), sha256);
    // The hash breaks rather than overflow the phone's width.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(overflow <= 375, `the page is ${overflow} px wide at 375`);
    await page.screenshot({ path: join(artifacts, 'verify-no-match-375.png'), ...shot });
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
