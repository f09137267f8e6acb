// Opens an mlx report in headless Chromium (offline, from file://) at each given window width and
// prints one JSON object per width: what a careful reader would find cut off or too small.
//   pageOverflow   how far the page itself scrolls sideways (0 when it fits the window)
//   clipped        text cut off by a box that hides or scrolls what does not fit: a table cell, a tile,
//                  a nav entry, or a label outside its chart's drawing area
//   scrolled       the tables that scroll sideways, with their caption
//   smallText      chart text drawn smaller than 11 px once the chart is scaled to the page
// A screenshot of the window at each width lands beside SHOT_PREFIX (SHOT_PREFIX-WIDTH.png).
// Usage: node check-layout.cjs CHROMIUM REPORT.html SHOT_PREFIX WIDTH...
const { chromium } = require("playwright-core");
const fs = require("fs");
const os = require("os");
const path = require("path");

(async () => {
  const [executable, report, shotPrefix, ...widths] = process.argv.slice(2);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "mlx-layout-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: executable,
    headless: true,
    offline: true,
    viewport: { width: 1400, height: 900 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND"],
  });
  const out = [];
  try {
    await context.route("**/*", (route) => {
      const url = route.request().url();
      return url.startsWith("file:") || url.startsWith("data:") ? route.continue() : route.abort();
    });
    const page = await context.newPage();
    await page.goto("file://" + path.resolve(report), { waitUntil: "load" });
    for (const w of widths) {
      const width = Number(w);
      await page.setViewportSize({ width, height: 900 });
      const found = await page.evaluate(() => {
        const describe = (el) => {
          const section = el.closest("section");
          const text = (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 60);
          return (section ? section.id + ": " : "") + el.tagName.toLowerCase() + " \"" + text + "\"";
        };
        const hidden = (el) => el.closest("details:not([open])") || el.closest("tbody.more") || el.getClientRects().length === 0;
        const clipped = [];
        // HTML text: every element holding text directly, against the nearest box that clips or scrolls it.
        for (const el of document.querySelectorAll("body *:not(svg):not(svg *)")) {
          if (hidden(el) || !Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim())) {
            continue;
          }
          const range = document.createRange();
          range.selectNodeContents(el);
          const r = range.getBoundingClientRect();
          const own = getComputedStyle(el).overflowX;
          if (el.scrollWidth > el.clientWidth + 1 && own !== "visible" && own !== "auto" && own !== "scroll") {
            clipped.push(describe(el) + " is wider than its box");
            continue;
          }
          for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
            const style = getComputedStyle(box);
            if (style.overflowX === "auto" || style.overflowX === "scroll") {
              break; // a box that scrolls shows all of its text to a reader who scrolls: reported under `scrolled`
            }
            if (style.overflowX !== "visible") {
              const b = box.getBoundingClientRect();
              if (r.right > b.right + 1 || r.left < b.left - 1) {
                clipped.push(describe(el) + " runs out of its " + box.tagName.toLowerCase() + "." + box.className);
              }
              break;
            }
          }
        }
        // Chart text: inside the chart's view box, and at least 11 px on the page.
        const smallText = [];
        for (const svg of document.querySelectorAll("svg.plot")) {
          if (hidden(svg)) {
            continue;
          }
          const vb = svg.viewBox.baseVal;
          const scale = svg.getBoundingClientRect().width / vb.width;
          for (const t of svg.querySelectorAll("text")) {
            const bb = t.getBBox();
            const m = t.getCTM() && svg.getScreenCTM() ? svg.getScreenCTM().inverse().multiply(t.getScreenCTM()) : null;
            const corners = [[bb.x, bb.y], [bb.x + bb.width, bb.y], [bb.x, bb.y + bb.height], [bb.x + bb.width, bb.y + bb.height]]
              .map(([x, y]) => m ? new DOMPoint(x, y).matrixTransform(m) : { x, y });
            const outside = corners.some((p) => p.x < vb.x - 1 || p.y < vb.y - 1 || p.x > vb.x + vb.width + 1 || p.y > vb.y + vb.height + 1);
            if (outside) {
              clipped.push("chart \"" + svg.getAttribute("aria-label") + "\": text \"" + t.textContent + "\" outside the drawing");
            }
            const px = parseFloat(getComputedStyle(t).fontSize) * scale;
            if (px < 11 - 0.05) {
              smallText.push("chart \"" + svg.getAttribute("aria-label") + "\": \"" + t.textContent + "\" at " + px.toFixed(1) + " px");
            }
          }
        }
        const scrolled = [];
        for (const s of document.querySelectorAll(".scroll")) {
          if (!hidden(s) && s.scrollWidth > s.clientWidth + 1) {
            const caption = s.querySelector("caption");
            scrolled.push((s.closest("section") || {}).id + ": " + (caption ? caption.textContent.trim() : "").slice(0, 80));
          }
        }
        return { pageOverflow: Math.max(0, document.documentElement.scrollWidth - window.innerWidth), clipped, scrolled, smallText };
      });
      await page.screenshot({ path: shotPrefix + "-" + width + ".png", fullPage: true, timeout: 150000 });
      out.push({ width, ...found });
    }
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(2); });
