import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { Canvas, View } from '@tarojs/components';
// uCharts (@qiun/ucharts 2.5.0-20230101, pinned): measured against F2 and ECharts for this
// subpackage (README, 性能: 洞察图表库). One file that draws on a mini-program Canvas 2D and on an
// H5 canvas alike; 145 KB minified with every chart type, and only this subpackage loads it.
// Canvas 2D on WeChat: https://developers.weixin.qq.com/miniprogram/dev/component/canvas.html
import UCharts, { type UChartsOptions } from '@qiun/ucharts';
import './chart.scss';

type Canvas2D = { width: number; height: number; getContext(kind: '2d'): unknown };

/** The canvas node and its CSS width: a Canvas 2D node on WeChat, the <canvas> inside Taro's element on H5. */
function canvasOf(id: string): Promise<{ canvas: Canvas2D; width: number }> {
  if (process.env.TARO_ENV === 'h5') {
    const el = document.querySelector(`#${id} canvas`) ?? document.querySelector(`canvas#${id}`);
    return el
      ? Promise.resolve({ canvas: el as unknown as Canvas2D, width: (el as HTMLElement).clientWidth })
      : Promise.reject(new Error('chart canvas not found'));
  }
  return new Promise((resolve, reject) => {
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .fields({ node: true, size: true })
      .exec((res: Array<{ node?: Canvas2D; width?: number } | null>) => {
        const hit = res?.[0];
        if (hit?.node) resolve({ canvas: hit.node, width: hit.width ?? 300 });
        else reject(new Error('chart canvas not found'));
      });
  });
}

export interface ChartProps {
  id: string;
  type: UChartsOptions['type'];
  categories: string[];
  series: UChartsOptions['series'];
  /** What the chart shows, in words, for screen readers (the numbers are on the page as text too). */
  label: string;
  height?: number;
  extra?: UChartsOptions['extra'];
  legend?: boolean;
}

/**
 * A chart drawn once per data change. It is a picture of numbers the page also prints, so it is
 * marked as an image with a label and draws no tooltips.
 */
export function Chart({ id, type, categories, series, label, height = 200, extra, legend = true }: ChartProps) {
  const key = JSON.stringify([type, categories, series]);
  useEffect(() => {
    let gone = false;
    Taro.nextTick(() => {
      canvasOf(id)
        .then(({ canvas, width }) => {
          if (gone) return;
          const ratio = process.env.TARO_ENV === 'h5' ? window.devicePixelRatio || 1 : Taro.getWindowInfo().pixelRatio;
          canvas.width = width * ratio;
          canvas.height = height * ratio;
          new UCharts({
            type,
            context: canvas.getContext('2d'),
            canvas2d: true,
            width: width * ratio,
            height: height * ratio,
            pixelRatio: ratio,
            categories,
            series,
            animation: false,
            background: '#FFFFFF',
            padding: [12, 12, 4, 4],
            fontSize: 11,
            fontColor: '#646a73',
            dataLabel: false,
            legend: { show: legend, fontColor: '#1f2329' },
            xAxis: { disableGrid: true, labelCount: 7 },
            yAxis: { gridType: 'dash', data: [{ min: 0 }] },
            extra,
          });
        })
        .catch(() => undefined);
    });
    return () => {
      gone = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- redrawn when the data (key) changes
  }, [id, key, height]);
  return (
    <View className="insights-chart" role="img" aria-label={label}>
      <Canvas type="2d" id={id} className="insights-chart-canvas" style={{ height: `${height}px` }} />
    </View>
  );
}
