import { useEffect, useRef } from 'react';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { Line } from '../monitoring';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

interface Props {
  title: string;
  times: string[];
  lines: Line[];
  kind: 'bar' | 'line';
  /** Fixed 0..1 axis for shares and confidences. */
  unit?: boolean;
}

/** One time-series chart (ECharts on a canvas) with its title; the numbers are also in the page's data table. */
export function Chart({ title, times, lines, kind, unit }: Props) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) {
      return undefined;
    }
    const chart = echarts.init(element.current, undefined, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 48, right: 16, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: times.map((t) => new Date(t).toLocaleString('en', { dateStyle: 'short', timeStyle: 'short' })) },
      yAxis: unit ? { type: 'value', min: 0, max: 1 } : { type: 'value', minInterval: 1 },
      series: lines.map((line) => ({
        name: line.name, type: kind, data: line.values, stack: kind === 'bar' ? 'total' : undefined,
        connectNulls: false, showSymbol: times.length < 40,
      })),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [title, times, lines, kind, unit]);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div ref={element} className="canvas" role="img" aria-label={`${title} chart`} />
    </figure>
  );
}
