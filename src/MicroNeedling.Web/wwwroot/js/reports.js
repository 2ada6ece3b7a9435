// Draws each report table's chart from its JSON island (<script type="application/json">), with the vendored Chart.js.
// No inline script: the page's CSP allows scripts from this site only. The table under each chart holds the same numbers
// and is what screen readers and print use.
(function () {
    'use strict';
    if (typeof window.Chart === 'undefined') {
        return;
    }

    // Colour-blind-safe palette (Okabe-Ito), dark enough against white.
    var palette = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];
    var reducedMotion = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

    document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
        var island = document.getElementById(canvas.getAttribute('data-chart'));
        if (!island) {
            return;
        }

        var data = JSON.parse(island.textContent);
        var datasets = data.datasets.map(function (set, i) {
            var colour = palette[i % palette.length];
            return {
                label: set.label,
                data: set.data,
                backgroundColor: colour,
                borderColor: colour,
                borderWidth: data.kind === 'line' ? 2 : 0,
                spanGaps: false,
            };
        });

        new window.Chart(canvas, {
            type: data.kind,
            data: { labels: data.labels, datasets: datasets },
            options: {
                animation: reducedMotion ? false : { duration: 300 },
                maintainAspectRatio: false,
                responsive: true,
                scales: {
                    x: { stacked: data.stacked },
                    y: {
                        stacked: data.stacked,
                        beginAtZero: true,
                        ticks: {
                            precision: 0,
                            callback: function (value) { return value + data.unit; },
                        },
                    },
                },
                plugins: {
                    legend: { position: 'bottom' },
                    tooltip: {
                        callbacks: {
                            label: function (item) {
                                return item.dataset.label + ': ' + (item.raw === null ? '–' : item.raw + data.unit);
                            },
                        },
                    },
                },
            },
        });
    });
}());
