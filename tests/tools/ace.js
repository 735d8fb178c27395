// Runs DAISY Ace (its puppeteer runner, on the system Chromium) on EPUB files and prints what it
// found as JSON: [{ "epub": PATH, "outcome": "pass"|"fail",
//   "assertions": [{ "doc", "rule", "impact", "title", "html" }] }].
//
// Usage: node ace.js BOOK.epub...   (NODE_PATH names the node_modules that holds @daisy/ace;
// PUPPETEER_EXECUTABLE_PATH the browser). Ace's own CLI checks one book a run and prints logs;
// this loads Ace once for all of them. Exit status 0 when Ace ran on every book, whatever it found.

'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

const ace = require('@daisy/ace-core');
const axeRunner = require('@daisy/ace-axe-runner-puppeteer');
const logger = require('@daisy/ace-logger');

async function main(books) {
  logger.initLogger({ verbose: false, silent: true });
  const results = [];
  for (const book of books) {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ace-'));
    try {
      const [, report] = await ace(path.resolve(book), {
        cwd: process.cwd(),
        outdir,
        silent: true,
        verbose: false,
        jobId: '',
      }, axeRunner);
      const assertions = [];
      for (const doc of report.assertions || []) {
        for (const a of doc.assertions || []) {
          const test = a['earl:test'] || {};
          const result = a['earl:result'] || {};
          assertions.push({
            doc: (doc['earl:testSubject'] || {}).url,
            rule: test['dct:title'],
            impact: test['earl:impact'],
            title: test['dct:description'] || '',
            html: result.html || result['dct:description'] || '',
          });
        }
      }
      results.push({ epub: book, outcome: report['earl:result']['earl:outcome'], assertions });
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }
  process.stdout.write(JSON.stringify(results, null, 1) + '\n');
}

main(process.argv.slice(2)).then(() => process.exit(0), (e) => {
  process.stderr.write(`ace.js: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
