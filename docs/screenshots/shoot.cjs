// Screenshots of parts of an mlx report, in the headless Chromium the report tests use (playwright-core,
// offline, from file://): for each width, the first MAX_HEIGHT pixels of each named section, as
// PREFIX-SECTION-WIDTH.png.
// Usage: NODE_PATH=$(npm root -g) node shoot.cjs CHROMIUM REPORT.html PREFIX WIDTHS SECTION...
//   WIDTHS is a comma-separated list (1400,800); SECTION is a section's id (data, models, ...).
const { chromium } = require("playwright-core");
const fs = require("fs");
const os = require("os");
const path = require("path");

const MAX_HEIGHT = 1000;

(async () => {
  const [executable, report, prefix, widths, ...sections] = process.argv.slice(2);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "mlx-shoot-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: executable,
    headless: true,
    offline: true,
    viewport: { width: 1400, height: 900 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND"],
  });
  try {
    await context.route("**/*", (route) => {
      const url = route.request().url();
      return url.startsWith("file:") || url.startsWith("data:") ? route.continue() : route.abort();
    });
    const page = await context.newPage();
    await page.goto("file://" + path.resolve(report), { waitUntil: "load" });
    for (const w of widths.split(",")) {
      await page.setViewportSize({ width: Number(w), height: 900 });
      for (const id of sections) {
        const box = await page.evaluate((id) => {
          const r = document.getElementById(id).getBoundingClientRect();
          return { x: 0, y: r.top + window.scrollY, width: document.documentElement.clientWidth, height: r.height };
        }, id);
        const file = `${prefix}-${id}-${w}.png`;
        await page.screenshot({ path: file, fullPage: true,
          clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, MAX_HEIGHT) } });
        console.log(file);
      }
    }
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
})().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
