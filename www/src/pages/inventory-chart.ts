// The inventory chart: for each warehouse, its available, incoming and reserved stock
// (summed over the SKUs the search leaves), as grouped bars from zero, so a negative
// reserved total is a bar below the axis.
//
// Drawn with Chart.js (tree-shaken to bars: ~55 kB gzipped, loaded only with this page).
// Compared: uPlot (~22 kB gzipped + CSS) is built for time series, and grouped category
// bars need a plugin of one's own; Chartist (~12 kB, SVG) writes style="..." attributes,
// which the dashboard's CSP (style-src 'self') refuses. None of the three is accessible
// on its own: the canvas has a text summary (role="img" + label) and the same numbers
// are a table next to it.

import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { formatNumber } from '../format';
import type { Quantities, WarehouseColumn } from './inventory-model';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

// Colours with a 3:1 contrast against white, told apart by the legend and the table too.
const SERIES: { key: keyof Quantities; label: string; colour: string }[] = [
  { key: 'available', label: 'Available', colour: '#1f4e79' },
  { key: 'incoming', label: 'Incoming', colour: '#2e7d32' },
  { key: 'reserved', label: 'Reserved', colour: '#b45309' },
];

export interface StockChart {
  update: (totals: (WarehouseColumn & Quantities)[]) => void;
  destroy: () => void;
}

/** A chart on `canvas`; `update` redraws it for new totals. */
export function stockChart(canvas: HTMLCanvasElement, totals: (WarehouseColumn & Quantities)[]): StockChart {
  const chart = new Chart<'bar', number[], string>(canvas, {
    type: 'bar',
    data: { labels: [], datasets: SERIES.map((s) => ({ label: s.label, data: [] as number[], backgroundColor: s.colour })) },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: { y: { beginAtZero: true, ticks: { callback: (value) => formatNumber(Number(value)) } } },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label ?? ''}: ${formatNumber(Number(item.raw))}` } },
      },
    },
  });
  const update = (next: (WarehouseColumn & Quantities)[]): void => {
    chart.data.labels = next.map((w) => w.name);
    SERIES.forEach((s, i) => {
      const dataset = chart.data.datasets[i];
      if (dataset) dataset.data = next.map((w) => w[s.key]);
    });
    chart.update();
    canvas.setAttribute('aria-label', chartSummary(next));
  };
  update(totals);
  return { update, destroy: () => chart.destroy() };
}

/** The chart in words, for the canvas's label. */
export function chartSummary(totals: readonly (WarehouseColumn & Quantities)[]): string {
  if (totals.length === 0) return 'Stock per warehouse: no warehouses';
  const parts = totals.map(
    (w) => `${w.name}: ${formatNumber(w.available)} available, ${formatNumber(w.incoming)} incoming, ${formatNumber(w.reserved)} reserved`,
  );
  return `Stock per warehouse. ${parts.join('; ')}. The same numbers are in the table below the chart.`;
}
