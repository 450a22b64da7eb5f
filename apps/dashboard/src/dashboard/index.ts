export { Home } from './Home';
export { dateRangeLabel } from './date-range';
