/* The statistics chart (templates/publik/statistik/_grafik.html): bar <-> pie, from the JSON
   the page embeds with json_script. Back office and public website alike. */
(function () {
  var data = JSON.parse(document.getElementById("data-grafik").textContent);
  var kanvas = document.getElementById("grafik-statistik");
  if (!window.Chart || !kanvas) { return; }
  var WARNA = ["#1f6f43", "#f0a202", "#2b6cb0", "#c0392b", "#8e44ad", "#16a085", "#d35400",
    "#2c3e50", "#7f8c8d", "#27ae60", "#e84393", "#0984e3", "#b7950b", "#6c5ce7"];
  var grafik = null;
  function gambar(jenis) {
    if (grafik) { grafik.destroy(); }
    var batang = jenis === "bar";
    var mendatar = data.label.length > 8;
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
        scales: batang ? {x: {stacked: true, beginAtZero: true, ticks: {precision: 0}},
                          y: {stacked: true, beginAtZero: true, ticks: {precision: 0}}} : {},
        plugins: {legend: {position: "bottom"}}
      }
    });
    document.querySelectorAll("[data-jenis-grafik]").forEach(function (b) {
      b.setAttribute("aria-pressed", b.dataset.jenisGrafik === jenis ? "true" : "false");
    });
  }
  document.querySelectorAll("[data-jenis-grafik]").forEach(function (b) {
    b.addEventListener("click", function () { gambar(b.dataset.jenisGrafik); });
  });
  gambar("bar");
})();
