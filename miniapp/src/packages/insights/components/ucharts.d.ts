/** The parts of uCharts 2.5 (@qiun/ucharts, one ES module without typings) the 洞察 charts use. */
declare module '@qiun/ucharts' {
  export interface UChartsSeries {
    name: string;
    data: Array<number | null>;
    type?: 'line' | 'column' | 'area' | 'point';
    color?: string;
    lineType?: 'solid' | 'dash';
    style?: 'straight' | 'curve';
    connectNulls?: boolean;
    addPoint?: boolean;
    legendShape?: string;
    show?: boolean;
  }
  export interface UChartsOptions {
    type: 'line' | 'column' | 'area' | 'mix';
    context: unknown;
    canvas2d?: boolean;
    width: number;
    height: number;
    pixelRatio?: number;
    categories: string[];
    series: UChartsSeries[];
    animation?: boolean;
    background?: string;
    padding?: number[];
    fontSize?: number;
    fontColor?: string;
    dataLabel?: boolean;
    dataPointShape?: boolean;
    legend?: Record<string, unknown>;
    xAxis?: Record<string, unknown>;
    yAxis?: Record<string, unknown>;
    extra?: Record<string, unknown>;
  }
  export default class UCharts {
    constructor(options: UChartsOptions);
  }
}
