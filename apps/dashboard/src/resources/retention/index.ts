import TimelineIcon from '@mui/icons-material/Timeline';
import { definePage } from '../types';
import { RetentionScreen } from './RetentionScreen';

/** A screen, not a record type: only a list route, which the retention screen fills. */
export const retention = definePage('Retention', TimelineIcon, RetentionScreen);
