// Validates HTML files as the browser tests do (html-validate's `standard`
// rules): prints each file's messages and exits 1 when any is invalid.
// Used by the [process] tests of views/ (test/support/page_client.hpp, invalid_html).
import { readFileSync } from 'node:fs';
import { HtmlValidate } from 'html-validate';

const validator = new HtmlValidate({ extends: ['html-validate:standard'] });
let failed = false;
for (const file of process.argv.slice(2)) {
  const report = await validator.validateString(readFileSync(file, 'utf8'));
  if (report.valid) continue;
  failed = true;
  for (const m of report.results.flatMap((r) => r.messages))
    console.log(`${file}:${m.line}: ${m.ruleId}: ${m.message}`);
}
process.exit(failed ? 1 : 0);
