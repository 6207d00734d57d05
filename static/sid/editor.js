/* Starts TinyMCE on every <textarea data-editor="kaya">. Self-hosted: no CDN, no cloud. */
(function () {
  "use strict";
  function mulai() {
    if (!window.tinymce) { return; }
    var base = document.querySelector('script[src*="vendor/tinymce/tinymce.min.js"]');
    var baseUrl = base ? base.src.replace(/\/tinymce\.min\.js.*$/, "") : "/static/vendor/tinymce";
    document.querySelectorAll('textarea[data-editor="kaya"]').forEach(function (el) {
      var surat = el.dataset.mode === "surat";
      window.tinymce.init({
        target: el,
        base_url: baseUrl,
        suffix: ".min",
        language: "id",
        language_url: baseUrl + "/langs/id.js",
        license_key: "gpl",
        promotion: false,
        branding: false,
        menubar: false,
        statusbar: true,
        plugins: "lists advlist link table code autolink wordcount charmap fullscreen autoresize",
        toolbar: surat
          ? "undo redo | bold italic underline | alignleft aligncenter alignright alignjustify | bullist numlist | table | code fullscreen"
          : "undo redo | blocks | bold italic underline | bullist numlist blockquote | link table | alignleft aligncenter | code fullscreen",
        block_formats: "Paragraf=p; Judul 2=h2; Judul 3=h3; Judul 4=h4",
        convert_urls: false,
        entity_encoding: "raw",
        min_height: 320,
        max_height: 900,
        setup: function (editor) {
          editor.on("change input", function () { editor.save(); });
        }
      });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", mulai); } else { mulai(); }
})();
