import {
  BarController, BarElement, CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import type { SpendReport } from '../src/shared/messages';
import { money } from './format';
import { themeColors, type ThemeColors } from './theme';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend, Filler);

/** Groups drawn separately; the rest are summed as "other" so the legend stays readable in a sidebar. */
export const MAX_STACKED_GROUPS = 8;

export interface StackedData {
  labels: string[];
  groups: { key: string; values: number[] }[];
}

export function stackedSeries(report: SpendReport): StackedData {
  const labels = [...new Set(report.series.map((p) => p.date))].sort();
  const index = new Map(labels.map((d, i) => [d, i]));
  const top = report.groups.slice(0, MAX_STACKED_GROUPS).map((g) => g.key);
  const keys = report.groups.length > MAX_STACKED_GROUPS ? [...top, 'other'] : top;
  const values = new Map(keys.map((k) => [k, labels.map(() => 0)]));
  for (const p of report.series) {
    const key = top.includes(p.key) ? p.key : 'other';
    const row = values.get(key);
    const i = index.get(p.date);
    if (row && i !== undefined) row[i] += p.cost;
  }
  return { labels, groups: keys.map((key) => ({ key, values: values.get(key) ?? [] })) };
}

export interface BurnData {
  labels: string[];
  cumulative: (number | null)[];
  budget?: number;
  forecast: (number | null)[];
}

/** Cumulative spend per day of the month, the budget line, and a dashed run to the forecast. */
export function burnSeries(report: SpendReport): BurnData {
  const { month } = report;
  const labels: string[] = [];
  const end = month.forecast.periodEnd;
  for (let d = month.from; d <= end; d = nextDay(d)) labels.push(d);
  const byDay = new Map(month.daily.map((p) => [p.date, p.cost]));
  let sum = 0;
  const cumulative = labels.map((d) => (d <= month.to ? (sum += byDay.get(d) ?? 0) : null));
  const forecast = labels.map((d) => (d === month.to ? sum : d === end ? month.forecast.amount : null));
  return { labels, cumulative, budget: month.budget, forecast };
}

function nextDay(d: string): string {
  return new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function axes(c: ThemeColors, currency: string, stacked: boolean) {
  return {
    x: { stacked, ticks: { color: c.muted, maxRotation: 0, autoSkipPadding: 12 }, grid: { display: false } },
    y: { stacked, ticks: { color: c.muted, callback: (v: string | number) => money(Number(v), currency, 0) }, grid: { color: c.grid } },
  };
}

export function stackedConfig(data: StackedData, currency: string, c: ThemeColors = themeColors()): ChartConfiguration<'bar'> {
  return {
    type: 'bar',
    data: {
      labels: data.labels.map((d) => d.slice(5)),
      datasets: data.groups.map((g, i) => ({ label: g.key, data: g.values, backgroundColor: c.series[i % c.series.length], borderWidth: 0 })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: axes(c, currency, true),
      plugins: {
        legend: { position: 'bottom', labels: { color: c.foreground, boxWidth: 10 } },
        tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label ?? ''}: ${money(Number(ctx.raw), currency)}` } },
      },
    },
  };
}

export function burnConfig(data: BurnData, currency: string, c: ThemeColors = themeColors()): ChartConfiguration<'line'> {
  const datasets: ChartConfiguration<'line'>['data']['datasets'] = [
    { label: 'Actual (cumulative)', data: data.cumulative, borderColor: c.series[0], backgroundColor: c.series[0], pointRadius: 0, tension: 0.1 },
    { label: 'Forecast', data: data.forecast, borderColor: c.forecast, borderDash: [4, 4], pointRadius: 2, spanGaps: true },
  ];
  if (data.budget !== undefined) {
    datasets.push({ label: 'Budget', data: data.labels.map(() => data.budget ?? null), borderColor: c.budget, pointRadius: 0, borderWidth: 1.5 });
  }
  return {
    type: 'line',
    data: { labels: data.labels.map((d) => d.slice(5)), datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: axes(c, currency, false),
      plugins: {
        legend: { position: 'bottom', labels: { color: c.foreground, boxWidth: 10 } },
        tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label ?? ''}: ${money(Number(ctx.raw), currency)}` } },
      },
    },
  };
}

/** Keeps one Chart per canvas and rebuilds it on new data or a theme change. */
export class ChartSlot<T extends 'bar' | 'line'> {
  private chart: Chart<T> | undefined;

  constructor(readonly canvas: HTMLCanvasElement) {}

  draw(config: ChartConfiguration<T>): void {
    this.chart?.destroy();
    this.chart = new Chart(this.canvas, config);
    this.canvas.dataset.drawn = String(Number(this.canvas.dataset.drawn ?? '0') + 1);
  }
}
