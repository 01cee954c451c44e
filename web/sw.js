// Offline support for the standalone page: every file of the site is precached under a versioned
// cache; requests are answered from it first. web/build.mjs fills in the version and the list.
const VERSION = '__KOSHIN_VERSION__';
const FILES = __KOSHIN_FILES__;
const CACHE = `koshin-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(
    keys.filter((key) => key.startsWith('koshin-') && key !== CACHE).map((key) => caches.delete(key)),
  )).then(() => self.clients.claim()));
});

// The page asks for the new version when the resident presses "Update".
self.addEventListener('message', (event) => {
  if (event.data === 'activate') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith(caches.open(CACHE).then(async (cache) => {
    const hit = await cache.match(event.request, { ignoreSearch: url.pathname.endsWith('.html') || url.pathname.endsWith('/') });
    return hit ?? fetch(event.request);
  }));
});
