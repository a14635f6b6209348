// The page's service worker (dist/sw.js; scripts/make-dist.mjs writes the list below): the page
// works offline and an update is never half-applied.
//
// Each version precaches every file of the site (the page, its content-hashed bundles, the wasm,
// the samples, the icons) in a cache of its own, named by the version, before it may take over;
// then it waits while a page of the old version is open (no skipWaiting of its own): the page says
// a new version is ready and sends 'activate-now' when the user reloads. An activated version
// deletes the caches of the others. Requests are answered from the version's own cache first; a
// navigation gets the cached page; anything else (the DICOM decoders, fetched on first use) goes
// to the network and, once fetched, is kept in the same cache.
const PRECACHE = /* precache */ { version: 'unbuilt', files: [] } /* end */;
const CACHE = `spherefit-${PRECACHE.version}`;
const scope = new URL(self.registration.scope);
const toUrl = (file) => new URL(file, scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.files.map(toUrl))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('spherefit-') && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'activate-now') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(scope.origin)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    if (request.mode === 'navigate') {
      const page = await cache.match(toUrl('index.html'));
      if (page) return page;
    }
    const hit = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
    if (hit) return hit;
    const response = await fetch(request);
    if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
    return response;
  })());
});
