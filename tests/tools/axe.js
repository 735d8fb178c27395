// Runs axe-core on local HTML pages in headless Chromium and prints what it found as JSON:
// [{ "page": PATH, "violations": [{ "id", "impact", "help", "nodes": [HTML...] }] }].
//
// Usage: node axe.js PAGE.html...   (NODE_PATH names the node_modules that holds axe-core and
// puppeteer-core; PUPPETEER_EXECUTABLE_PATH the browser, /usr/bin/chromium by default).
// One browser serves every page. Exit status 0 when axe ran on every page, whatever it found.

'use strict';

const path = require('path');
const puppeteer = require('puppeteer-core');

async function main(pages) {
  const axeSource = require.resolve('axe-core/axe.min.js');
  const browser = await puppeteer.launch({
    executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium',
    headless: true,
    // The tests run as root in CI, where Chromium's sandbox cannot start.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const results = [];
  try {
    for (const file of pages) {
      const page = await browser.newPage();
      // The pages are self-contained: a request to the network is a finding, not a wait.
      await page.setRequestInterception(true);
      page.on('request', (r) => (r.url().startsWith('file:') || r.url().startsWith('data:')
        ? r.continue() : r.abort()));
      await page.goto('file://' + path.resolve(file), { waitUntil: 'load' });
      await page.addScriptTag({ path: axeSource });
      const found = await page.evaluate(async () => {
        // axe's default rule set: WCAG 2.0–2.2 A and AA and the best practices (such as
        // `region`); not the experimental or AAA rules.
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.map((n) => n.html),
        }));
      });
      results.push({ page: file, violations: found });
      await page.close();
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(results, null, 1) + '\n');
}

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`axe.js: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
