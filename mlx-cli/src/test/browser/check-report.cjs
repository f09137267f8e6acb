// Opens an mlx report in headless Chromium from file:// with the network cut off, and prints one
// JSON object: console errors, failed or non-file requests, the sections found, every chart with its
// drawn size, and where the full-page screenshot went. Used by ReportBrowserTest.
// Usage: node check-report.cjs CHROMIUM REPORT.html SCREENSHOT.png
const { chromium } = require("playwright-core");
const fs = require("fs");
const os = require("os");
const path = require("path");

(async () => {
  const [executable, report, screenshot] = process.argv.slice(2);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "mlx-report-chromium-"));
  // A fresh profile (the user data dir), offline, with every non-file request refused and recorded.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: executable,
    headless: true,
    offline: true,
    viewport: { width: 1360, height: 900 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND"],
  });
  const result = { console: [], pageErrors: [], failed: [], external: [], sections: [], charts: [], screenshot };
  try {
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file:") || url.startsWith("data:")) {
        route.continue();
      } else {
        result.external.push(url);
        route.abort();
      }
    });
    const page = await context.newPage();
    page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") result.console.push(m.type() + ": " + m.text()); });
    page.on("pageerror", (e) => result.pageErrors.push(String(e)));
    page.on("requestfailed", (r) => result.failed.push(r.url() + " " + (r.failure() ? r.failure().errorText : "")));
    page.on("response", (r) => { if (r.status() >= 400) result.failed.push(r.url() + " " + r.status()); });
    await page.goto("file://" + path.resolve(report), { waitUntil: "load" });
    result.sections = await page.$$eval("main > section", (s) => s.map((x) => ({
      id: x.id, title: x.querySelector("h2") ? x.querySelector("h2").textContent : "", text: x.innerText.length })));
    result.nav = await page.$$eval("nav.toc a", (a) => a.map((x) => x.getAttribute("href")));
    result.title = await page.title();
    await page.screenshot({ path: screenshot, fullPage: true });
    // Unfold every long table with its own toggle, as a reader would, so its thumbnails are measured too.
    // (Tables folded inside a closed <details>, such as a chart's data, stay closed.)
    result.folded = await page.$$eval("label.more-label", (ls) => {
      const open = ls.filter((l) => !l.closest("details:not([open])"));
      open.forEach((l) => l.click());
      return open.length;
    });
    result.stillHidden = await page.$$eval("tbody.more", (b) => b.filter((x) => !x.closest("details:not([open])") && x.getBoundingClientRect().height === 0).length);
    result.charts = await page.$$eval("svg.plot", (svgs) => svgs.map((svg) => {
      const box = svg.getBoundingClientRect();
      const shapes = Array.from(svg.querySelectorAll("rect, circle, path, line")).filter((e) => {
        const b = e.getBBox();
        return b.width > 0 || b.height > 0;
      });
      return { caption: svg.getAttribute("aria-label"), width: box.width, height: box.height, shapes: shapes.length,
        visible: !!svg.closest("figure") };
    }));

  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.stdout.write(JSON.stringify(result));
})().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(2); });
