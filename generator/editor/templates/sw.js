// The editor's service worker: the editor never calls a CDN. Sveltia CMS asks the
// network for its interface strings, its fonts and whether a newer version exists;
// each is answered here with the copy shipped beside it. Requests to the Git host the
// site names (its API) go through; anything else is refused, so nothing the team
// types ever leaves for a third party.
const ALLOWED_ORIGINS = __ALLOWED_ORIGINS__;
const VERSION = __VERSION__;
const LOCALES = __LOCALES__;
const RULES = [
  [/^https:\/\/cdn\.jsdelivr\.net\/fontsource\/fonts\/([a-z0-9-]+)(?::vf)?@[^/]+\/([a-z0-9-]+)\.woff2$/,
    (match) => `fonts/${match[1]}-${match[2]}.woff2`],
  [/^https:\/\/unpkg\.com\/@sveltia\/cms@[^/]+\/locales\/([A-Za-z-]+)\.json$/,
    (match) => `locales/${LOCALES.includes(match[1]) ? match[1] : 'en-US'}.json`],
  [/^https:\/\/unpkg\.com\/@sveltia\/cms(@[^/]+)?\/package\.json$/, () => 'version.json'],
  // Asked whatever the backend (to warn when GitHub is down); for the team's own folder,
  // the answer is that all is well.
  [/^https:\/\/www\.githubstatus\.com\/api\/v2\/status\.json$/, () => 'githubstatus.json'],
];

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin === self.location.origin || ALLOWED_ORIGINS.includes(url.origin)) return;
  for (const [pattern, local] of RULES) {
    const match = event.request.url.match(pattern);
    if (match) {
      event.respondWith(fetch(new URL(local(match), self.registration.scope)));
      return;
    }
  }
  event.respondWith(new Response(`offre: ${url.origin} is not called by the editor (version ${VERSION})`,
    { status: 403, headers: { 'Content-Type': 'text/plain' } }));
});
