// Browser test: JupyterLab opens a notebook in headless Chromium, a person's way of running it
// (menu Run → Run All Cells, then File → Save) is replayed, and the page is checked.
//
//   node --test tests/e2e/lab.test.mjs
//   E2E_NOTEBOOK=solutions/00-getting-started.ipynb node --test tests/e2e/lab.test.mjs
//
// E2E_NOTEBOOK: notebook to run (default tests/fixtures/kernel-smoke.ipynb)
// E2E_TIMEOUT_S: seconds allowed for all cells to finish (default 600)
// CHROMIUM: browser binary (default: Debian's /usr/bin/chromium; on macOS and Windows the place
//   environment/platform.sh names, which setup.sh --for-tests checks)
// The screenshot and JupyterLab's log go to target/e2e/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const NOTEBOOK = path.resolve(ROOT, process.env.E2E_NOTEBOOK || 'tests/fixtures/kernel-smoke.ipynb');
const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_S || 600) * 1000;
const BROWSER = process.env.CHROMIUM || {
  darwin: '/Applications/Chromium.app/Contents/MacOS/Chromium',
  win32: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
}[process.platform] || '/usr/bin/chromium';
// a venv keeps its programs in Scripts\ on Windows
const JUPYTER = process.platform === 'win32'
  ? path.join(ROOT, 'environment', '.venv', 'Scripts', 'jupyter.exe')
  : path.join(ROOT, 'environment', '.venv', 'bin', 'jupyter');
const OUT = path.join(ROOT, 'target', 'e2e');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForServer(url, server, deadline) {
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`JupyterLab exited with ${server.exitCode}: see ${OUT}/jupyter.log`);
    try {
      if ((await fetch(url)).ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`JupyterLab did not answer at ${url}: see ${OUT}/jupyter.log`);
}

// JupyterLab on loopback with a random port and token, on a temporary copy of the notebook,
// with its own config and settings folders so nothing of the user's leaks in or out.
async function startLab(work) {
  const port = await freePort();
  const token = randomBytes(16).toString('hex');
  const home = path.join(work, 'jupyter');
  const log = fs.openSync(path.join(OUT, 'jupyter.log'), 'w');
  // no "get Jupyter news?" pop-up over the notebook
  const notifications = path.join(home, 'settings', '@jupyterlab', 'apputils-extension');
  fs.mkdirSync(notifications, { recursive: true });
  fs.writeFileSync(path.join(notifications, 'notification.jupyterlab-settings'),
    JSON.stringify({ fetchNews: 'false', checkForUpdates: false }));
  // render every cell, not only those in view, so the page (and its screenshot) holds the whole notebook
  const notebookSettings = path.join(home, 'settings', '@jupyterlab', 'notebook-extension');
  fs.mkdirSync(notebookSettings, { recursive: true });
  fs.writeFileSync(path.join(notebookSettings, 'tracker.jupyterlab-settings'), JSON.stringify({ windowingMode: 'none' }));
  const server = spawn(JUPYTER, [
    'lab', '--no-browser', '--ServerApp.ip=127.0.0.1', `--ServerApp.port=${port}`,
    '--ServerApp.port_retries=0', `--IdentityProvider.token=${token}`, `--ServerApp.root_dir=${path.join(work, 'nb')}`,
    '--LabApp.news_url=None', '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate',
    '--LabApp.extension_manager=readonly', '--allow-root', // CI runs as root
  ], {
    cwd: work,
    stdio: ['ignore', log, log],
    detached: true, // own process group, so the kernel it starts is stopped with it
    env: {
      ...process.env,
      JUPYTER_CONFIG_DIR: path.join(home, 'config'),
      JUPYTER_RUNTIME_DIR: path.join(home, 'runtime'),
      JUPYTERLAB_SETTINGS_DIR: path.join(home, 'settings'),
      JUPYTERLAB_WORKSPACES_DIR: path.join(home, 'workspaces'),
    },
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForServer(`${base}/api/status?token=${token}`, server, Date.now() + 120_000);
  return { server, base, token };
}

function stopLab(server) {
  if (server.exitCode !== null) return Promise.resolve();
  const exited = new Promise((resolve) => server.once('exit', resolve));
  try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }
  const force = setTimeout(() => { try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ } }, 10_000);
  return exited.finally(() => clearTimeout(force));
}

// The notebook file as saved after the run: every code cell has an execution count.
async function waitForSavedRun(file, ms) {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      const nb = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (nb.cells.filter((c) => c.cell_type === 'code').every((c) => Number.isInteger(c.execution_count))) return nb;
    } catch { /* being written */ }
    if (Date.now() > deadline) throw new Error(`${file} was not saved with every cell executed within ${ms / 1000}s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

// progress lines (shown by node --test as comments), so a stall shows where it is
const t0 = Date.now();
function step(what) {
  console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${what}`);
}

// Clicks a menu bar entry, then an item of the menu it opens, by their visible labels.
async function menu(page, top, item) {
  await page.locator('.lm-MenuBar-itemLabel', { hasText: new RegExp(`^${top}$`) }).click();
  await page.locator('.lm-Menu-item', { has: page.locator('.lm-Menu-itemLabel', { hasText: new RegExp(`^${item}$`) }) }).click();
}

