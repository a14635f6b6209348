// Offline and installed use: registers the service worker (dist/sw.js, written by
// scripts/make-dist.mjs), says when a new version is ready, and hands files that the operating
// system opens with the installed app to the page's file input.
//
// Updates are all or nothing: a new service worker precaches every file of its version under
// content-hashed names while the open page keeps running on the old one, then waits; the page
// shows a notice (data-testid="update-notice") and only its Reload button lets the new worker take
// over (a message 'activate-now'), after which the page reloads once, on the new version whole.

const NOTICE_TEXT = 'A new version of this page is ready (also offline).';

function showNotice(waiting) {
  let notice = document.querySelector('[data-testid="update-notice"]');
  if (!notice) {
    notice = document.createElement('p');
    notice.className = 'update-notice';
    notice.dataset.testid = 'update-notice';
    notice.setAttribute('role', 'status');
    const text = document.createElement('span');
    text.textContent = `${NOTICE_TEXT} `;
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.testid = 'update-reload';
    button.textContent = 'Reload';
    notice.append(text, button);
    document.body.append(notice);
  }
  notice.querySelector('button').onclick = () => waiting.postMessage({ type: 'activate-now' });
  notice.hidden = false;
}

async function register(url) {
  const registration = await navigator.serviceWorker.register(url, { type: 'classic' });
  const watch = (worker) => {
    worker.addEventListener('statechange', () => {
      // 'installed' with a controller: a new version beside the running one (the very first
      // install has no controller and needs no notice).
      if (worker.state === 'installed' && navigator.serviceWorker.controller) showNotice(worker);
    });
  };
  if (registration.waiting && navigator.serviceWorker.controller) showNotice(registration.waiting);
  if (registration.installing) watch(registration.installing);
  registration.addEventListener('updatefound', () => { if (registration.installing) watch(registration.installing); });
  let reloaded = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (reloaded || !document.querySelector('[data-testid="update-notice"]')) return;
    reloaded = true;
    location.reload();
  });
  return registration;
}

// Files opened with the installed app (the manifest's file_handlers): once the page has wired
// its input (its first fit is done), they go through the file input as if chosen there.
function consumeLaunches() {
  const queue = /** @type {any} */ (window).launchQueue;
  if (!queue?.setConsumer) return;
  queue.setConsumer(async (params) => {
    if (!params.files?.length) return;
    const files = await Promise.all(params.files.map((handle) => handle.getFile()));
    await pageReady();
    const input = /** @type {HTMLInputElement | null} */ (document.querySelector('[data-testid="file-input"]'));
    if (!input) return;
    const transfer = new DataTransfer();
    for (const file of files) transfer.items.add(file);
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

function pageReady() {
  const done = () => Number(document.body?.dataset.fitCount ?? 0) >= 1;
  if (done()) return Promise.resolve();
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => { if (done()) { observer.disconnect(); resolve(); } });
    observer.observe(document.documentElement, { attributes: true, subtree: true, attributeFilter: ['data-fit-count'] });
  });
}

/** @param {string} serviceWorkerUrl  relative to the page */
export function startOffline(serviceWorkerUrl = 'sw.js') {
  consumeLaunches();
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  // After the first fit, so the worker's precache never competes with the first fit's bytes.
  pageReady().then(() => register(serviceWorkerUrl)).catch(() => {});
}
