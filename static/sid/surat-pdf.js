/* Letter page: after "Terbitkan dan unduh PDF" (?unduh=1) the PDF panel carries
   data-unduh-otomatis once the PDF is stored, on the first page load or after the HTMX wait
   brings it in; the download starts then, once per page (the PDF is an attachment, so the
   page stays). */
(function () {
  "use strict";
  var sudah = false;
  function unduh() {
    var panel = document.querySelector("[data-unduh-otomatis]");
    if (!panel || sudah) { return; }
    sudah = true;
    if (window.history.replaceState) {  // a reload of the page does not download again
      window.history.replaceState(null, "", window.location.pathname + "#pdf");
    }
    window.location.assign(panel.getAttribute("data-unduh-otomatis"));
  }
  document.addEventListener("DOMContentLoaded", unduh);
  document.addEventListener("htmx:afterSettle", unduh);
})();
