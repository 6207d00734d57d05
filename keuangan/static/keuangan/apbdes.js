/* The APBDes transparency charts (Chart.js, vendored). The numbers arrive as exact decimal
   strings in #data-apbdes; they are turned into JS numbers only to draw. The same numbers are in
   the tables under each chart. */
(function () {
  "use strict";

  var HIJAU = "#1f6f43", KUNING = "#e0b420";
  var WARNA = ["#1f6f43", "#2f8f5b", "#5cae7d", "#93cca6", "#e0b420", "#c9822b", "#8c5a2b",
    "#3f6fa8", "#7a9cc9", "#b0b0b0"];

  function angka(s) { return Number(s); }

  /* Long labels on several lines (Chart.js draws an array as lines). */
  function baris(teks) {
    var hasil = [], kini = "";
    teks.split(" ").forEach(function (kata) {
      if (kini && (kini + " " + kata).length > 22) { hasil.push(kini); kini = kata; }
      else { kini = kini ? kini + " " + kata : kata; }
    });
    if (kini) { hasil.push(kini); }
    return hasil;
  }

  function mulai() {
    var el = document.getElementById("data-apbdes");
    if (!el || !window.Chart) { return; }
    var d = JSON.parse(el.textContent);
    var rp = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 0 });
    var singkat = new Intl.NumberFormat("id-ID", { notation: "compact", maximumFractionDigits: 1 });
    var tenang = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.maintainAspectRatio = false;
    if (tenang) { Chart.defaults.animation = false; }
    var tooltip = {
      callbacks: {
        label: function (ctx) {
          var nama = ctx.dataset.label || ctx.label || "";
          return nama + ": Rp " + rp.format(ctx.raw);
        }
      }
    };
    var sumbuRp = { ticks: { callback: function (v) { return "Rp " + singkat.format(v); } } };

    function gambar(id, config) {
      var kanvas = document.getElementById(id);
      if (kanvas) { new Chart(kanvas, config); }
    }

    gambar("grafik-pendapatan", {
      type: "doughnut",
      data: {
        labels: d.pendapatan_sumber.map(function (b) { return b.uraian; }),
        datasets: [{
          label: "Anggaran",
          data: d.pendapatan_sumber.map(function (b) { return angka(b.anggaran); }),
          backgroundColor: WARNA
        }]
      },
      options: { plugins: { tooltip: tooltip, legend: { position: "bottom" } } }
    });

    gambar("grafik-belanja", {
      type: "bar",
      data: {
        labels: d.belanja_bidang.map(function (b) { return baris(b.label); }),
        datasets: [
          { label: "Anggaran", data: d.belanja_bidang.map(function (b) { return angka(b.anggaran); }), backgroundColor: HIJAU },
          { label: "Realisasi", data: d.belanja_bidang.map(function (b) { return angka(b.realisasi); }), backgroundColor: KUNING }
        ]
      },
      options: {
        indexAxis: "y",
        scales: { x: sumbuRp, y: { ticks: { autoSkip: false } } },
        plugins: { tooltip: tooltip }
      }
    });

    var r = d.ringkasan;
    gambar("grafik-pembiayaan", {
      type: "bar",
      data: {
        labels: ["Penerimaan pembiayaan", "Pengeluaran pembiayaan"],
        datasets: [
          { label: "Anggaran", data: [angka(r.penerimaan.anggaran), angka(r.pengeluaran.anggaran)], backgroundColor: HIJAU },
          { label: "Realisasi", data: [angka(r.penerimaan.realisasi), angka(r.pengeluaran.realisasi)], backgroundColor: KUNING }
        ]
      },
      options: { scales: { y: sumbuRp }, plugins: { tooltip: tooltip } }
    });

    gambar("grafik-realisasi", {
      type: "bar",
      data: {
        labels: ["Pendapatan", "Belanja", "Penerimaan pembiayaan", "Pengeluaran pembiayaan"],
        datasets: [
          { label: "Anggaran", backgroundColor: HIJAU, data: [angka(r.pendapatan.anggaran), angka(r.belanja.anggaran), angka(r.penerimaan.anggaran), angka(r.pengeluaran.anggaran)] },
          { label: "Realisasi", backgroundColor: KUNING, data: [angka(r.pendapatan.realisasi), angka(r.belanja.realisasi), angka(r.penerimaan.realisasi), angka(r.pengeluaran.realisasi)] }
        ]
      },
      options: { scales: { y: sumbuRp }, plugins: { tooltip: tooltip } }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mulai);
  } else {
    mulai();
  }
})();
