export { movingAverage, fillMissingDays, withMovingAverage } from './moving-average';
export type { DomainDay, DomainDayWithAverage } from './moving-average';
export { InteractionsByDomainChart } from './InteractionsByDomainChart';
export type { InteractionsByDomainChartProps } from './InteractionsByDomainChart';
