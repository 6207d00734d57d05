/* Charts of the hub dashboard, from the JSON the page embeds (no network requests). */
(function () {
  "use strict";
  // A filter <select data-kirim-otomatis> sends its form when changed (no onchange="": CSP).
  document.querySelectorAll("select[data-kirim-otomatis]").forEach(function (pilih) {
    pilih.addEventListener("change", function () { pilih.form.submit(); });
  });
  var el = document.getElementById("data-grafik");
  if (!el || typeof Chart === "undefined") { return; }
  var g = JSON.parse(el.textContent);
  var WARNA = ["#1f6f43", "#d97706", "#2563eb", "#dc2626", "#7c3aed", "#0891b2", "#65a30d",
               "#db2777", "#475569", "#ca8a04"];
  var L = "#2563eb", P = "#db2777";
  function batang(id, label, l, p, mendatar) {
    var c = document.getElementById(id);
    if (!c) { return; }
    new Chart(c, {
      type: "bar",
      data: { labels: label, datasets: [
        { label: "Laki-laki", data: l, backgroundColor: L },
        { label: "Perempuan", data: p, backgroundColor: P }
      ] },
      options: { indexAxis: mendatar ? "y" : "x", responsive: true, animation: false,
                 scales: { x: { stacked: true }, y: { stacked: true } } }
    });
  }
  function garis(id, data, tipe) {
    var c = document.getElementById(id);
    if (!c) { return; }
    new Chart(c, {
      type: tipe,
      data: { labels: data.label, datasets: data.seri.map(function (s, i) {
        return { label: s.nama, data: s.data, borderColor: WARNA[i % WARNA.length],
                 backgroundColor: WARNA[i % WARNA.length], tension: 0.2 };
      }) },
      options: { responsive: true, animation: false,
                 scales: tipe === "bar" ? { x: { stacked: true }, y: { stacked: true } } : {} }
    });
  }
  batang("grafik-penduduk", g.penduduk.label, g.penduduk.l, g.penduduk.p, false);
  Object.keys(g.kategori).forEach(function (k) {
    var d = g.kategori[k];
    batang("grafik-" + k, d.label, d.l, d.p, k !== "umur-rentang");
  });
  garis("grafik-mutasi", g.mutasi, "line");
  garis("grafik-surat", g.surat, "bar");
})();
