// Lighthouse (npm, mobile: its default settings) on each address given, one after the other in
// one Chromium, so that a run costs no browser start. Prints, as JSON, each page's category
// scores, the audits that counted against them and how fast the machine was (Lighthouse's
// benchmark index: lower is slower). CHROME_PATH names the browser.
// Used by tests/browser/test_third_party_checks.py.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
// Audits that count for no score and cost time: the screenshots and the back-forward cache
// check, which loads the page a second time.
const SKIPPED = ["bf-cache", "screenshot-thumbnails", "final-screenshot"];

const chrome = await chromeLauncher.launch({
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const pages = [];
try {
  for (const url of process.argv.slice(2)) {
    const { lhr } = await lighthouse(url, {
      port: chrome.port,
      logLevel: "error",
      onlyCategories: CATEGORIES,
      skipAudits: SKIPPED,
      disableFullPageScreenshot: true,
    });
    const failed = [];
    for (const category of Object.values(lhr.categories)) {
      for (const ref of category.auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          failed.push({ category: category.id, id: audit.id, score: audit.score, value: audit.displayValue || "" });
        }
      }
    }
    pages.push({
      url,
      scores: Object.fromEntries(Object.values(lhr.categories).map((category) => [category.id, category.score])),
      failed,
      benchmark: lhr.environment.benchmarkIndex,
      warnings: lhr.runWarnings,
      error: lhr.runtimeError ? lhr.runtimeError.message : null,
    });
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(pages));
