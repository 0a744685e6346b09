/*
 * Keeps the HappyHorse cards of a running build up to date: every few seconds it fetches the
 * action's "progress" view and puts its cards in place of the old ones; when a clip was done
 * meanwhile it reloads the page, so that the clip's player shows. It stops once the build is over.
 * No inline script or style anywhere, so that a strict content security policy allows it.
 */
(function () {
  var INTERVAL = 5000;

  function refresh(old) {
    fetch(old.getAttribute("data-url"), { credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html === null) {
          return; // gone, or no longer allowed: leave the page as it is
        }
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("tbody.happyhorse-cards");
        if (!fresh) {
          return;
        }
        if (fresh.getAttribute("data-finished") !== old.getAttribute("data-finished")) {
          window.location.reload();
          return;
        }
        var next = document.importNode(fresh, true);
        old.replaceWith(next);
        if (next.getAttribute("data-building") === "true") {
          window.setTimeout(function () { refresh(next); }, INTERVAL);
        }
      })
      .catch(function () {
        window.setTimeout(function () { refresh(old); }, INTERVAL * 2);
      });
  }

  function start() {
    document.querySelectorAll("tbody.happyhorse-cards[data-url]").forEach(function (cards) {
      if (cards.getAttribute("data-building") === "true") {
        window.setTimeout(function () { refresh(cards); }, INTERVAL);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
