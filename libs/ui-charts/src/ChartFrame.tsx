import type { ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';

export interface ChartFrameProps {
  testId: string;
  /** A fixed width draws the chart as is (tests, print); without one the chart follows its container's width. */
  width?: number;
  height: number;
  /**
   * `fill`: the box itself takes the size (width or 100%, height) and the chart
   * fills it, so an empty or loading chart keeps its place in the layout;
   * `wrap` (default): the box wraps whatever the chart draws.
   */
  box?: 'wrap' | 'fill';
  /** Extra `data-*` attributes on the box, for tests and styling. */
  data?: Record<`data-${string}`, string | number>;
  children: ReactElement;
}

/**
 * The one frame every chart of this library is drawn in: a box carrying the
 * chart's test id, and a recharts ResponsiveContainer unless a fixed width
 * was asked for (recharts cannot measure a container in jsdom, so tests pass
 * a width).
 */
export function ChartFrame({ testId, width, height, box = 'wrap', data, children }: ChartFrameProps) {
  const fill = box === 'fill';
  return (
    <div data-testid={testId} {...data} style={fill ? { width: width ?? '100%', height } : undefined}>
      {width ? (
        children
      ) : (
        <ResponsiveContainer width="100%" height={fill ? '100%' : height}>
          {children}
        </ResponsiveContainer>
      )}
    </div>
  );
}
