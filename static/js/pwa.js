/* The installable web app: registers the service worker (/sw.js) and, on the
 * notification settings page, turns Web Push on or off for this browser.
 * Loaded on every page (strict CSP: no inline script). */
(function () {
  "use strict";

  function register() {
    if (!("serviceWorker" in navigator)) return Promise.resolve(null);
    return navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () { return null; });
  }

  function keyBytes(base64url) {
    var padded = (base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = atob(padded);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  function post(url, csrf, data) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(data),
    }).then(function (response) {
      return response.json().then(function (json) {
        if (!response.ok) {
          var refused = new Error(json.error || "");
          refused.forPerson = Boolean(json.error);
          throw refused;
        }
        return json;
      });
    });
  }

  function setUpPushButtons(box, ready) {
    var on = box.querySelector("[data-push-on]");
    var off = box.querySelector("[data-push-off]");
    var status = box.querySelector("[data-push-status]");
    var say = function (text) { status.textContent = text; };
    var supported = "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
    if (!supported || !box.dataset.publicKey) {
      on.disabled = true;
      off.hidden = true;
      say(box.dataset[box.dataset.publicKey ? "msgUnsupported" : "msgUnconfigured"]);
      return;
    }
    ready.then(function (registration) {
      if (!registration) return null;
      return navigator.serviceWorker.ready.then(function (r) { return r.pushManager.getSubscription(); });
    }).then(function (existing) {
      off.hidden = !existing;
      if (existing) say(box.dataset.msgOn);
    }).catch(function () {});

    on.addEventListener("click", function () {
      on.disabled = true;
      Notification.requestPermission().then(function (permission) {
        if (permission !== "granted") {
          var denied = new Error(box.dataset.msgDenied);
          denied.forPerson = true;
          throw denied;
        }
        return navigator.serviceWorker.ready;
      }).then(function (registration) {
        return registration.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: keyBytes(box.dataset.publicKey),
        });
      }).then(function (subscription) {
        return post(box.dataset.subscribeUrl, box.dataset.csrf, subscription.toJSON());
      }).then(function (answer) {
        say(answer.message);
        off.hidden = false;
      }).catch(function (error) {
        // The browser's own errors are in English and technical: a plain sentence instead.
        say(error && error.forPerson ? error.message : box.dataset.msgFailed);
      }).then(function () { on.disabled = false; });
    });

    off.addEventListener("click", function () {
      navigator.serviceWorker.ready.then(function (registration) {
        return registration.pushManager.getSubscription();
      }).then(function (subscription) {
        if (!subscription) return { message: box.dataset.msgOff };
        var endpoint = subscription.endpoint;
        return subscription.unsubscribe().then(function () {
          return post(box.dataset.unsubscribeUrl, box.dataset.csrf, { endpoint: endpoint });
        });
      }).then(function (answer) {
        say(answer.message);
        off.hidden = true;
      }).catch(function () { say(box.dataset.msgFailed); });
    });
  }

  var ready = register();
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("push-settings");
    if (box) setUpPushButtons(box, ready);
  });
})();
