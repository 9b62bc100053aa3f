import type { UsagePoint } from '@portico/contracts';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/**
 * The canvas chart (uPlot: ~20 KB gzip, maintained, fast for hundreds of points). This module is
 * only ever loaded through `React.lazy`, so neither uPlot nor its CSS is in the portal's first chunk.
 * The canvas is decorative for assistive technology: `UsageChart` around it says the same in text.
 */
export interface UsagePlotProps {
  series: UsagePoint[];
  stepSeconds: number;
  height?: number;
}

function cssColor(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

/** A see-through version of a `#rrggbb` colour for bar fills; other notations are used as they are. */
const translucent = (color: string): string => (/^#[0-9a-f]{6}$/i.test(color) ? `${color}59` : color);

export default function UsagePlot({ series, stepSeconds, height = 220 }: UsagePlotProps) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const primary = cssColor('--color-primary', '#4338ca');
    const warning = cssColor('--color-warning', '#93370d');
    const danger = cssColor('--color-danger', '#b42318');
    const info = cssColor('--color-info', '#175cd3');
    const muted = cssColor('--color-text-muted', '#5a6075');
    const grid = cssColor('--color-border', '#dcdfe8');

    // Bars sit in the middle of their step; uPlot's time scale is in seconds.
    const xs = series.map((point) => Date.parse(point.t) / 1000 + stepSeconds / 2);
    const data: uPlot.AlignedData = [
      xs,
      series.map((point) => point.requests),
      series.map((point) => point.throttled),
      series.map((point) => point.status5xx),
      series.map((point) => point.p95Ms),
    ];
    const axis = { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const bars = uPlot.paths.bars?.({ size: [0.8, 40] });
    const options: uPlot.Options = {
      width: Math.max(element.clientWidth, 280),
      height,
      legend: { live: true },
      cursor: { points: { show: false } },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(max, 1)] } },
      series: [
        {},
        {
          label: 'Requests',
          stroke: primary,
          fill: translucent(primary),
          width: 1,
          ...(bars ? { paths: bars } : {}),
        },
        { label: 'Throttled (429)', stroke: warning, width: 2, points: { show: false } },
        { label: 'Server errors (5xx)', stroke: danger, width: 2, points: { show: false } },
        {
          label: 'p95 latency (ms)',
          stroke: info,
          width: 1.5,
          dash: [6, 4],
          scale: 'ms',
          points: { show: false },
        },
      ],
      axes: [
        { ...axis },
        { ...axis, label: 'requests', size: 56 },
        { ...axis, scale: 'ms', side: 1, label: 'ms', size: 56, grid: { show: false } },
      ],
    };
    const plot = new uPlot(options, data, element);
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(element.clientWidth, 280), height }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [series, stepSeconds, height]);

  return <div ref={container} className="usage-plot" aria-hidden="true" />;
}
