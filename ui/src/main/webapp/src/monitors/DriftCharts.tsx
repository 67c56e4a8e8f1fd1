import { useEffect, useRef } from 'react';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { BinRow, MeasureSeries } from './monitors';
import { statisticText } from './monitors';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

const REFERENCE = '#8a93a8';
const LIVE = '#3f6fd8';
const THRESHOLD = '#b3261e';

/** An ECharts canvas drawn with {@code option}, again when {@code key} changes, resized with the window. */
function useChart(option: () => echarts.EChartsCoreOption, key: unknown[]) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return undefined;
    const chart = echarts.init(element.current, undefined, { renderer: 'canvas' });
    chart.setOption(option());
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, key);
  return element;
}

/**
 * Both windows' histograms side by side, as shares of their records (the windows may hold very different numbers of
 * records): a category per key, or a numeric bin per range. The counts are in the table beside it.
 */
export function PairedHistogram({ rows, title, numeric }: { rows: BinRow[]; title: string; numeric: boolean }) {
  const many = rows.length > 12;
  const longest = Math.max(0, ...rows.map((r) => r.label.length));
  // labels slant only when they would not fit side by side
  const slanted = many || (rows.length > 3 && longest > 10) || rows.length * longest > 90;
  const element = useChart(() => ({
    animation: false,
    tooltip: {
      trigger: 'axis', axisPointer: { type: 'shadow' },
      valueFormatter: (share: number) => `${(share * 100).toFixed(1)} %`,
    },
    legend: { top: 0, data: ['reference', 'live'] },
    grid: { left: 44, right: 12, top: 30, bottom: slanted ? 64 : 32, containLabel: false },
    xAxis: {
      type: 'category', data: rows.map((r) => r.label),
      axisLabel: { interval: many ? 'auto' : 0, rotate: slanted ? 40 : 0, fontSize: 11, hideOverlap: true,
        // a numeric bin is named on the axis by where it starts (its whole range is in the tooltip and the table)
        formatter: (label: string) => (numeric && label.includes('–') ? label.split('–')[0]
          : label.length > 18 ? `${label.slice(0, 17)}…` : label) },
    },
    yAxis: { type: 'value', min: 0, axisLabel: { formatter: (share: number) => `${Math.round(share * 100)} %` } },
    series: [
      { name: 'reference', type: 'bar', data: rows.map((r) => r.referenceShare), itemStyle: { color: REFERENCE } },
      { name: 'live', type: 'bar', data: rows.map((r) => r.liveShare), itemStyle: { color: LIVE } },
    ],
  }), [rows, numeric]);
  return <div ref={element} className="canvas histogram-canvas" role="img" aria-label={`${title}: reference and live histograms`} />;
}

/**
 * A measure's statistic over its evaluations (on a time axis) with the threshold drawn across the whole chart (the
 * latest one: an edit may have moved it); gaps where the measure was not judged.
 */
export function StatisticLine({ series, title }: { series: MeasureSeries; title: string }) {
  const element = useChart(() => {
    const threshold = series.thresholds[series.thresholds.length - 1] ?? 0;
    const at = series.times.map((t) => new Date(t).getTime());
    // the axis spans the evaluations, a little past either end (at least ten minutes: one evaluation sits mid-axis)
    const pad = Math.max(((at[at.length - 1] ?? 0) - (at[0] ?? 0)) * 0.05, 5 * 60_000);
    return {
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => statisticText(v) },
      legend: { top: 0, data: [series.statistic] },
      grid: { left: 48, right: 96, top: 30, bottom: 28 },
      xAxis: { type: 'time', min: (at[0] ?? 0) - pad, max: (at[at.length - 1] ?? 0) + pad, axisLabel: { hideOverlap: true } },
      // the threshold stays in sight above values below it
      yAxis: { type: 'value', min: 0, max: (extent: { max: number }) => niceCeiling(Math.max(extent.max, threshold) * 1.15) },
      series: [{
        name: series.statistic, type: 'line', data: at.map((t, i) => [t, series.values[i]]),
        connectNulls: false, showSymbol: series.times.length < 60, symbolSize: 8, itemStyle: { color: LIVE },
        markLine: {
          silent: true, symbol: 'none', data: [{ yAxis: threshold }],
          lineStyle: { type: 'dashed', color: THRESHOLD, width: 2 },
          label: { position: 'end', formatter: `threshold ${statisticText(threshold)}`, color: THRESHOLD },
        },
      }],
    };
  }, [series]);
  return <div ref={element} className="canvas series-canvas" role="img" aria-label={`${title} over time, with its threshold`} />;
}

/** A round number at or above {@code value}: 1, 2 or 5 times a power of ten, or a tenth of it. */
function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((m) => m * power >= value) ?? 10;
  return Number((step * power).toPrecision(3));
}
