// The dashboard in a real browser (Debian's chromium, headless, driven by playwright-core):
//   node dashboard.mjs BASE_URL SCREENSHOT_DIR XSS_ARTICLE_ID
// Opens the RUS–NATO relations page, checks the chart, clicks through to Fomin's quote and
// its article; pastes the seed into the analyze page and finds Stoltenberg's quote
// highlighted; opens an article full of script payloads and checks they stay text.
// Exits non-zero with a message on the first failure; saves a screenshot of every step.
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const [base, shots, xssId, seedPath] = process.argv.slice(2);
if (!base || !shots || !xssId || !seedPath) {
  console.error("usage: node dashboard.mjs BASE_URL SCREENSHOT_DIR XSS_ARTICLE_ID SEED_TEXT_FILE");
  process.exit(2);
}
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let step = 0;
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const dialogs = [];
page.on("dialog", async (d) => { dialogs.push(d.message()); await d.dismiss(); });
const errors = [];
page.on("pageerror", (e) => errors.push(String(e)));
async function shot(name) { await page.screenshot({ path: join(shots, `${String(++step).padStart(2, "0")}-${name}.png`), fullPage: true }); }
function check(cond, msg) { if (!cond) throw new Error(msg); }

try {
  // 1. the relations page: the RUS–NATO chart with the relations level
  await page.goto(`${base}/#/dyad?a=RUS&b=NATO&by=week`);
  await page.waitForSelector("#dyad-chart .bucket");
  const summary = await page.textContent("#dyad-summary");
  check(/Relations level/.test(summary), `no relations level in the summary: ${summary}`);
  const buckets = await page.$$eval("#dyad-chart .bucket", (gs) => gs.map((g) => [g.dataset.start, Number(g.dataset.events)]));
  check(buckets.length > 0, "the chart has no periods");
  check(await page.$$eval("#dyad-chart .point", (ps) => ps.length) > 0, "the chart has no level points");
  await shot("dyad-rus-nato");

  // 2. click the week of the founding article (2022-01-10) and find Fomin's quote
  const week = buckets.find(([s]) => s === "2022-01-10");
  check(week && week[1] > 0, `no events in the week of 2022-01-10: ${JSON.stringify(buckets.slice(-5))}`);
  await page.click('#dyad-chart .bucket[data-start="2022-01-10"]');
  await page.waitForSelector("#details ul.events li");
  const fomin = page.locator("#details li.quote-item", { hasText: "Alexander Fomin" }).first();
  await fomin.waitFor();
  const fominText = await fomin.textContent();
  check(/critically low/.test(fominText) || /RUSGOVMIL/.test(fominText), `Fomin's quote is not the expected one: ${fominText}`);
  await shot("week-details");
  await fomin.locator("a").first().click();
  await page.waitForSelector("#doc-text .q.focus");
  const focused = await page.$eval("#doc-text .q.focus", (e) => [e.dataset.speaker, e.getAttribute("title")]);
  check(focused[0] === "Alexander Fomin", `the focused quote is not Fomin's: ${focused}`);
  await shot("article-fomin-quote");

  // 3. paste the seed into the analyze page: Stoltenberg's quote is highlighted
  await page.goto(`${base}/#/analyze`);
  await page.waitForSelector("#analyze-text");
  await page.fill("#analyze-text", readFileSync(seedPath, "utf8"));
  await page.fill("#analyze-date", "2022-01-14");
  await page.click("#analyze-go");
  await page.waitForSelector("#analysis #doc-text");
  const stolt = await page.$$eval('#doc-text .q[data-speaker="Jens Stoltenberg"]', (es) => es.map((e) => e.textContent));
  check(stolt.length > 0, "no quote of Jens Stoltenberg highlighted in the analysed seed");
  const tip = await page.$eval('#doc-text .q[data-speaker="Jens Stoltenberg"]', (e) => e.getAttribute("title"));
  check(/IGOWSTNAT/.test(tip), `the quote's hover text does not name the speaker's code: ${tip}`);
  const eventTip = await page.$eval("#doc-text .e", (e) => e.getAttribute("title"));
  check(/rule /.test(eventTip), `an event highlight does not show its rule on hover: ${eventTip}`);
  await shot("analyze-seed");

  // 4. an article made of script payloads renders them as text, runs none of them
  await page.goto(`${base}/#/article/${xssId}`);
  await page.waitForSelector("#doc-text");
  const text = await page.textContent("#doc-text");
  check(text.includes("<script>") && text.includes("onerror="), `the payload is not shown as text: ${text.slice(0, 200)}`);
  const injected = await page.$$eval("#main script, #main img, #main iframe, #main svg[onload]", (es) => es.length);
  check(injected === 0, `${injected} elements were injected from article text`);
  check(dialogs.length === 0, `a dialog opened: ${dialogs}`);
  check(!(await page.evaluate(() => window.__xss)), "an injected script ran");
  const title = await page.textContent("#main h1");
  check(title.includes("<img"), `the title is not shown as text: ${title}`);
  await shot("xss-article");

  // 5. search
  await page.fill("#search-box", "missile");
  await page.press("#search-box", "Enter");
  await page.waitForSelector("#main h1:has-text('Search')");
  await shot("search");
  check(errors.length === 0, `page errors: ${errors.join("; ")}`);
  console.log(`dashboard: ${step} steps passed; screenshots in ${shots}`);
} catch (e) {
  await shot("failure").catch(() => {});
  console.error(`dashboard: step ${step + 1} failed: ${e.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
