// Opens a code-graph HTML view in headless Chromium and reports what a person would see.
// Usage: node check_view.mjs '{"html": "...", "screenshot": "...", "search": "cart"}'
// Prints one JSON object: console errors, node and edge counts, time to a settled layout,
// how quickly the page answered while laying out, the search results and the details shown.
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const options = JSON.parse(process.argv[2]);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
try {
  const page = await browser.newPage({ viewport: options.viewport || { width: 1400, height: 900 } });
  const problems = [];
  const requests = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(String(error)));
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith("file:") && !url.startsWith("data:")) requests.push(url);
  });
  const started = Date.now();
  await page.goto(pathToFileURL(options.html).href);
  const probeStart = Date.now();
  await page.evaluate(() => document.title);
  const answerMs = Date.now() - probeStart;
  await page.waitForSelector("body[data-ready=true]", { timeout: 120000 });
  const readyMs = Date.now() - started;
  const report = {
    problems,
    requests,
    readyMs,
    answerMs,
    nodes: Number(await page.getAttribute("#stats", "data-nodes")),
    edges: Number(await page.getAttribute("#stats", "data-edges")),
    title: await page.textContent("#title"),
  };
  if (options.search) {
    await page.fill("#search", options.search);
    report.matches = Number(await page.getAttribute("#results", "data-count"));
    report.results = await page.$$eval("#results li[data-id]", (items) => items.map((i) => i.dataset.id));
    await page.press("#search", "Enter");
    report.selected = await page.textContent("#details h2");
    report.details = await page.$$eval("#details h3", (items) => items.map((i) => i.textContent));
    if (options.clearSearch) {
      await page.fill("#search", "");
    }
  }
  if (options.fit) {
    await page.click("#expand-all");
  }
  await page.waitForTimeout(150);
  if (options.screenshot) await page.screenshot({ path: options.screenshot });
  console.log(JSON.stringify(report));
} finally {
  await browser.close();
}
