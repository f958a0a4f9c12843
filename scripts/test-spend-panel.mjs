// Drives the Team Spend panel in a real VS Code (code-server + headless Chromium): opens it
// from the activity bar, waits for the charts, checks the KPI figures against what
// `ai-finops spend --format json` reports for the same workspace, switches the group-by,
// follows a link to a declared resource, then points .finops.yml at a FOCUS folder whose
// team is named `<img src=x onerror=alert(1)>` and checks it shows as text; then the folder
// disappears and the panel must show the error while keeping the last figures; last, sets a
// planted token through the command palette, points .finops.yml at a local http-contract
// service whose teams and resource ids are markup, and checks the token went out only as the
// Authorization header (never into the webview's HTML, logs, settings or storage) and that
// the markup shows as text.
// Screenshots go to test-results/. Exit code 0 when every check passed.
// Usage: node scripts/test-spend-panel.mjs   (after npm run build)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { ensureCodeServer, launchBrowser, payloadUrl, repoRoot, startCodeServer } from './vscode-host.mjs';

const results = path.join(repoRoot, 'test-results');
const XSS_TEAM = '<img src=x onerror=alert(1)>';
// From the http service: a team, a resource id shown as text, and one in an attribute.
const XSS_SERVICE_TEAM = '<script>alert(2)</script>';
const XSS_RESOURCE_ID = '"><svg onload=alert(3)>';
const XSS_FILE_RESOURCE_ID = "i-file'><img src=y onerror=alert(4)>";
const checks = [];

function check(name, fn) {
  checks.push(name);
  return fn();
}

/** The CLI, run in the workspace, is the reference the panel must agree with. */
function cliReport(workspace, ...args) {
  const out = execFileSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'spend', '--format', 'json', ...args], { cwd: workspace, encoding: 'utf8' });
  return JSON.parse(out);
}

const money = (x) => `$${Number(x).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** Opens a vscode-single-select and clicks one of its options (rendered in its shadow root). */
async function chooseOption(panel, id, label) {
  await panel.locator(`#${id}`).click();
  await panel.locator(`#${id}`).getByRole('option', { name: label, exact: true }).click();
}

/** Runs a command by its title from the command palette. */
async function runCommand(page, title) {
  await page.keyboard.press('Control+Shift+P');
  await typeIntoQuickInput(page, `>${title}`, page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first());
}

/** Types into the open quick input (palette or input box) and presses Enter, once `ready` shows. */
async function typeIntoQuickInput(page, text, ready) {
  const input = page.locator('.quick-input-widget:not([style*="display: none"]) input.input');
  await input.waitFor();
  await input.fill(text);
  await ready?.waitFor();
  await input.press('Enter');
}

