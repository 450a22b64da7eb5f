import ModelTrainingIcon from '@mui/icons-material/ModelTraining';
import { ALL_ROLES, type ResourceModule } from '../types';
import { ModelList } from './ModelList';
import { ModelShow } from './ModelShow';

/** Registered as "recommender/models" so the simple-REST provider calls /api/recommender/models. */
export const models: ResourceModule = {
  list: ModelList,
  show: ModelShow,
  icon: ModelTrainingIcon,
  options: { label: 'Models' },
  recordRepresentation: 'name',
  roles: ALL_ROLES,
};
