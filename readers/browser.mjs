// handout serve in a real browser: Debian's Chromium driven by playwright-core, every view checked by
// axe-core at a phone's width (390 px) and a desktop's (1280 px), with screenshots kept.
// node readers/browser.mjs <base url> <screenshot folder> <project folder>
// Prints one JSON object: {checks: [{name, ok, detail}], violations: [...], screenshots: [...], downloads: {...}}.
// The Java test (BrowserTest) starts the server, runs this, and checks the downloads it names.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const [base, out, project] = process.argv.slice(2);
fs.mkdirSync(out, { recursive: true });
const result = { checks: [], violations: [], screenshots: [], downloads: {} };
const check = (name, ok, detail = '') => result.checks.push({ name, ok: !!ok, detail: String(detail).slice(0, 2000) });
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });

async function axe(page, view, width) {
  await page.evaluate(AXE);
  const r = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
  for (const v of r.violations) {
    result.violations.push({ view, width, id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ': ' + (n.failureSummary || '').replace(/\s+/g, ' ')) });
  }
}

async function shot(page, name) {
  const file = path.join(out, name + '.png');
  await page.screenshot({ path: file, fullPage: true });
  result.screenshots.push(file);
}

async function imagesLoaded(page, selector) {
  await page.waitForFunction((sel) => {
    const imgs = Array.from(document.querySelectorAll(sel));
    return imgs.length > 0 && imgs.every((i) => i.complete && i.naturalWidth > 0);
  }, selector, { timeout: 120000 });
}

async function newPage(width, options = {}) {
  // bypassCSP only so that axe can be put into the page; the page itself runs under its own policy
  const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true, bypassCSP: true, ...options });
  return { context, page: await context.newPage() };
}

async function save(download, name) {
  const file = path.join(out, name);
  await download.saveAs(file);
  result.downloads[name] = { file, suggested: download.suggestedFilename() };
  return file;
}

