// Renders media/icon.svg to media/icon.png (128×128, the Marketplace's icon size) with the
// headless Chromium the tests use; run after editing the SVG: `node scripts/render-icon.mjs`.
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, repoRoot } from './vscode-host.mjs';

const svg = fs.readFileSync(path.join(repoRoot, 'media', 'icon.svg'), 'utf8');
const out = path.join(repoRoot, 'media', 'icon.png');
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: out, omitBackground: true });
  console.log(`wrote ${path.relative(repoRoot, out)}`);
} finally {
  await browser.close();
}
