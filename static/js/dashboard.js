// The bureau's dashboard: draws the charts from the numbers the tables already show
// (json_script "jx-dashboard-data"). Without JavaScript or Chart.js the tables remain.
(() => {
  "use strict";
  const source = document.getElementById("jx-dashboard-data");
  if (!source || typeof window.Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  const Chart = window.Chart;

  const RED = "#a4141a";
  const GOLD = "#d4a017";
  const STATE_COLOURS = ["#6c757d", "#ced4da", "#0d6efd", "#ffc107", "#198754"];
  Chart.defaults.font.family =
    'system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif';
  Chart.defaults.animation = false;

  function canvas(id) {
    return document.getElementById(id);
  }

  const states = canvas("jx-chart-states");
  if (states) {
    new Chart(states, {
      type: "doughnut",
      data: {
        labels: data.states.labels,
        datasets: [{ data: data.states.counts, backgroundColor: STATE_COLOURS }],
      },
      options: { maintainAspectRatio: false, plugins: { legend: { position: "right" } } },
    });
  }

  const histogram = canvas("jx-chart-histogram");
  if (histogram) {
    const h = data.histogram;
    new Chart(histogram, {
      type: "bar",
      data: {
        labels: h.labels,
        datasets: [
          { label: h.selfLabel, data: h.self, backgroundColor: RED },
          { label: h.reviewLabel, data: h.review, backgroundColor: GOLD },
        ],
      },
      options: {
        maintainAspectRatio: false,
        scales: {
          y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: h.yLabel } },
        },
      },
    });
  }

  // Bubbles: the filings counted per 10-point band of execution rate (x) and score (y).
  const scatter = canvas("jx-chart-scatter");
  if (scatter) {
    const s = data.scatter;
    const radius = (n) => Math.min(28, 3 + 2.5 * Math.sqrt(n));
    const sized = (points) => points.map((p) => ({ x: p.x, y: p.y, r: radius(p.n), n: p.n }));
    const band = (centre) => `${centre - 5}–${centre + 5}`;
    new Chart(scatter, {
      type: "bubble",
      data: {
        datasets: [
          {
            label: s.normalLabel,
            data: sized(s.normal),
            backgroundColor: "rgba(13, 110, 253, 0.55)",
            clip: false,
          },
          {
            label: s.warningLabel,
            data: sized(s.warning),
            backgroundColor: "rgba(212, 160, 23, 0.75)",
            borderColor: RED,
            clip: false,
          },
        ],
      },
      options: {
        maintainAspectRatio: false,
        // A bubble of the top band or the last rate band is drawn whole, not cut at the axis.
        layout: { padding: { top: 30, right: 30 } },
        scales: {
          x: { min: 0, max: 110, title: { display: true, text: s.xLabel } },
          y: { min: 0, max: 100, title: { display: true, text: s.yLabel } },
        },
        plugins: {
          tooltip: {
            callbacks: {
              label: (context) => {
                const point = context.raw;
                const rate = point.x > 100 ? "≥100" : band(point.x);
                return `${context.dataset.label} · ${s.xLabel} ${rate} · ${s.yLabel} ${band(point.y)} · ${s.countLabel} ${point.n}`;
              },
            },
          },
        },
      },
    });
  }
})();
