/* The statistics chart (back office and public website): Chart.js from the vendored file,
   data from the json_script "data-grafik". Bar ↔ pie buttons; the bar chart names every
   category (no skipped labels: horizontal bars when there are many or the screen is narrow); "Unduh PNG" saves the
   chart as it is shown, on a white background. No inline script: the CSP allows 'self' only. */
(function () {
  "use strict";
  var sumber = document.getElementById("data-grafik");
  var kanvas = document.getElementById("grafik-statistik");
  if (!sumber || !kanvas || !window.Chart) { return; }
  var data = JSON.parse(sumber.textContent);
  var WARNA = ["#1f6f43", "#f0a202", "#2b6cb0", "#c0392b", "#8e44ad", "#16a085", "#d35400",
    "#2c3e50", "#7f8c8d", "#27ae60", "#e84393", "#0984e3", "#b7950b", "#6c5ce7"];
  var grafik = null;

  function gambar(jenis) {
    if (grafik) { grafik.destroy(); }
    var batang = jenis === "bar";
    // Many categories, or a phone-narrow chart: horizontal bars, one label line per bar.
    var mendatar = data.label.length > 8 || kanvas.parentElement.clientWidth < 540;
    // Every category gets its label: Chart.js skips labels that would overlap unless told not to.
    var kategori = {stacked: true, ticks: {autoSkip: false, maxRotation: 60, minRotation: 0}};
    var nilai = {stacked: true, beginAtZero: true, ticks: {precision: 0}};
    grafik = new Chart(kanvas, {
      type: jenis,
      data: {
        labels: data.label,
        datasets: batang && data.satuan === "penduduk" ? [
          {label: "Laki-laki", data: data.l, backgroundColor: "#1f6f43"},
          {label: "Perempuan", data: data.p, backgroundColor: "#f0a202"}
        ] : [{label: "Jumlah", data: data.jumlah,
              backgroundColor: data.label.map(function (_, i) { return WARNA[i % WARNA.length]; })}]
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: batang && mendatar ? "y" : "x",
        scales: batang ? (mendatar ? {x: nilai, y: kategori} : {x: kategori, y: nilai}) : {},
        plugins: {legend: {position: "bottom"}}
      }
    });
    document.querySelectorAll("[data-jenis-grafik]").forEach(function (b) {
      b.setAttribute("aria-pressed", b.dataset.jenisGrafik === jenis ? "true" : "false");
    });
  }

  function unduhPng(tombol) {
    // The chart canvas is transparent: draw it on white so the PNG reads in any viewer.
    var salin = document.createElement("canvas");
    salin.width = kanvas.width;
    salin.height = kanvas.height;
    var ctx = salin.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, salin.width, salin.height);
    ctx.drawImage(kanvas, 0, 0);
    salin.toBlob(function (blob) {
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = (tombol.dataset.nama || "grafik-statistik") + ".png";
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    }, "image/png");
  }

  document.querySelectorAll("[data-jenis-grafik]").forEach(function (b) {
    b.addEventListener("click", function () { gambar(b.dataset.jenisGrafik); });
  });
  document.querySelectorAll("[data-unduh-png]").forEach(function (b) {
    b.addEventListener("click", function () { unduhPng(b); });
  });
  gambar("bar");
})();