/** An in-house spend service (the README's http contract) whose teams and resource ids are markup. */
async function startContractService() {
  const requests = [];
  const server = http.createServer((req, res) => {
    requests.push({ url: req.url, authorization: req.headers.authorization });
    const from = new URL(req.url, 'http://x').searchParams.get('from');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({
      schemaVersion: 1, currency: 'USD',
      series: [{ date: from, key: XSS_SERVICE_TEAM, cost: 500 }, { date: from, key: 'nlp', cost: 250 }],
      resources: [{ id: XSS_RESOURCE_ID, cost: 500, team: XSS_SERVICE_TEAM }, { id: 'i-named', name: 'named', cost: 250, team: 'nlp' }],
    }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Every file under `dirs` whose bytes contain `needle`. */
function filesContaining(dirs, needle) {
  return dirs
    .flatMap((dir) => fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f)))
    .filter((f) => fs.statSync(f).isFile() && fs.readFileSync(f).includes(needle));
}

function makeWorkspace(root) {
  fs.mkdirSync(path.join(root, 'infra'), { recursive: true });
  // Declares the sample's untagged GPU box, so the panel can link the bill to this line.
  fs.writeFileSync(path.join(root, 'infra', 'scratch.tf'), [
    'provider "aws" {', '  region = "us-east-1"', '}', '',
    'resource "aws_instance" "gpu_scratch" {', '  ami           = "ami-0123456789abcdef0"', '  instance_type = "g5.xlarge"', '',
    '  tags = {', '    Name = "gpu-scratch"', '  }', '}', '',
  ].join('\n'));
  const exports = path.join(root, 'exports');
  fs.mkdirSync(exports);
  fs.copyFileSync(path.join(repoRoot, 'data', 'sample-spend.focus.csv.gz'), path.join(exports, 'sample.csv.gz'));
  const tags = JSON.stringify({ team: XSS_TEAM }).replace(/"/g, '""');
  fs.writeFileSync(path.join(exports, 'odd-team.csv'),
    `ChargePeriodStart,EffectiveCost,BilledCost,ListCost,ProviderName,ServiceName,ResourceId,ResourceName,Tags\n2026-11-20T00:00:00Z,321.5,321.5,321.5,AWS,Amazon SageMaker,i-odd,odd <b>box</b>,"${tags}"\n`
    + `2026-11-21T00:00:00Z,98765.25,98765.25,98765.25,AWS,Amazon EC2,"${XSS_FILE_RESOURCE_ID}",,"${tags}"\n`);
}

async function main() {
  await ensureCodeServer();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-finops-panel-'));
  process.once('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
  const workspace = path.join(tmp, 'workspace');
  makeWorkspace(workspace);
  fs.mkdirSync(results, { recursive: true });
  const userDataDir = path.join(tmp, 'user');
  const server = await startCodeServer({ workspace, userDataDir, extensionsDir: path.join(tmp, 'ext') });
  const browser = await launchBrowser();
  const dialogs = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(payloadUrl(server.url, { folder: workspace, extensionDevelopmentPath: repoRoot }));
    const started = Date.now();
    const activity = page.locator('.activitybar [aria-label^="AI FinOps"]').first();
    await activity.waitFor({ timeout: 60_000 });
    await activity.click();
    const panel = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
    const app = panel.locator('#app[data-state="ready"]');

    await check('the panel opens from the activity bar and draws its charts on the bundled sample', async () => {
      await app.waitFor({ timeout: 90_000 });
      await panel.locator('#chart-over-time[data-drawn]').waitFor();
      await panel.locator('#chart-burn[data-drawn]').waitFor();
      assert.match(await panel.locator('#banner').innerText(), /Sample data/);
      console.log(`  panel ready ${((Date.now() - started) / 1000).toFixed(1)} s after the activity bar appeared`);
    });

    await check('the view fits the side bar at its default width: nothing runs off to the side', async () => {
      const overflow = await panel.locator('body').evaluate(() => {
        const width = document.documentElement.clientWidth;
        const wider = [...document.querySelectorAll('#app *')].filter((el) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.right > width + 1 && !el.closest('.table-slot, #anomalies, #resources, #usage');
        });
        return { width, scrollWidth: document.documentElement.scrollWidth, wider: wider.slice(0, 5).map((el) => `${el.tagName}.${el.className}`) };
      });
      assert.ok(overflow.width < 500, `the view is ${overflow.width} px wide: not the default side bar`);
      assert.ok(overflow.scrollWidth <= overflow.width, JSON.stringify(overflow));
      assert.deepEqual(overflow.wider, []);
    });

    const sample = cliReport(workspace);
    await check('KPI figures equal what ai-finops spend reports for the same workspace', async () => {
      assert.equal(await panel.locator('[data-kpi="month-actual"] .kpi-value').innerText(), money(sample.month.actualUsd));
      assert.equal(await panel.locator('[data-kpi="forecast"] .kpi-value').innerText(), money(sample.forecast.amountUsd));
      assert.equal(await panel.locator('[data-kpi="budget"] .kpi-value').innerText(), money(sample.month.budgetUsd));
      const change = ((sample.totalUsd - sample.previous.totalUsd) / sample.previous.totalUsd) * 100;
      assert.equal(await panel.locator('[data-kpi="change"] .kpi-value').innerText(), `${change >= 0 ? '+' : ''}${change.toFixed(1)}%`);
      const anomalies = await panel.locator('#anomalies').innerText();
      for (const a of sample.anomalies) assert.ok(anomalies.includes(a.date) && anomalies.includes(a.key), `anomaly ${a.date} ${a.key} shown`);
      const usage = await panel.locator('#usage').innerText();
      const priced = sample.usage.filter((u) => u.unitCost);
      assert.ok(priced.length > 0, 'the sample reports usage');
      for (const u of priced) {
        const price = u.unitCost.price.toLocaleString('en-US', { minimumFractionDigits: 4, maximumFractionDigits: 4 });
        assert.ok(usage.includes(`$${price} per ${u.unitCost.label}`), `unit cost ${price} per ${u.unitCost.label} shown as the CLI reports it`);
      }
    });
    await page.screenshot({ path: path.join(results, 'spend-panel-sample.png') });

    await check('switching the group-by redraws the chart by service', async () => {
      const drawn = await panel.locator('#chart-over-time').getAttribute('data-drawn');
      await chooseOption(panel, 'group-by', 'Service');
      await panel.locator(`#chart-over-time:not([data-drawn="${drawn}"])`).waitFor({ timeout: 30_000 });
      await panel.locator('#show-tables').click();
      const totals = await panel.locator('#over-time table').nth(1).innerText();
      assert.match(totals, /Amazon SageMaker/);
      assert.match(await panel.locator('#over-time h2').textContent(), /by service/);
    });

    await check('grouping by a tag key shows the figures the CLI gives for --group-by tag:<key>', async () => {
      const drawn = await panel.locator('#chart-over-time').getAttribute('data-drawn');
      await chooseOption(panel, 'group-by', 'Tag key…');
      await panel.locator('#tag-key').fill('project');
      await panel.locator('#tag-key').press('Enter');
      // The tables are shown (the chart hidden) since the check before.
      await panel.locator(`#chart-over-time:not([data-drawn="${drawn}"])`).waitFor({ state: 'attached', timeout: 30_000 });
      assert.match(await panel.locator('#over-time h2').textContent(), /by tag:project/);
      const totals = await panel.locator('#over-time table').nth(1).innerText();
      const cli = cliReport(workspace, '--group-by', 'tag:project');
      assert.ok(cli.groups.length > 1, 'the sample has several projects');
      for (const g of cli.groups) assert.ok(totals.includes(g.key) && totals.includes(money(g.costUsd)), `${g.key} ${money(g.costUsd)} shown as the CLI reports it`);
      await chooseOption(panel, 'group-by', 'Service');
    });

    await check('a billed resource declared in the workspace links to its line', async () => {
      const link = panel.locator('a.declared[data-resource="i-0c0ffee0ddba11000"]');
      assert.equal(await link.innerText(), 'infra/scratch.tf:5');
      await link.click();
      await page.locator('.tabs-container .tab[aria-label^="scratch.tf"]').waitFor({ timeout: 20_000 });
    });

    await check('pointed at a FOCUS folder by .finops.yml, a team named like markup shows as text', async () => {
      fs.writeFileSync(path.join(workspace, '.finops.yml'), 'spend:\n  source: focus\n  path: exports\nbudgets:\n  teams:\n    nlp: 20000\n');
      await panel.locator('#banner', { hasText: 'Source: ' }).waitFor({ timeout: 60_000 });
      await app.waitFor();
      await chooseOption(panel, 'group-by', 'Team');
      await panel.locator('#over-time table').nth(1).getByText(XSS_TEAM, { exact: true }).waitFor({ timeout: 30_000 });
      assert.equal(await panel.locator('img[src="x"]').count(), 0);
      assert.equal(await panel.locator('b', { hasText: 'box' }).count(), 0);
      await panel.locator('#resources span.resource').getByText(XSS_FILE_RESOURCE_ID, { exact: true }).waitFor({ timeout: 10_000 });
      assert.equal(await panel.locator('img[src="y"]').count(), 0);
      assert.deepEqual(dialogs, []);
      const focus = cliReport(workspace);
      assert.equal(focus.source.kind, 'focus');
      assert.equal(await panel.locator('[data-kpi="month-actual"] .kpi-value').innerText(), money(focus.month.actualUsd));
      assert.equal(await panel.locator('[data-kpi="budget"] .kpi-value').innerText(), money(20000));
      assert.ok((await panel.locator('#banner').innerText()).includes(`Files: ${focus.files.summary}`), 'the banner names the files read, as the CLI does');
    });
    await page.screenshot({ path: path.join(results, 'spend-panel-focus.png') });

    await check('when the FOCUS folder disappears, a refresh shows the error and keeps the last figures', async () => {
      const shown = await panel.locator('[data-kpi="month-actual"] .kpi-value').innerText();
      fs.renameSync(path.join(workspace, 'exports'), path.join(workspace, 'exports-moved'));
      // Rewriting .finops.yml makes the host drop its source and the panel query again, as Refresh does.
      fs.appendFileSync(path.join(workspace, '.finops.yml'), '# touched\n');
      const error = panel.locator('#error');
      await error.waitFor({ timeout: 60_000 });
      assert.match(await error.innerText(), /^Could not read spend: FOCUS path not found: .*exports\. Showing the figures read at \d{4}-\d\d-\d\d \d\d:\d\d UTC from .*exports\.$/);
      assert.equal(await panel.locator('#app').getAttribute('data-state'), 'error');
      assert.equal(await panel.locator('[data-kpi="month-actual"] .kpi-value').innerText(), shown);
      // The tables view is on from an earlier check: the last period's teams are still listed.
      await panel.locator('#over-time table').nth(1).getByText(XSS_TEAM, { exact: true }).waitFor({ timeout: 5_000 });
    });
    await page.screenshot({ path: path.join(results, 'spend-panel-error.png') });

    await check('a token set in the command palette goes out only as a header; the service\'s markup shows as text', async () => {
      const token = `planted-${randomUUID()}`;
      const service = await startContractService();
      try {
        await runCommand(page, 'AI FinOps: Set Spend Service Token');
        // First the service the token is for (tokens are kept per origin), then the token.
        await typeIntoQuickInput(page, service.url);
        await page.locator('.quick-input-widget', { hasText: `Spend service token for ${new URL(service.url).origin}` }).waitFor();
        await typeIntoQuickInput(page, token);
        fs.writeFileSync(path.join(workspace, '.finops.yml'), `spend:\n  source: http\n  url: ${service.url}\n`);
        await panel.locator('#banner', { hasText: `Source: ${new URL(service.url).host}` }).waitFor({ timeout: 60_000 });
        await app.waitFor();
        await panel.locator('#over-time table').nth(1).getByText(XSS_SERVICE_TEAM, { exact: true }).waitFor({ timeout: 30_000 });
        await panel.locator('#resources span.resource').getByText(XSS_RESOURCE_ID, { exact: true }).waitFor();
        assert.equal(await panel.locator('svg[onload], script:has-text("alert(2)")').count(), 0);
        assert.deepEqual(dialogs, []);
        assert.ok(service.requests.length > 0);
        for (const r of service.requests) assert.equal(r.authorization, `Bearer ${token}`);
        const html = (await Promise.all(page.frames().map((f) => f.content().catch(() => '')))).join('\n');
        assert.ok(html.includes('Top resources'), 'the webview frames were read');
        assert.ok(!html.includes(token), 'the token is in the HTML of the workbench or the panel');
        assert.deepEqual(filesContaining([userDataDir, workspace], token), []);
      } finally {
        await service.close();
      }
    });
    console.log(`${checks.length} checks passed; screenshots in test-results/`);
    return 0;
  } catch (e) {
    console.error(`FAILED: ${checks.at(-1)}\n${e.stack ?? e}`);
    const page = browser.contexts()[0]?.pages()[0];
    await page?.screenshot({ path: path.join(results, 'spend-panel-failure.png') }).catch(() => undefined);
    console.error(`--- code-server log ---\n${server.logTail(30)}`);
    return 1;
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().then((code) => process.exit(code), (e) => {
  console.error(e);
  process.exit(1);
});
