// Browser test of the web UI, run by tests/integration/web_ui_test.cpp against a real
// steward-server: log in (a wrong password first), find the auto-raised incident in
// the list, open it, start work, add a work note, resolve it; report a second
// incident by hand; log out. Exits non-zero with
// the reason on any failure, including a console error or a CSP violation.
//
//   node incidents_ui.mjs URL NAME PASSWORD INCIDENT_NUMBER [SCREENSHOT_DIR]

import {chromium} from 'playwright-core';

const [url, name, password, number, shots] = process.argv.slice(2);
if (!number) {
  console.error('usage: node incidents_ui.mjs URL NAME PASSWORD INCIDENT_NUMBER [SCREENSHOT_DIR]');
  process.exit(2);
}
const executablePath = process.env.STEWARD_CHROMIUM || '/usr/bin/chromium';
const browser = await chromium.launch({executablePath, headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage']});
const problems = [];
let step = 'start';
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(15000);
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console: ' + m.text()); });
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  const expect = async (what, condition) => {
    if (!(await condition())) throw new Error('expected ' + what);
  };

  step = 'login page';
  await page.goto(url + '/');
  await page.waitForSelector('#login-form');
  step = 'wrong password';
  await page.fill('#login-name', name);
  await page.fill('#login-password', 'not-the-password');
  await page.click('#login-submit');
  await page.waitForSelector('#login-error:not([hidden])');
  await expect('the wrong-password message',
    async () => (await page.textContent('#login-error')).includes('Wrong name or password'));
  // The 401 of the refused login shows in the console as a failed resource; it is expected.
  problems.length = 0;

  step = 'log in';
  await page.fill('#login-password', password);
  await page.click('#login-submit');
  await page.waitForSelector('#user-box:not([hidden])');
  await expect('the user name in the top bar',
    async () => (await page.textContent('#user-name')).startsWith(name));
  // The session cookie is HttpOnly: no script can read it.
  await expect('no cookie visible to scripts',
    async () => (await page.evaluate(() => document.cookie)).indexOf('steward_session') < 0);

  step = 'incident list';
  await page.click('#nav-incidents');
  const row = `#incident-table tr[data-number="${number}"]`;
  await page.waitForSelector(row);
  await expect('the new-state count', async () =>
    (await page.textContent('#incident-counts [data-state="new"] .count')) === '1');
  if (shots) await page.screenshot({path: shots + '/incidents.png', fullPage: true});
  await page.selectOption('#filter-source', 'rule');
  await page.waitForFunction(() => location.hash.includes('source=rule'));
  await page.waitForSelector(row);

  step = 'incident detail';
  await page.click(`${row} td a`);
  await page.waitForSelector('#incident-state[data-state="new"]');

  step = 'start work';
  await page.click('#to-in_progress');
  await page.waitForSelector('#incident-state[data-state="in_progress"]');

  step = 'work note';
  await page.fill('#work-note', 'Cleared old journal files on /var');
  await page.click('#add-note');
  await page.waitForFunction(() => document.querySelector('#timeline') &&
    document.querySelector('#timeline').textContent.includes('Cleared old journal files on /var'));

  step = 'resolve';
  await page.fill('#transition-note', 'Journal vacuumed; 40% free now');
  await page.click('#to-resolved');
  await page.waitForSelector('#incident-state[data-state="resolved"]');
  if (shots) await page.screenshot({path: shots + '/incident.png', fullPage: true});

  step = 'report an incident';
  await page.click('#nav-incidents');
  await page.click('#new-incident');
  await page.fill('#new-title', 'Projector in room 4 shows no picture');
  await page.fill('#new-description', 'Since this morning; HDMI and VGA both tried.');
  await page.selectOption('#new-urgency', '2');
  await page.click('#new-incident-form button[type=submit]');
  await page.waitForSelector('#incident-state[data-state="new"]');
  await expect('the reported title', async () =>
    (await page.textContent('#incident-title')) === 'Projector in room 4 shows no picture');

  step = 'log out';
  await page.click('#logout');
  await page.waitForSelector('#login-form');
  await page.goto(url + '/#/incidents');
  await page.waitForSelector('#login-form');

  if (problems.length) throw new Error(problems.join('\n'));
  console.log('browser test passed');
} catch (error) {
  console.error('browser test failed at step "' + step + '": ' + error.message);
  for (const p of problems) console.error(p);
  process.exitCode = 1;
} finally {
  await browser.close();
}