// the whole test is bounded too, so a hang in the browser fails it instead of stalling the run
test(`JupyterLab runs ${path.relative(ROOT, NOTEBOOK)} in Chromium with the interp4j kernel`, { timeout: TIMEOUT_MS + 300_000 }, async () => {
  assert.ok(fs.existsSync(NOTEBOOK), `notebook not found: ${NOTEBOOK}`);
  assert.ok(fs.existsSync(BROWSER), `${BROWSER} not found: run environment/setup.sh --for-tests (installs Debian's chromium, says what to install elsewhere) or set CHROMIUM`);
  assert.ok(fs.existsSync(JUPYTER), `${JUPYTER} not found: run environment/setup.sh first`);
  fs.mkdirSync(OUT, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'interp4j-e2e-'));
  const name = path.basename(NOTEBOOK);
  fs.mkdirSync(path.join(work, 'nb'));
  // open a copy with no outputs: solutions are committed executed, and stale prompts and pictures
  // must not count as this run's
  const fresh = JSON.parse(fs.readFileSync(NOTEBOOK, 'utf8'));
  for (const c of fresh.cells) {
    if (c.cell_type === 'code') { c.outputs = []; c.execution_count = null; }
  }
  fs.writeFileSync(path.join(work, 'nb', name), JSON.stringify(fresh, null, 1));
  // the notebook may read files next to it (e.g. ../datasets): link its folder's siblings
  for (const entry of fs.readdirSync(path.dirname(path.dirname(NOTEBOOK)))) {
    const target = path.join(path.dirname(path.dirname(NOTEBOOK)), entry);
    if (!fs.existsSync(path.join(work, entry))) fs.symlinkSync(target, path.join(work, entry));
  }

  const { server, base, token } = await startLab(work);
  const context = await chromium.launchPersistentContext(path.join(work, 'chromium-profile'), {
    executablePath: BROWSER,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const shot = path.join(OUT, name.replace(/\.ipynb$/, '.png'));
  try {
    const page = context.pages()[0] || await context.newPage();
    page.setDefaultTimeout(120_000);
    if (process.env.E2E_DEBUG) page.on('console', (m) => console.log(`browser ${m.type()}: ${m.text()}`));
    await page.goto(`${base}/lab/tree/${encodeURIComponent(name)}?token=${token}`);
    const notebook = page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
    await notebook.waitFor();
    const status = page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator');
    // the kernel named in the notebook's metadata has started and is waiting
    const kernelName = page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-KernelName');
    try {
      await kernelName.filter({ hasText: 'Java (interp4j)' }).waitFor();
    } catch (e) {
      throw new Error(`the notebook did not start the Java (interp4j) kernel (shows "${await kernelName.innerText()}")`);
    }

    step('kernel ready');
    const started = Date.now();
    await menu(page, 'Run', 'Run All Cells');
    const codeCells = await notebook.locator('.jp-CodeCell').count();
    // finished: kernel idle again and every code cell shows an execution count, none a [*]
    await page.waitForFunction((n) => {
      const prompts = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputArea-prompt')]
        .map((p) => p.textContent);
      const indicator = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator');
      const idle = indicator?.getAttribute('data-status') === 'idle' && !prompts.some((p) => p.includes('*'));
      // after an error JupyterLab skips the remaining cells: stop waiting then too
      const failed = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]');
      return idle && (failed || (prompts.length === n && prompts.every((p) => /\[\d+\]/.test(p))));
    }, codeCells, { timeout: TIMEOUT_MS, polling: 500 });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    step(`all cells done in ${seconds}s`);
    const errors = await notebook.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').allInnerTexts();
    await menu(page, 'File', 'Save Notebook');
    step('save asked');
    const saved = errors.length ? null : await waitForSavedRun(path.join(work, 'nb', name), 60_000);
    step('saved');
    // the notebook scrolls inside the page: make the window as tall as the notebook to get all of it
    const height = await notebook.evaluate((el) => Math.max(el.scrollHeight,
      ...[...el.querySelectorAll('.jp-WindowedPanel-viewport, .jp-WindowedPanel-outer')].map((e) => e.scrollHeight)));
    await page.setViewportSize({ width: 1400, height: Math.min(12_000, height + 250) });
    await notebook.locator('.jp-Cell').first().scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    step('viewport grown');
    await page.screenshot({ path: shot });
    step('screenshot taken');
    console.log(`${name}: ${codeCells} code cells ran in ${seconds}s in the browser; screenshot ${path.relative(ROOT, shot)}`);

    assert.deepEqual(errors, [], 'error output in the page');
    assert.ok(await notebook.locator('.jp-OutputArea-output img, .jp-RenderedImage img').count() > 0, 'no image output in the page');
    assert.ok(await status.count() === 1, 'no kernel status indicator');

    // what the browser saved: no error outputs
    const code = saved.cells.filter((c) => c.cell_type === 'code');
    const saveErrors = code.flatMap((c) => c.outputs.filter((o) => o.output_type === 'error').map((o) => `${o.ename}: ${o.evalue}`));
    assert.deepEqual(saveErrors, [], 'error outputs in the saved notebook');
  } catch (e) {
    try { await context.pages()[0]?.screenshot({ path: shot, fullPage: true }); } catch { /* page gone */ }
    throw e;
  } finally {
    await context.close();
    await stopLab(server);
    fs.rmSync(work, { recursive: true, force: true });
  }
});
