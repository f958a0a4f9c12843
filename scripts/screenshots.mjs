// `npm run screenshots`: regenerates the README's screenshots in media/screenshots/ from a
// real VS Code (code-server + headless Chromium) on a copy of samples/workspace, with this
// repo loaded as the extension under development, and the CLI's table rendered in the same
// Chromium.
// Usage: node scripts/screenshots.mjs   (after npm run build)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureCodeServer, launchBrowser, payloadUrl, repoRoot, startCodeServer } from './vscode-host.mjs';

const outDir = path.join(repoRoot, 'media', 'screenshots');
const TIMEOUT = 60_000;
const log = (msg) => console.log(`[screenshots] ${msg}`);

/** Waits for a locator, failing with `what` in the message instead of a selector dump. */
async function waitFor(locator, what, timeout = TIMEOUT) {
  try {
    await locator.waitFor({ state: 'visible', timeout });
  } catch {
    throw new Error(`${what} did not appear within ${timeout / 1000} s`);
  }
  return locator;
}

/** The bounding box of a locator, clamped to the viewport, for `clip`. */
async function boxOf(page, locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error('element to screenshot has no bounding box');
  const vp = page.viewportSize();
  const x = Math.max(0, Math.floor(b.x));
  const y = Math.max(0, Math.floor(b.y));
  return { x, y, width: Math.min(vp.width - x, Math.ceil(b.width)), height: Math.min(vp.height - y, Math.ceil(b.height)) };
}

async function shoot(page, name, clip) {
  const file = path.join(outDir, name);
  await page.screenshot({ path: file, clip });
  log(`${path.relative(repoRoot, file)} (${Math.round(fs.statSync(file).size / 1024)} KB)`);
}

/** Runs a command from the palette by its title. */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = await waitFor(page.locator('.quick-input-widget input'), 'the command palette');
  await input.fill(`>${title}`);
  await waitFor(page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first(), `"${title}" in the command palette`);
  await sleep(300);
  await page.keyboard.press('Enter');
}

/** The webview frame (its inner active frame) whose iframe is widest: the editor-area one when there are several. */
async function widestWebview(page, what) {
  const frames = page.locator('iframe.webview');
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    let best = -1;
    let bestWidth = 0;
    const n = await frames.count();
    for (let i = 0; i < n; i++) {
      const b = await frames.nth(i).boundingBox();
      if (b && b.width > bestWidth) [best, bestWidth] = [i, b.width];
    }
    if (best >= 0) return { frame: frames.nth(best).contentFrame().frameLocator('iframe#active-frame'), iframe: frames.nth(best) };
    if (Date.now() > deadline) throw new Error(`${what} did not appear`);
    await sleep(250);
  }
}

/** The CLI's table for the sample workspace, as a terminal shows it, rendered to PNG. */
async function shootCli(browser, workspace) {
  const out = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'scan', '.'], { cwd: workspace, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`CLI scan failed: ${out.stderr}`);
  const text = `$ ai-finops scan .\n${out.stdout.split('\n\nPolicy')[0]}`;
  const page = await browser.newPage({ viewport: { width: 1000, height: 600 } });
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  await page.setContent(`<pre style="margin:0;padding:12px 16px;display:inline-block;background:#1e1e1e;color:#d4d4d4;font:13px/1.35 'DejaVu Sans Mono',monospace">${escaped}</pre>`);
  const file = path.join(outDir, 'cli.png');
  await page.locator('pre').screenshot({ path: file });
  log(`${path.relative(repoRoot, file)} (${Math.round(fs.statSync(file).size / 1024)} KB)`);
  await page.close();
}

