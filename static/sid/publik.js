/* Read counter: one tiny POST after the article has been on screen for a few seconds.
   The page itself is cached; counting here keeps cached hits free of database writes. */
(function () {
  "use strict";
  var el = document.querySelector("[data-dibaca]");
  if (!el || !navigator.sendBeacon) { return; }
  setTimeout(function () { navigator.sendBeacon(el.getAttribute("data-dibaca")); }, 3000);
})();
