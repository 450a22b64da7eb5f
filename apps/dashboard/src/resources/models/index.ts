import ModelTrainingIcon from '@mui/icons-material/ModelTraining';
import { defineResource } from '../types';
import { ModelList } from './ModelList';
import { ModelShow } from './ModelShow';

/** Registered as "recommender/models" so the simple-REST provider calls /api/recommender/models. */
export const models = defineResource('Models', ModelTrainingIcon, { list: ModelList, show: ModelShow }, { recordRepresentation: 'name' });
