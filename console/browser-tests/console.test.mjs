// Drives the web console in Debian's Chromium (headless) against a running scheduler, the way an
// operator would: open the pipelines, trigger a run from the pipeline page, watch it finish with
// rejects, read its task graph, open its dead letters and one letter, the grid and the workers.
// Every value the page shows that is checked is compared with what the REST API answers.
//
//   node browser-tests/console.test.mjs --url http://127.0.0.1:8080 --pipeline customers --screenshots DIR
//
// Exits 0 when every step passed, 1 with a message naming the failed step otherwise (and saves
// failure.png). Prints "RUN <runId>" once the run is triggered, for the caller to check too.
import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const url = (args.url ?? '').replace(/\/$/, '');
const pipeline = args.pipeline;
const screenshots = args.screenshots;
const chromiumPath = args.chromium ?? process.env.CHROMIUM ?? '/usr/bin/chromium';
const runPatience = Number(args['run-timeout-ms'] ?? 300_000);
if (!url || !pipeline || !screenshots) {
  console.error('usage: console.test.mjs --url SCHEDULER_URL --pipeline NAME --screenshots DIR [--chromium PATH]');
  process.exit(2);
}

let step = 'starting';
const log = (message) => console.log(`[console-test] ${message}`);

class CheckFailed extends Error {}
function check(condition, message) {
  if (!condition) throw new CheckFailed(message);
}

