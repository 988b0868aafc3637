// Run Material's own search worker (from a built site) in Node against one language's index.
//
//   node benchmarks/search_check.js site/ zh 共同决策      # prints the locations found
//
// It loads the index a reader of that language downloads (site/search/... for
// English, site/zh/search/... for Chinese), sets the worker up as the browser
// does, and searches. Exit code 1 when nothing is found.

"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [siteDir, language, query] = process.argv.slice(2);
if (!siteDir || !language || !query) {
  console.error("usage: node search_check.js <site dir> <en|zh> <query>");
  process.exit(2);
}
const workers = path.join(siteDir, "assets", "javascripts", "workers");
const worker = fs.readdirSync(workers).find((name) => /^search\..*\.js$/.test(name));
const indexFile = path.join(siteDir, language === "en" ? "" : language, "search", "search_index.json");

const replies = [];
const sandbox = { console, setTimeout, clearTimeout, TextEncoder, TextDecoder, URL };
sandbox.self = sandbox;
sandbox.postMessage = (message) => replies.push(message);
sandbox.addEventListener = (type, listener) => { sandbox.onmessage = listener; };
sandbox.importScripts = (...urls) => {
  for (const url of urls) {
    // The worker asks for ../lunr/min/... relative to its own folder.
    const file = path.join(workers, url);
    vm.runInContext(fs.readFileSync(file, "utf8"), sandbox, { filename: file });
  }
};
vm.createContext(sandbox);
vm.runInContext(fs.readFileSync(path.join(workers, worker), "utf8"), sandbox);

async function main() {
  const index = JSON.parse(fs.readFileSync(indexFile, "utf8"));
  // As the page sets it up (Material adds the options from the theme's features).
  await sandbox.onmessage({ data: { type: 0, data: { ...index, options: { suggest: false } } } });
  await sandbox.onmessage({ data: { type: 2, data: query } });
  await new Promise((resolve) => setTimeout(resolve, 50));
  const found = replies.filter((reply) => reply.type === 3).flatMap((reply) => reply.data.items);
  const locations = found.flat().map((item) => item.location);
  console.log(JSON.stringify({ language, query, documents: index.docs.length, found: locations.slice(0, 10), count: locations.length }));
  process.exit(locations.length ? 0 : 1);
}
main();