async function main() {
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build` first');
  await ensureCodeServer();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-finops-shots-'));
  process.once('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
  // A copy, so nothing the editor writes (or a stray keystroke) lands in samples/.
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(path.join(repoRoot, 'samples', 'workspace'), workspace, { recursive: true });
  fs.mkdirSync(outDir, { recursive: true });

  const server = await startCodeServer({
    workspace,
    userDataDir: path.join(tmp, 'user'),
    extensionsDir: path.join(tmp, 'ext'),
    settings: {
      'git.openRepositoryInParentFolders': 'never',
      'workbench.tips.enabled': false,
      'editor.minimap.enabled': false,
      'window.commandCenter': false,
      'workbench.layoutControl.enabled': false,
      'chat.commandCenter.enabled': false,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
    },
  });
  let browser;
  let page;
  let step = 'start';
  try {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(payloadUrl(server.url, { folder: workspace, extensionDevelopmentPath: repoRoot }));
    await waitFor(page.locator('.monaco-workbench'), 'the VS Code workbench');
    await waitFor(page.locator('.activitybar [aria-label^="AI FinOps"]').first(), 'the AI FinOps activity-bar icon');
    await sleep(1500);

    step = 'codelens';
    await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } }).catch(() => undefined);
    await page.keyboard.press('Control+P');
    const quickInput = await waitFor(page.locator('.quick-input-widget input'), 'Quick Open');
    await quickInput.fill('infra/aws/main.tf');
    await waitFor(page.locator('.quick-input-list .monaco-list-row', { hasText: 'main.tf' }).first(), 'main.tf in Quick Open');
    await sleep(500);
    await page.keyboard.press('Enter');
    const editor = page.locator('.editor-group-container.active .monaco-editor').first();
    await waitFor(editor, 'the main.tf editor');
    await waitFor(editor.locator('.codelens-decoration a', { hasText: '/mo' }).first(), 'a CodeLens with a monthly cost');
    await sleep(1000);
    const editorPart = page.locator('.part.editor').first();
    // The region around the first lens: the resource and its price, without the provider blocks.
    const part = await boxOf(page, editorPart);
    const lensBox = await boxOf(page, editor.locator('.codelens-decoration a', { hasText: '/mo' }).first());
    const top = Math.max(part.y, lensBox.y - 150);
    const focus = { x: part.x, y: top, width: Math.min(part.width, 960), height: Math.min(part.y + part.height - top, 420) };
    await shoot(page, 'codelens.png', focus);

    step = 'hover';
    const spans = editor.locator('.view-lines span', { hasText: 'p4d.24xlarge' });
    await waitFor(spans.first(), 'the text p4d.24xlarge in the editor');
    // Without a Terraform grammar a whole line can be one span: measure the word itself.
    const sb = await spans.last().evaluate((el, word) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent.indexOf(word);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + word.length);
        const r = range.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      }
      return null;
    }, 'p4d.24xlarge');
    if (!sb) throw new Error('could not measure p4d.24xlarge in the editor');
    // Monaco shows its hover after the mouse rests on a word: move there in steps, then nudge.
    const tx = sb.x + sb.width / 2;
    const ty = sb.y + sb.height / 2;
    await page.mouse.move(tx - 40, ty, { steps: 5 });
    await page.mouse.move(tx, ty, { steps: 10 });
    await sleep(300);
    await page.mouse.move(tx + 2, ty, { steps: 2 });
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'On-demand' }).first();
    await waitFor(hover, 'the hover with On-demand prices');
    await sleep(800);
    const hb = await boxOf(page, hover);
    const hTop = Math.max(part.y, Math.min(hb.y, sb.y) - 40);
    const hBottom = Math.min(part.y + part.height, Math.max(hb.y + hb.height, sb.y + sb.height) + 60);
    const hWidth = Math.min(part.width, Math.max(960, hb.x + hb.width + 20 - part.x));
    await shoot(page, 'hover.png', { x: part.x, y: hTop, width: hWidth, height: hBottom - hTop });
    await page.mouse.move(5, 880);
    await page.keyboard.press('Escape');

    step = 'diagnostics';
    await editor.click({ position: { x: 400, y: 200 } });
    await page.keyboard.press('Control+Shift+M');
    const problems = page.locator('.markers-panel');
    await waitFor(problems, 'the Problems panel');
    await waitFor(problems.locator('.monaco-list-row', { hasText: 'Missing cost-allocation tags' }).first(), 'a "Missing cost-allocation tags" problem');
    await sleep(1000);
    await shoot(page, 'diagnostics.png');
    await page.keyboard.press('Control+Shift+M'); // toggle the panel closed again

    step = 'details';
    await editor.locator('.codelens-decoration a', { hasText: '/mo' }).first().click();
    const preview = (await widestWebview(page, 'the details preview')).frame;
    await waitFor(preview.locator('h2', { hasText: 'Assumptions' }), 'the Assumptions heading of the details');
    await sleep(1500);
    await shoot(page, 'details.png', await boxOf(page, editorPart));
    await runCommand(page, 'View: Close All Editors');

    step = 'syntax error';
    await page.keyboard.press('Control+P');
    await (await waitFor(page.locator('.quick-input-widget input'), 'Quick Open')).fill('infra/aws/main.tf');
    await waitFor(page.locator('.quick-input-list .monaco-list-row', { hasText: 'main.tf' }).first(), 'main.tf in Quick Open');
    await sleep(500);
    await page.keyboard.press('Enter');
    await waitFor(editor.locator('.codelens-decoration a', { hasText: '/mo' }).first(), 'the lenses of main.tf');
    const tfLines = fs.readFileSync(path.join(workspace, 'infra', 'aws', 'main.tf'), 'utf8').split('\n');
    const broken = tfLines.indexOf('resource "aws_instance" "inference" {') + 1;
    await page.keyboard.press('Control+G');
    await (await waitFor(page.locator('.quick-input-widget input'), 'Go to Line')).fill(`:${broken}`);
    await sleep(300);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+Shift+K'); // delete the line: the block below it must keep its lens
    await waitFor(editor.locator('.squiggly-warning').first(), 'the warning on the skipped lines');
    await waitFor(editor.locator('.codelens-decoration a', { hasText: 'g5.xlarge' }).first(), 'the lens of the resource after the error');
    await sleep(1000);
    // The widest warning squiggle: a line of the skipped region (the tag warnings are on resource names).
    const squiggles = editor.locator('.squiggly-warning');
    let squiggle = await boxOf(page, squiggles.first());
    for (let i = 1; i < (await squiggles.count()); i++) {
      const b = await boxOf(page, squiggles.nth(i));
      if (b.width > squiggle.width) squiggle = b;
    }
    await page.mouse.move(squiggle.x + 20, squiggle.y + squiggle.height / 2, { steps: 5 });
    await page.mouse.move(squiggle.x + 24, squiggle.y + squiggle.height / 2, { steps: 2 });
    await waitFor(page.locator('.monaco-hover:not(.hidden)', { hasText: 'syntax error' }).first(), 'the hover over the skipped lines');
    await sleep(800);
    const ePart = await boxOf(page, editorPart);
    const sTop = Math.max(ePart.y, squiggle.y - 260);
    await shoot(page, 'syntax-error.png', { x: ePart.x, y: sTop, width: Math.min(ePart.width, 1000), height: Math.min(ePart.y + ePart.height - sTop, 480) });
    await page.mouse.move(5, 880);
    await page.keyboard.press('Escape');
    await editor.click({ position: { x: 400, y: 200 } });
    await page.keyboard.press('Control+Z'); // the deleted line back
    await waitFor(editor.locator('.codelens-decoration a', { hasText: 'g6e.xlarge' }).first(), 'the lens of the restored resource');
    await sleep(500);

    step = 'sidebar';
    // The AI FinOps side bar at its default width: the Cost Items tree (each item in its own unit), Team Spend, the status bar total.
    await page.locator('.activitybar [aria-label^="AI FinOps"]').first().click();
    await waitFor(page.locator('.part.sidebar .monaco-list-row', { hasText: '/mo' }).first(), 'the Cost Items tree');
    const sideView = (await widestWebview(page, 'the Team Spend view')).frame;
    await waitFor(sideView.locator('#app[data-state="ready"]'), 'the Team Spend view', 90_000);
    await sleep(2000);
    await shoot(page, 'sidebar.png');

    step = 'cost items';
    // The tree alone, grouped by kind: runs in /run and hourly jobs in /h, never $0.00/mo.
    await page.locator('.part.sidebar .pane-header', { hasText: 'Team Spend' }).first().click();
    await page.locator('.part.sidebar .pane-header', { hasText: 'Cost Items' }).first().hover();
    await page.locator('.part.sidebar .action-label[aria-label="Group by Kind"]').first().click();
    await waitFor(page.locator('.part.sidebar .monaco-list-row', { hasText: 'Training runs' }).first(), 'the Training runs group');
    await waitFor(page.locator('.part.sidebar .monaco-list-row', { hasText: '/run' }).first(), 'a per-run item in the Cost Items tree');
    await sleep(1000);
    await shoot(page, 'cost-items.png', await boxOf(page, page.locator('.part.sidebar').first()));
    await page.locator('.part.sidebar .pane-header', { hasText: 'Team Spend' }).first().click();

    step = 'panel';
    await runCommand(page, 'AI FinOps: Open Team Spend');
    await page.keyboard.press('Control+B'); // the side bar away: the panel has the window
    await sleep(1000);
    const panel = (await widestWebview(page, 'the Team Spend panel')).frame;
    await waitFor(panel.locator('#app[data-state="ready"]'), 'the Team Spend panel', 90_000);
    await waitFor(panel.locator('#chart-over-time[data-drawn]'), 'the spend-over-time chart');
    await waitFor(panel.locator('#chart-burn[data-drawn]'), 'the burn chart');
    await sleep(1500);
    await shoot(page, 'panel.png', await boxOf(page, editorPart));

    step = 'cli';
    await shootCli(browser, workspace);
    log('done');
    return 0;
  } catch (e) {
    console.error(`screenshots: FAILED at ${step}: ${e.message}`);
    if (page) {
      const file = path.join(os.tmpdir(), 'ai-finops-screenshots-failure.png');
      await page.screenshot({ path: file }).catch(() => undefined);
      console.error(`  page at the failure: ${file}`);
    }
    console.error(`--- code-server log ---\n${server.logTail(30)}`);
    return 1;
  } finally {
    await browser?.close().catch(() => undefined);
    await server.stop();
  }
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(sig, () => process.exit(130));

main().then((code) => process.exit(code), (e) => {
  console.error(`screenshots: ${e.message}`);
  process.exit(1);
});
