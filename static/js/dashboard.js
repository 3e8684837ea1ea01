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

  const scatter = canvas("jx-chart-scatter");
  if (scatter) {
    const s = data.scatter;
    new Chart(scatter, {
      type: "scatter",
      data: {
        datasets: [
          { label: s.normalLabel, data: s.normal, backgroundColor: "#0d6efd", pointRadius: 4 },
          {
            label: s.warningLabel,
            data: s.warning,
            backgroundColor: GOLD,
            borderColor: RED,
            pointStyle: "triangle",
            pointRadius: 6,
          },
        ],
      },
      options: {
        maintainAspectRatio: false,
        scales: {
          x: { suggestedMin: 0, suggestedMax: 100, title: { display: true, text: s.xLabel } },
          y: { suggestedMin: 0, suggestedMax: 100, title: { display: true, text: s.yLabel } },
        },
        plugins: {
          tooltip: {
            callbacks: {
              label: (context) => {
                const point = context.raw;
                return `${point.label}: ${point.x}%, ${point.y}`;
              },
            },
          },
        },
      },
    });
  }
})();
