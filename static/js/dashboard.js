/* Dashboards and the pohon kinerja (issue #5).
 *
 * Charts: every <canvas data-chart="ID"> is drawn from the JSON in <script id="ID"
 * type="application/json"> (Django's json_script), so no user text is ever written into a script.
 * Also runs on content swapped in by htmx (the "Kinerja saya" card of the home page).
 * Pohon: buttons with data-pohon="buka|tutup" open or close every <details> of the tree.
 */
(function () {
  "use strict";

  var WARNA = ["#adb5bd", "#6c757d", "#ffc107", "#0d6efd", "#6f42c1", "#0dcaf0", "#198754"];

  function tahapan(data) {
    return {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: data.datasets.map(function (ds, i) {
          return { label: ds.label, data: ds.data, backgroundColor: WARNA[i % WARNA.length] };
        }),
      },
      options: {
        indexAxis: "y",
        maintainAspectRatio: false,
        responsive: true,
        scales: { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true, ticks: { autoSkip: false } } },
        plugins: { legend: { position: "bottom" } },
      },
    };
  }

  function kurva(data) {
    return {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [
          { type: "bar", label: data.teks.jumlah, data: data.jumlah, backgroundColor: "#0d6efd", order: 2 },
          {
            type: "line", label: data.teks.minimum, data: data.minimum, borderColor: "#dc3545",
            backgroundColor: "#dc3545", borderDash: [6, 4], spanGaps: false, pointStyle: "triangle",
            pointRadius: 6, order: 1,
          },
          {
            type: "line", label: data.teks.maksimum, data: data.maksimum, borderColor: "#fd7e14",
            backgroundColor: "#fd7e14", borderDash: [2, 3], spanGaps: false, pointStyle: "rectRot",
            pointRadius: 6, order: 1,
          },
        ],
      },
      options: {
        maintainAspectRatio: false,
        responsive: true,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: "bottom" } },
      },
    };
  }

  function predikat(data) {
    return {
      type: "line",
      data: {
        labels: data.labels,
        datasets: [{
          label: data.teks.predikat, data: data.data, borderColor: "#0d6efd",
          backgroundColor: "#0d6efd", tension: 0.2, pointRadius: 4,
        }],
      },
      options: {
        maintainAspectRatio: false,
        responsive: true,
        scales: {
          y: {
            min: 1, max: 5,
            ticks: { stepSize: 1, callback: function (v) { return data.skala[String(v)] || ""; } },
          },
        },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: function (c) { return data.skala[String(c.parsed.y)] || ""; } } },
        },
      },
    };
  }

  var JENIS = { tahapan: tahapan, kurva: kurva, predikat: predikat };

  function gambar(root) {
    if (typeof Chart === "undefined") { return; }
    root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (canvas.dataset.digambar) { return; }
      var sumber = document.getElementById(canvas.dataset.chart);
      if (!sumber) { return; }
      var data = JSON.parse(sumber.textContent);
      var buat = JENIS[data.jenis];
      if (!buat) { return; }
      canvas.dataset.digambar = "1";
      new Chart(canvas, buat(data));
    });
  }

  function pohon(root) {
    root.querySelectorAll("[data-pohon]").forEach(function (tombol) {
      if (tombol.dataset.siap) { return; }
      tombol.dataset.siap = "1";
      tombol.addEventListener("click", function () {
        var buka = tombol.dataset.pohon === "buka";
        var target = document.querySelector(tombol.dataset.target || ".pohon");
        if (!target) { return; }
        target.querySelectorAll("details").forEach(function (d) { d.open = buka; });
      });
    });
  }

  function mulai(root) { gambar(root); pohon(root); }

  document.addEventListener("DOMContentLoaded", function () { mulai(document); });
  document.body.addEventListener("htmx:afterSettle", function (e) { mulai(e.target); });
})();
