/**
 * The Monitor tab's time-series charts on uPlot. This module (with uPlot and its CSS) is
 * loaded only when the Monitor tab opens, so the app's first download stays small.
 * Colours come from the theme's CSS variables and are re-read when the theme changes.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** One line of a chart. */
export interface ChartSeries {
  label: string;
  /** A CSS variable of the theme (`--link`), with a fallback colour. */
  colorVar: string;
  fallback: string;
  /** Which y scale: 'y' (left axis) or 'y2' (right axis). */
  scale?: 'y' | 'y2';
  format: (value: number | null) => string;
  /** Draw a dashed line (a second figure on the same axis). */
  dashed?: boolean;
}

export interface ChartSpec {
  series: ChartSeries[];
  /** Axis labels (units). */
  yLabel: string;
  y2Label?: string;
  /** Fixed range of the right axis (success rate: 0–100). */
  y2Range?: [number, number];
  /** Counts never go below 0 and show at least 0–1. */
  counts?: boolean;
  height?: number;
}

/** x (epoch seconds), then one array per series. */
export type ChartData = [number[], ...Array<Array<number | null>>];

export interface ChartHandle {
  setData(data: ChartData): void;
  destroy(): void;
}

interface Palette {
  text: string;
  muted: string;
  grid: string;
  font: string;
  colors: string[];
}

function palette(host: HTMLElement, spec: ChartSpec): Palette {
  const style = getComputedStyle(host);
  const read = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  const family = style.fontFamily || 'sans-serif';
  return {
    text: read('--text', '#16191f'),
    muted: read('--muted', '#5f6b7a'),
    grid: read('--chart-grid', read('--border', '#d5dbdb')),
    font: `12px ${family}`,
    colors: spec.series.map((s) => read(s.colorVar, s.fallback)),
  };
}

/** Short tick labels for a time axis spanning hours: 14:05. */
function timeTicks(_u: uPlot, splits: number[]): string[] {
  return splits.map((s) => {
    const d = new Date(s * 1000);
    return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  });
}

function options(host: HTMLElement, spec: ChartSpec): uPlot.Options {
  const p = palette(host, spec);
  const axis = (label: string, side: 1 | 3, scale: string, values?: uPlot.Axis['values']): uPlot.Axis => ({
    scale,
    side,
    label,
    stroke: p.muted,
    font: p.font,
    labelFont: `600 ${p.font}`,
    labelSize: 18,
    grid: { show: side === 3, stroke: p.grid, width: 1 },
    ticks: { show: true, stroke: p.grid, width: 1, size: 4 },
    size: 56,
    ...(values === undefined ? {} : { values }),
  });
  const hasY2 = spec.series.some((s) => s.scale === 'y2');
  const countRange: uPlot.Scale.Range = (_u, _min, max) => [0, Math.max(1, Math.ceil((max ?? 1) * 1.15))];
  const valueRange: uPlot.Scale.Range = (_u, _min, max) => [0, Math.max(1, (max ?? 1) * 1.15)];
  // Half a minute of margin each side, so the newest minute's dot is not cut by the edge.
  const timeRange: uPlot.Scale.Range = (_u, min, max) => [(min ?? 0) - 30, (max ?? 0) + 30];
  const scales: uPlot.Scales = { x: { time: true, range: timeRange }, y: { range: spec.counts ? countRange : valueRange } };
  if (hasY2) scales['y2'] = { range: spec.y2Range ?? valueRange };
  const axes: uPlot.Axis[] = [
    { stroke: p.muted, font: p.font, grid: { show: true, stroke: p.grid, width: 1 }, ticks: { show: true, stroke: p.grid, width: 1, size: 4 }, values: timeTicks },
    axis(spec.yLabel, 3, 'y', spec.counts ? (_u, splits) => splits.map((v) => (Number.isInteger(v) ? String(v) : '')) : undefined),
  ];
  if (hasY2) axes.push(axis(spec.y2Label ?? '', 1, 'y2'));
  return {
    width: Math.max(200, host.clientWidth),
    height: spec.height ?? 200,
    scales,
    axes,
    cursor: { drag: { x: false, y: false }, points: { size: 6 } },
    legend: { show: true, live: true },
    series: [
      { label: 'Time', value: (_u, v) => (v === null ? '–' : new Date(v * 1000).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })) },
      ...spec.series.map(
        (s, i): uPlot.Series => ({
          label: s.label,
          scale: s.scale ?? 'y',
          stroke: p.colors[i],
          width: 2,
          ...(s.dashed ? { dash: [6, 4] } : {}),
          spanGaps: false,
          // Dots only where something happened: a lone minute with data is invisible as a line.
          points: { show: true, size: 5, fill: p.colors[i], filter: (u: uPlot, seriesIndex: number) => marked(u.data[seriesIndex] as Array<number | null>) },
          value: (_u, v) => s.format(v),
        }),
      ),
    ],
  };
}

/** The indices of minutes with a non-zero value, when there are few of them (else none: the line shows them). */
function marked(values: Array<number | null>): number[] | null {
  const indices: number[] = [];
  values.forEach((v, i) => {
    if (v !== null && v !== undefined && v !== 0) indices.push(i);
  });
  return indices.length <= 60 ? indices : [];
}

/** Calls `changed` when the theme may have changed: the OS scheme, or attributes of <html>/<body>. */
function watchTheme(changed: () => void): () => void {
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  media.addEventListener('change', changed);
  const observer = new MutationObserver(changed);
  for (const element of [document.documentElement, document.body]) {
    observer.observe(element, { attributes: true, attributeFilter: ['class', 'data-theme', 'style'] });
  }
  return () => {
    media.removeEventListener('change', changed);
    observer.disconnect();
  };
}

/** Draws a chart into `host`; it follows the host's width and the theme. */
export function createChart(host: HTMLElement, spec: ChartSpec, data: ChartData): ChartHandle {
  let current = data;
  let plot = new uPlot(options(host, spec), current, host);
  const rebuild = (): void => {
    plot.destroy();
    plot = new uPlot(options(host, spec), current, host);
  };
  let lastWidth = host.clientWidth;
  const resize = new ResizeObserver(() => {
    const width = host.clientWidth;
    if (width === lastWidth || width === 0) return;
    lastWidth = width;
    plot.setSize({ width: Math.max(200, width), height: spec.height ?? 200 });
  });
  resize.observe(host);
  const stopWatching = watchTheme(rebuild);
  return {
    setData(next) {
      current = next;
      plot.setData(next);
    },
    destroy() {
      resize.disconnect();
      stopWatching();
      plot.destroy();
    },
  };
}