async function api(pathAndQuery) {
  const response = await fetch(url + pathAndQuery, { headers: { Accept: 'application/json' } });
  const text = await response.text();
  if (!response.ok) throw new CheckFailed(`GET ${pathAndQuery} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Polls `probe` until it returns a truthy value; throws with `what` when `timeoutMs` passed. */
async function until(what, timeoutMs, probe) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new CheckFailed(`${what}: not within ${timeoutMs} ms${last ? ` (last error: ${last.message})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  // As root in CI Chromium's sandbox cannot start; the page is our own console on localhost.
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
const pageErrors = [];
page.on('pageerror', (error) => pageErrors.push(error.message));
const outside = [];
page.on('request', (request) => {
  if (!request.url().startsWith(url)) outside.push(request.url());
});
await mkdir(screenshots, { recursive: true });
const shot = async (name) => {
  const file = path.join(screenshots, name);
  await page.screenshot({ path: file, fullPage: true });
  log(`screenshot ${file}`);
};
const text = async (selector) => (await page.locator(selector).first().textContent())?.trim() ?? '';
const counts = (c) => `in ${c.recordsIn} · out ${c.recordsOut} · rej ${c.recordsRejected}`;

try {
  step = 'open the console at the scheduler\'s root';
  await page.goto(url + '/');
  check(page.url().startsWith(url + '/console/'), `the root led to ${page.url()}, not to /console/`);
  const row = page.locator(`[data-testid=pipelines] tr[data-pipeline="${pipeline}"]`);
  await row.waitFor({ timeout: 30_000 });
  const listed = (await api('/pipelines')).find((p) => p.name === pipeline);
  check(listed, `GET /pipelines does not list ${pipeline}`);
  const cells = await row.locator('td').allTextContents();
  check(cells[1] === String(listed.version), `pipelines view shows version ${cells[1]}, the API ${listed.version}`);
  check(cells[2] === (listed.schedule ? `${listed.schedule} (${listed.timezone})` : 'manual only'), `schedule cell '${cells[2]}'`);
  await shot('01-pipelines.png');

  step = 'open the pipeline and trigger a run';
  await row.locator('[data-testid=pipeline-link]').click();
  await page.locator('[data-testid=trigger]').waitFor();
  await page.locator('dl.facts').waitFor();
  await shot('02-pipeline.png');
  await page.locator('[data-testid=trigger]').click();
  await page.waitForURL(/#\/runs\//, { timeout: 30_000 });
  const runId = await text('[data-testid=run-id]');
  check(runId.startsWith(`${pipeline}@`), `the run page names run '${runId}'`);
  console.log(`RUN ${runId}`);

  step = `watch run ${runId} in the graph while it runs`;
  await page.locator('[data-testid=run-graph]').waitFor({ timeout: 60_000 });
  await shot('03-run-live.png');

  step = `wait for the page to show run ${runId} as SUCCEEDED_WITH_REJECTS`;
  const shown = await until(step, runPatience, async () => {
    const status = await text('[data-testid=run-status]');
    if (['FAILED', 'CANCELLED', 'SUCCEEDED'].includes(status)) throw new CheckFailed(`the run ended ${status}`);
    return status === 'SUCCEEDED_WITH_REJECTS' ? status : null;
  }).catch((e) => {
    if (e.message.includes('the run ended')) throw new CheckFailed(`${step}: ${e.message}`);
    throw e;
  });
  const detail = await api(`/runs/${encodeURIComponent(runId)}`);
  check(detail.run.status === shown, `the page shows ${shown}, GET /runs/${runId} ${detail.run.status}`);

  step = 'compare the graph with the run\'s tasks';
  // The last poll after the finish has drawn the final counts; give it a poll interval to land.
  await until('the graph shows the final state of every task', 10_000, async () => {
    const nodes = await page.locator('[data-testid=task-node]').count();
    if (nodes !== detail.tasks.length) return false;
    for (const { task } of detail.tasks) {
      const node = page.locator(`[data-testid=task-node][data-task="${task.taskId}"]`);
      if ((await node.getAttribute('data-status')) !== task.status) return false;
      if ((await node.locator('[data-testid=task-counts]').textContent()) !== counts(task.counts)) return false;
    }
    return true;
  }).catch(async (e) => {
    const drawn = await page.locator('[data-testid=task-node]').evaluateAll((nodes) =>
      nodes.map((n) => `${n.getAttribute('data-task')}=${n.getAttribute('data-status')} ${n.querySelector('[data-testid=task-counts]')?.textContent}`));
    throw new CheckFailed(`${e.message}; drawn ${JSON.stringify(drawn)}, the API ${JSON.stringify(detail.tasks.map((t) =>
      `${t.task.taskId}=${t.task.status} ${counts(t.task.counts)}`))}`);
  });
  const runCounts = await text('[data-testid=run-counts]');
  const c = detail.run.counts;
  check(runCounts === `in ${c.recordsIn} · out ${c.recordsOut} · rejected ${c.recordsRejected} · dropped ${c.recordsDropped}`,
    `run counts shown '${runCounts}', the API ${JSON.stringify(c)}`);
  check(c.recordsRejected > 0, `the run rejected no record: ${JSON.stringify(c)}`);
  await shot('04-run-graph.png');

  step = 'open the run\'s dead letters';
  await page.locator('[data-testid=run-dead-letters]').click();
  await page.locator('[data-testid=letters]').waitFor({ timeout: 30_000 });
  const summary = await api(`/pipelines/${encodeURIComponent(pipeline)}/dead-letters/summary?run=${encodeURIComponent(runId)}`);
  const total = await text('[data-testid=letter-total]');
  check(total === String(summary.total), `the page counts ${total} letters, the API ${summary.total}`);
  check(summary.total > 0, 'the run has no dead letters');
  const byRule = await page.locator('[data-testid=by-rule] tbody tr').evaluateAll((rows) =>
    Object.fromEntries(rows.map((r) => [r.cells[0].textContent, Number(r.cells[1].textContent)])));
  check(JSON.stringify(Object.entries(byRule).sort()) === JSON.stringify(Object.entries(summary.byRule ?? {}).sort()),
    `letters by rule on the page ${JSON.stringify(byRule)}, the API ${JSON.stringify(summary.byRule)}`);
  await shot('05-dead-letters.png');

  step = 'open one dead letter';
  const link = page.locator('[data-testid=letter-link]').first();
  const letterId = await link.getAttribute('data-letter');
  await link.click();
  await page.locator('[data-testid=letter-error]').waitFor({ timeout: 30_000 });
  const letter = await api(`/pipelines/${encodeURIComponent(pipeline)}/dead-letters/${encodeURIComponent(letterId)}`);
  const error = await text('[data-testid=letter-error]');
  check(error.length > 0, `letter ${letterId} shows no error text`);
  check(error === letter.message.trim(), `letter ${letterId} shows error '${error}', the API '${letter.message}'`);
  check(letter.runId === runId, `letter ${letterId} is of run ${letter.runId}, not ${runId}`);
  const payload = await text('[data-testid=letter-payload]');
  check(letter.value == null || payload !== '(none)', `letter ${letterId} has a payload the page does not show`);
  await shot('06-dead-letter.png');

  step = 'find the run in the runs grid';
  await page.goto(`${url}/console/index.html#/grid`);
  const cell = page.locator(`[data-testid=grid-cell][data-run="${runId}"]`);
  await cell.waitFor({ timeout: 30_000 });
  check((await cell.getAttribute('data-status')) === 'SUCCEEDED_WITH_REJECTS', `grid cell of ${runId} is ${await cell.getAttribute('data-status')}`);
  await shot('07-grid.png');

  step = 'the pipelines view shows the run as the pipeline\'s last run';
  await page.goto(`${url}/console/index.html#/`);
  const newest = (await api(`/runs?pipeline=${encodeURIComponent(pipeline)}&limit=1`)).runs[0];
  check(newest && newest.runId === runId, `GET /runs names ${newest?.runId} as the newest run, not ${runId}`);
  await until('the last run state in the pipelines view', 15_000, async () => {
    const cells = await page.locator(`[data-testid=pipelines] tr[data-pipeline="${pipeline}"] td`).allTextContents();
    return cells[6] === newest.status;
  });
  await shot('08-pipelines-after-run.png');

  step = 'open the workers view';
  await page.goto(`${url}/console/index.html#/workers`);
  await page.locator('[data-testid=services]').waitFor({ timeout: 30_000 });
  // Members can change between the page's poll and ours (a rebalance): equal within a few polls.
  await until('the workers view shows the members GET /workers counts', 15_000, async () => {
    const workers = await api('/workers');
    const shownMembers = await page.locator('[data-testid=services] tbody tr').evaluateAll((rows) =>
      Object.fromEntries(rows.map((r) => [r.getAttribute('data-service'), Number(r.cells[2].textContent)])));
    const expected = Object.fromEntries(workers.services.map((s) => [s.service, s.members]));
    return JSON.stringify(shownMembers) === JSON.stringify(expected) && expected.scheduler > 0;
  });
  await shot('09-workers.png');

  check(pageErrors.length === 0, `the page raised errors: ${pageErrors.join('; ')}`);
  check(outside.length === 0, `the page loaded from other hosts: ${outside.join(', ')}`);
  log('all steps passed');
  await browser.close();
  process.exit(0);
} catch (e) {
  console.error(`[console-test] FAILED at step '${step}': ${e instanceof CheckFailed ? e.message : e.stack ?? e}`);
  if (pageErrors.length) console.error(`[console-test] page errors: ${pageErrors.join('; ')}`);
  try {
    await shot('failure.png');
  } catch {
    // the browser may be the thing that failed
  }
  await browser.close().catch(() => {});
  process.exit(1);
}
