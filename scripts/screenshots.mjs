// `npm run screenshots`: regenerates the README's screenshots in media/screenshots/ from a
// real VS Code (code-server + headless Chromium) on a copy of samples/workspace, with this
// repo loaded as the extension under development.
// Usage: node scripts/screenshots.mjs   (after npm run build)
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

    step = 'panel';
    await page.locator('.activitybar [aria-label^="AI FinOps"]').first().click();
    const panel = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
    await waitFor(panel.locator('#app[data-state="ready"]'), 'the Team Spend panel', 90_000);
    // Room for the charts: collapse Cost Items and widen the side bar by dragging its sash.
    await page.locator('.part.sidebar .pane-header', { hasText: 'Cost Items' }).first().click();
    const sideBar = await boxOf(page, page.locator('.part.sidebar').first());
    const edge = sideBar.x + sideBar.width;
    await page.mouse.move(edge + 1, 450);
    await page.mouse.down();
    await page.mouse.move(edge + 300, 450, { steps: 10 });
    await page.mouse.move(1100, 450, { steps: 10 });
    await page.mouse.up();
    await waitFor(panel.locator('#chart-over-time[data-drawn]'), 'the spend-over-time chart');
    await waitFor(panel.locator('#chart-burn[data-drawn]'), 'the burn chart');
    await sleep(1500);
    await shoot(page, 'panel.png', await boxOf(page, page.locator('.part.sidebar').first()));
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
