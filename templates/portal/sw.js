/* Cổng Trường service worker (served at /sw.js by portal.pwa_views.service_worker).
 * Caches ONLY public static files and the offline page. Pages are never cached:
 * they may show a family's data. Push messages are shown as notifications. */
"use strict";
const CONFIG = {{ config|safe }};
const CACHE = "congtruong-static-" + CONFIG.version;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll([CONFIG.offline, ...CONFIG.precache]))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(
        names.filter((name) => name.startsWith("congtruong-") && name !== CACHE)
          .map((name) => caches.delete(name))))
      .then(() => self.clients.claim())
  );
});

function isPublicStatic(url) {
  return url.origin === self.location.origin && url.pathname.startsWith(CONFIG.static);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (request.mode === "navigate") {
    // Pages: always the network; the offline page only when there is none.
    event.respondWith(
      fetch(request).catch(() => caches.match(CONFIG.offline))
    );
    return;
  }
  if (!isPublicStatic(url)) return;
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(request).then((hit) => hit || fetch(request).then((response) => {
        const type = response.headers.get("Content-Type") || "";
        if (response.ok && response.type === "basic" && !type.startsWith("text/html")) {
          cache.put(request, response.clone());
        }
        return response;
      })))
  );
});

self.addEventListener("push", (event) => {
  let data = {};
  try { data = event.data ? event.data.json() : {}; } catch (e) { data = {}; }
  event.waitUntil(self.registration.showNotification(data.title || "", {
    body: data.body || "",
    icon: CONFIG.icon,
    badge: CONFIG.icon,
    tag: data.tag || undefined,
    data: { url: data.url || "/" },
  }));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL(event.notification.data && event.notification.data.url || "/", self.location.origin);
  if (target.origin !== self.location.origin) return;
  event.waitUntil(self.clients.openWindow(target.href));
});
