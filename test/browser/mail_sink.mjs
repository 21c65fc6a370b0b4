// The mail of a browser test: the tests' SMTP server (test/support/
// smtp_sink.py, aiosmtpd) on a free port, `construction mailer` sending
// through it, and the messages it received, read back from its folder.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const sinkScript = fileURLToPath(new URL('../support/smtp_sink.py', import.meta.url));

// The SMTP server, writing each message to `directory`; resolves with the
// process and its port. Debian's python3, which has python3-aiosmtpd (not a
// PATH one without it).
export function startSink(directory) {
  const sink = spawn('/usr/bin/python3', [sinkScript, directory], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    sink.stdout.on('data', (d) => {
      out += d.toString();
      const port = out.match(/PORT (\d+)/);
      if (port) resolve({ sink, port: Number(port[1]) });
    });
    sink.once('exit', (code) => reject(new Error(`the SMTP sink exited (${code}): ${out}`)));
  });
}

// `construction mailer` for the server's database, from `from`.
export function startMailer(serverEnv, port, from) {
  const mailer = spawn(process.env.CONSTRUCTION_BINARY, ['mailer'], {
    env: { ...serverEnv, APP_ENV: 'production', SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_FROM: from, MAIL_FIRST_RETRY_SECONDS: '1' },
    stdio: ['ignore', 'ignore', 'pipe'] });
  const log = [];
  mailer.stderr.on('data', (d) => log.push(d.toString()));
  return { mailer, log };
}

// Stops the mailer of startMailer, and shows its log when it logged an error.
export async function stopMailer({ mailer, log }) {
  mailer.kill('SIGTERM');
  await new Promise((r) => mailer.once('exit', r));
  if (log.join('').match(/error/i)) console.error(log.join(''));
}

// Quoted-printable, as the mailer writes text parts: soft line breaks
// joined, =XX decoded (UTF-8).
export function decodeQuotedPrintable(text) {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes = [];
  for (let i = 0; i < joined.length; ++i) {
    if (joined[i] === '=' && /^[0-9A-F]{2}$/.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

// The next message the SMTP server received for `to` (whose decoded text
// matches `pattern`, when given), raw; waits up to 30 s for it. A message
// taken is added to `seen`; one that does not match is left for later.
export async function rawMailTo(directory, to, seen, pattern) {
  for (let i = 0; i < 300; ++i) {
    for (const file of readdirSync(directory).filter((f) => f.endsWith('.eml')).sort()) {
      if (seen.has(file)) continue;
      const message = readFileSync(join(directory, file), 'utf8');
      const headers = message.slice(0, message.indexOf('\r\n\r\n'));
      if (!new RegExp(`^To:.*${to.replace(/[.]/g, '\\.')}`, 'mi').test(headers)) continue;
      if (pattern && !pattern.test(decodeQuotedPrintable(message))) continue;
      seen.add(file);
      return message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no message for ${to}${pattern ? ' matching ' + pattern : ''} in 30 s`);
}

// The same, decoded.
export async function mailTo(directory, to, seen, pattern) {
  return decodeQuotedPrintable(await rawMailTo(directory, to, seen, pattern));
}

// The path of the link to `origin` in a message: PUBLIC_URL, never a Host.
export function linkIn(message, origin, path) {
  const found = message.match(new RegExp(`${origin.replace(/[.]/g, '\\.')}(${path}[A-Za-z0-9_-]{43})`));
  assert.ok(found, `no link ${origin}${path}… in:\n${message}`);
  return found[1];
}

// The bytes of a message's application/pdf part.
export function pdfAttachment(message) {
  const part = message.indexOf('Content-Type: application/pdf');
  assert.ok(part >= 0, 'no PDF attached');
  const body = message.indexOf('\r\n\r\n', part) + 4;
  const end = message.indexOf('\r\n--', body);
  const pdf = Buffer.from(message.slice(body, end).replace(/\s+/g, ''), 'base64');
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  return pdf;
}