try {
  for (const width of [390, 1280]) {
    const { context, page } = await newPage(width);
    const consoleErrors = [];
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));

    // the start page
    await page.goto(base + '/');
    await imagesLoaded(page, '.cards img');
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    check(`home ${width}: nothing wider than the screen`, scrollWidth <= width, `scrollWidth ${scrollWidth}`);
    await shot(page, `home-${width}`);
    await axe(page, 'home', width);

    // a receptionist: the clinic, a language found by typing part of its name, a leaflet, then the pages
    await page.selectOption('#clinic', 'riverside');
    await page.fill('#find', 'spani');
    const visible = await page.locator('#langs li:visible').count();
    check(`home ${width}: typing "spani" leaves Spanish among few languages`, visible >= 1 && visible <= 3, `${visible} visible`);
    await page.check('#lang-es');
    await page.check('#leaflet-contacts');
    await shot(page, `home-chosen-${width}`);
    await page.click('button.primary');
    await page.waitForURL(/\/preview\?/);
    await imagesLoaded(page, 'img.page');
    check(`preview ${width}: the address holds the whole choice`, /clinic=riverside/.test(page.url()) && /lang=es/.test(page.url()), page.url());
    check(`preview ${width}: names the clinic edition`, (await page.textContent('.meta')).includes('Riverside'), await page.textContent('.meta'));
    const pw = await page.evaluate(() => document.documentElement.scrollWidth);
    check(`preview ${width}: nothing wider than the screen`, pw <= width, `scrollWidth ${pw}`);
    await shot(page, `preview-${width}`);
    await axe(page, 'preview', width);
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    await save(pdf, `preview-${width}.pdf`);

    // the same page in Spanish
    await page.goto(base + '/?ui=es');
    await imagesLoaded(page, '.cards img');
    check(`home es ${width}: the page says it is Spanish`, (await page.getAttribute('html', 'lang')) === 'es');
    check(`home es ${width}: written in Spanish`, (await page.textContent('h1')).includes('folletos'), await page.textContent('h1'));
    await shot(page, `home-es-${width}`);
    await axe(page, 'home es', width);

    // a leaflet whose translation is not finished: looked at as a draft, with a warning; its download explained
    await page.goto(base + '/preview?lang=de&leaflet=symptoms');
    await imagesLoaded(page, 'img.page');
    check(`preview not ready ${width}: warns before any download`, await page.locator('.notice.warn').count() === 1
      && await page.locator('#download').count() === 0);
    await shot(page, `preview-not-ready-${width}`);
    await axe(page, 'preview not ready', width);
    const before = consoleErrors.length;
    const refused = await page.goto(base + '/pdf?lang=de&leaflet=symptoms');
    consoleErrors.length = before; // the browser logs the 409 it was asked to fetch
    check(`refused download ${width}: a page that explains, with a way back`, refused.status() === 409
      && await page.locator('a.button.primary').count() === 1 && !(await page.content()).includes('Exception'), refused.status());
    await shot(page, `refused-${width}`);
    await axe(page, 'refused download', width);

    // the translator's page
    await page.goto(base + '/translate?lang=de&leaflet=symptoms');
    await imagesLoaded(page, 'img.page');
    const problems = await page.locator('.pagepair .problems li').count();
    check(`translate ${width}: the missing sentence is listed beside a page`, problems >= 1, `${problems} problems beside pages`);
    await shot(page, `translate-${width}`);
    await axe(page, 'translate', width);

    check(`no script errors at ${width}`, consoleErrors.length === 0, consoleErrors.join('; '));
    await context.close();
  }

  // the narrowest phone the page is made for: nothing runs off the side
  {
    const { context, page } = await newPage(360);
    for (const route of ['/', '/preview?clinic=riverside&lang=es&lang=ar&leaflet=contacts&leaflet=staging', '/translate?lang=ar&leaflet=staging', '/?ui=es']) {
      await page.goto(base + route);
      const w = await page.evaluate(() => document.documentElement.scrollWidth);
      check(`360 px: ${route} is no wider than the screen`, w <= 360, `scrollWidth ${w}`);
    }
    await context.close();
  }

  // by keyboard alone: focus moves to each control in turn, Space ticks, Enter sends
  {
    const { context, page } = await newPage(1280);
    await page.goto(base + '/');
    await page.keyboard.press('Tab');
    check('keyboard: the first Tab reaches the skip link', await page.evaluate(() => document.activeElement.className) === 'skip');
    await page.focus('#lang-ar');
    await page.keyboard.press('Space');
    await page.focus('#leaflet-staging');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => document.activeElement.id);
    check('keyboard: Tab goes from one leaflet to the next', next === 'leaflet-contacts', next);
    await page.focus('button.primary');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/preview\?/);
    check('keyboard: Enter shows the ticked language and leaflet', /lang=ar/.test(page.url()) && /leaflet=staging/.test(page.url()), page.url());
    await context.close();
  }

  // a ZIP from a bookmarked choice, with progress shown while it is made
  {
    const { context, page } = await newPage(1280);
    await page.goto(base + '/?clinic=riverside&lang=es&lang=de&lang=ar&leaflet=symptoms&leaflet=contacts');
    check('bookmark: the choice is restored from the address', await page.isChecked('#lang-ar') && await page.isChecked('#leaflet-contacts')
      && (await page.inputValue('#clinic')) === 'riverside');
    const seen = new Set();
    const poll = setInterval(async () => { try { seen.add(await page.textContent('#progress')); } catch (e) { /* navigating */ } }, 100);
    const [zip] = await Promise.all([page.waitForEvent('download', { timeout: 180000 }), page.click('button[data-zip]')]);
    await save(zip, 'bookmark.zip');
    await page.waitForFunction(() => document.getElementById('progress').textContent.length > 0);
    await new Promise((r) => setTimeout(r, 1200));
    clearInterval(poll);
    seen.add(await page.textContent('#progress'));
    const texts = [...seen].filter((t) => t);
    check('zip: progress is shown while it is made, and when it is done', texts.length >= 1, texts.join(' | '));
    check('zip: when done it says what was left out', texts.some((t) => /1 of the 6/.test(t) && /NOT-INCLUDED\.txt/.test(t)), texts.join(' | '));
    await shot(page, 'zip-progress-1280');
    await axe(page, 'zip done', 1280);
    await context.close();
  }

  // Back after a preview: the ZIP is of the edition the page shows
  {
    const { context, page } = await newPage(1280);
    await page.goto(base + '/');
    await page.selectOption('#clinic', 'riverside');
    await page.check('#lang-fr');
    await page.check('#leaflet-overview');
    await page.click('button.primary');
    await page.waitForURL(/\/preview\?/);
    await page.goBack();
    check('back: the clinic is still chosen', (await page.inputValue('#clinic')) === 'riverside');
    const [zip] = await Promise.all([page.waitForEvent('download', { timeout: 120000 }), page.click('button[data-zip]')]);
    await save(zip, 'back.zip');
    await context.close();
  }

  // without JavaScript: the same choice, the same preview and ZIP
  {
    const { context, page } = await newPage(390, { javaScriptEnabled: false });
    await page.goto(base + '/');
    await page.selectOption('#clinic', 'riverside');
    await page.check('#lang-es');
    await page.check('#leaflet-overview');
    await page.click('button.primary');
    await page.waitForURL(/\/preview\?/);
    await imagesLoaded(page, 'img.page');
    check('no JavaScript: the preview is of the clinic edition', (await page.textContent('.meta')).includes('Riverside'));
    await page.goBack();
    const [zip] = await Promise.all([page.waitForEvent('download', { timeout: 120000 }), page.click('button[data-zip]')]);
    await save(zip, 'nojs.zip');
    await context.close();
  }

  // live reload: a translator saves a broken bundle, sees the located problem, fixes it, sees the pages again
  {
    const { context, page } = await newPage(1280);
    const bundle = path.join(project, 'translations', 'fr.yaml');
    const good = fs.readFileSync(bundle, 'utf8');
    await page.goto(base + '/translate?lang=fr&leaflet=symptoms');
    await imagesLoaded(page, 'img.page');
    fs.writeFileSync(bundle, good + '\n  broken: [unclosed\n');
    try {
      await page.waitForSelector('.notice.warn', { timeout: 20000 });
      const shown = await page.textContent('.notice.warn');
      check('live reload: a broken save shows the located problem', /translations\/fr\.yaml:\d+/.test(shown), shown);
      await shot(page, 'translate-broken-1280');
      await axe(page, 'translate broken', 1280);
    } finally {
      fs.writeFileSync(bundle, good);
    }
    await page.waitForSelector('img.page', { timeout: 20000 });
    await imagesLoaded(page, 'img.page');
    check('live reload: fixing it brings the pages back', await page.locator('.notice.warn').count() === 0);
    await context.close();
  }
} catch (e) {
  check('the browser run finished', false, e.stack || String(e));
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(result, null, 1) + '\n');
