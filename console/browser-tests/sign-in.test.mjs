// The console against a scheduler with security on (docs/security.md): the page asks for
// credentials, refuses a wrong secret, signs a viewer in with HTTP basic, shows the deployed
// pipeline, shows the 403 of a viewer's trigger, and signs out.
//
//   node browser-tests/sign-in.test.mjs --url URL --pipeline NAME --user NAME --secret VIEWER_SECRET --screenshots DIR
//
// Exits 0 when every step passed, 1 with a message naming the failed step otherwise (and saves
// sign-in-failure.png).
import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const url = (args.url ?? '').replace(/\/$/, '');
const { pipeline, user, secret, screenshots } = args;
const chromiumPath = args.chromium ?? process.env.CHROMIUM ?? '/usr/bin/chromium';
if (!url || !pipeline || !user || !secret || !screenshots) {
  console.error('usage: sign-in.test.mjs --url URL --pipeline NAME --user NAME --secret SECRET --screenshots DIR [--chromium PATH]');
  process.exit(2);
}

let step = 'starting';
class CheckFailed extends Error {}
function check(condition, message) {
  if (!condition) throw new CheckFailed(message);
}

const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
const page = await browser.newPage({ viewport: { width: 1200, height: 700 } });
const pageErrors = [];
page.on('pageerror', (error) => pageErrors.push(error.message));
await mkdir(screenshots, { recursive: true });
const shot = async (name) => {
  const file = path.join(screenshots, name);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`[sign-in-test] screenshot ${file}`);
};
const form = page.locator('[data-testid=sign-in]');
const signIn = async (name, value) => {
  await form.locator('input[name=user]').fill(name);
  await form.locator('input[name=secret]').fill(value);
  await form.locator('button[type=submit]').click();
};

try {
  step = 'open the console: it asks for credentials';
  await page.goto(`${url}/console/`);
  await form.waitFor({ timeout: 30_000 });
  await shot('11-sign-in.png');

  step = 'a wrong secret is refused';
  await signIn(user, 'not-the-secret-000');
  await form.locator('.error').waitFor({ timeout: 10_000 });
  const refused = (await form.locator('.error').textContent()) ?? '';
  check(refused.includes('refused'), `after a wrong secret the form says '${refused}'`);

  step = 'the viewer signs in and sees the pipeline';
  await signIn(user, secret);
  await page.locator(`[data-testid=pipelines] tr[data-pipeline="${pipeline}"]`).waitFor({ timeout: 30_000 });
  const stored = await page.evaluate(() => sessionStorage.getItem('conveyor.authorization'));
  check(stored === 'Basic ' + Buffer.from(`${user}:${secret}`).toString('base64'), `sessionStorage holds '${stored}'`);
  await shot('12-signed-in.png');

  step = 'a viewer\'s trigger shows the 403';
  await page.locator(`[data-testid=pipelines] tr[data-pipeline="${pipeline}"] [data-testid=pipeline-link]`).click();
  await page.locator('[data-testid=trigger]').click();
  await page.locator('[data-testid=trigger-message] .error').waitFor({ timeout: 10_000 });
  const message = (await page.locator('[data-testid=trigger-message] .error').textContent()) ?? '';
  check(message.includes('403') && message.includes('operator role'), `the trigger's message is '${message}'`);
  check(page.url().includes(`#/pipelines/${pipeline}`), `the page left the pipeline: ${page.url()}`);
  await shot('13-viewer-trigger-refused.png');

  step = 'sign out';
  await page.locator('[data-testid=sign-out]').click();
  await form.waitFor({ timeout: 10_000 });
  check(await page.evaluate(() => sessionStorage.getItem('conveyor.authorization')) === null, 'the credentials stayed after signing out');

  check(pageErrors.length === 0, `the page raised errors: ${pageErrors.join('; ')}`);
  console.log('[sign-in-test] all steps passed');
  await browser.close();
  process.exit(0);
} catch (e) {
  console.error(`[sign-in-test] FAILED at step '${step}': ${e instanceof CheckFailed ? e.message : e.stack ?? e}`);
  try {
    await shot('sign-in-failure.png');
  } catch {
    // the browser may be the thing that failed
  }
  await browser.close().catch(() => {});
  process.exit(1);
}
