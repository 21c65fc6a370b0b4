// The team in a browser (documents.md, "The team"; issue 22): headless
// Chromium against the real server, `construction mailer` and a real SMTP
// server (test/support/smtp_sink.py, aiosmtpd). The owner invites a user
// on /account; the invitation is read from the SMTP server, its link (on
// PUBLIC_URL) opened and accepted, and the new user is logged in with the
// role's pages. Then, logged out of nothing, the browser forgets its
// cookie and asks "Forgot your password?": the reset email's link sets a
// new password, after which the old session's cookie opens nothing (a
// 303 to /login) and the new password logs in. Screenshots of /account at
// 1280 and 375 px go to ARTIFACTS_DIR (axe-core checks each).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { artifacts, browserTest } from './harness.mjs';
import { linkIn, mailTo, startMailer, startSink, stopMailer } from './mail_sink.mjs';

const owner = { email: 'olive@teamflow.example', name: 'Olive Owner', password: 'owner password 1' };
const invitee = { email: 'fay@teamflow.example', name: 'Fay Field' };

const setup = {
  name: 'browser_team',
  user: { org: 'Team Flow Builders', ...owner },
  env: ({ origin }) => ({ PUBLIC_URL: origin }),
};

const mailDir = mkdtempSync(join(tmpdir(), 'construction-team-mail-'));
const { sink, port } = await startSink(mailDir);
try {
  await browserTest(setup, async ({ page, origin, text, logIn, logOut, serverEnv }) => {
    const mailer = startMailer(serverEnv, port, 'Team Flow Builders <team@teamflow.example>');
    const seen = new Set();
    const shot = { fullPage: true, caret: 'initial' };
    try {
      // The owner's /account: their profile, the team, the tokens.
      await logIn(owner.email, owner.password);
      await page.click('nav a[href="/account"]');
      await page.waitForURL(origin + '/account');
      assert.equal(await text('h1'), 'Your account');
      assert.match(await text('#team'), /olive@teamflow\.example/);

      // Invite a field user.
      const invite = page.locator('form[action="/account/invitations"]');
      await invite.locator('input[name=email]').fill(invitee.email);
      await invite.locator('select[name=role]').selectOption('field');
      await invite.locator('button[type=submit]').click();
      await page.waitForURL(origin + '/account#team');
      assert.match(await text('#flash'), /Invitation sent to fay@teamflow\.example/);
      assert.match(await text('#team'), /fay@teamflow\.example\s+Field\s+Olive Owner/);
      await page.screenshot({ path: join(artifacts, 'account-1280.png'), ...shot });
      await page.setViewportSize({ width: 375, height: 800 });
      await page.goto(origin + '/account');
      await page.screenshot({ path: join(artifacts, 'account-375.png'), ...shot });
      await page.setViewportSize({ width: 1280, height: 900 });
      await logOut();

      // The invitation, as the SMTP server received it.
      const invitation = await mailTo(mailDir, invitee.email, seen);
      assert.match(invitation, /^Subject: Olive Owner invited you to Team Flow Builders/m);
      const acceptPath = linkIn(invitation, origin, '/invitations/');
      await page.goto(origin + acceptPath);
      assert.equal(await text('h1'), 'Join Team Flow Builders');
      await page.fill('input[name=name]', invitee.name);
      await page.fill('input[name=password]', 'first password 1');
      await page.click('button[type=submit]');
      await page.waitForURL(origin + '/');
      assert.match(await text('header'), /Fay Field/);
      assert.equal(await page.locator('nav a[href="/parties"]').count(), 0);  // field: no Parties
      await page.click('nav a[href="/account"]');
      await page.waitForURL(origin + '/account');
      assert.equal(await page.locator('#team').count(), 0);
      await page.screenshot({ path: join(artifacts, 'account-field-1280.png'), ...shot });

      // Fay's session goes on in this cookie; the browser forgets it
      // (nothing is logged out) and asks for a reset.
      const cookie = (await page.context().cookies()).find((c) => c.name === 'session');
      const opens = async () =>
        (await fetch(origin + '/account', { headers: { Cookie: `session=${cookie.value}` },
          redirect: 'manual' })).status;
      assert.equal(await opens(), 200);
      await page.context().clearCookies();
      await page.goto(origin + '/login');
      await page.click('a[href="/password-reset"]');
      await page.waitForURL(origin + '/password-reset');
      await page.fill('input[name=email]', invitee.email);
      await page.click('button[type=submit]');
      await page.waitForSelector('h1:has-text("Check your email")');

      const reset = await mailTo(mailDir, invitee.email, seen);
      const resetPath = linkIn(reset, origin, '/password-reset/');
      await page.goto(origin + resetPath);
      await page.fill('input[name=password]', 'second password 2');
      await page.click('button[type=submit]');
      await page.waitForURL(origin + '/login');
      assert.match(await text('#flash'), /Your password is changed/);

      // The old cookie opens nothing; the new password logs in.
      assert.equal(await opens(), 303);
      await page.fill('input[name=email]', invitee.email);
      await page.fill('input[name=password]', 'second password 2');
      await page.click('button[type=submit]');
      await page.waitForURL(origin + '/');
      assert.match(await text('header'), /Fay Field/);
    } finally {
      await stopMailer(mailer);
    }
  });
} finally {
  sink.kill('SIGTERM');
  rmSync(mailDir, { recursive: true, force: true });
}
