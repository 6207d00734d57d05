/* A form with data-konfirmasi="question" asks before it is sent (instead of onsubmit="…",
   which the Content-Security-Policy refuses). */
(function () {
  "use strict";
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (form && form.dataset && form.dataset.konfirmasi && !window.confirm(form.dataset.konfirmasi)) {
      e.preventDefault();
    }
  });
})();
