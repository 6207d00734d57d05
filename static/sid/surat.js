/* Letter-type editor: clicking a placeholder code inserts it where the cursor is
   (in TinyMCE when it is running, else in the plain textarea). No CDN, no framework. */
(function () {
  "use strict";
  function sisipkan(kode) {
    var editor = window.tinymce && window.tinymce.get("id_isi");
    if (editor) {
      editor.insertContent(kode);
      editor.save();
      editor.focus();
      return;
    }
    var area = document.getElementById("id_isi");
    if (!area) { return; }
    var awal = area.selectionStart || 0, akhir = area.selectionEnd || 0;
    area.value = area.value.slice(0, awal) + kode + area.value.slice(akhir);
    area.selectionStart = area.selectionEnd = awal + kode.length;
    area.focus();
  }
  document.addEventListener("click", function (e) {
    var tombol = e.target.closest("[data-sisip-kode]");
    if (tombol) { e.preventDefault(); sisipkan(tombol.getAttribute("data-sisip-kode")); }
  });
  /* Before an HTMX preview, copy the editor's content into its textarea. */
  document.addEventListener("htmx:configRequest", function () {
    if (window.tinymce) { window.tinymce.triggerSave(); }
  });
})();
