// Public API of @crosslane/domain-voice: the voice of the customer from partner reviews and market signals. Pure; no I/O.
export { STOP_WORDS, tokenise, bigrams, reviewTerms } from './tokenise';
export { logOddsDirichlet, type LogOddsOptions, type LogOddsResult } from './log-odds-dirichlet';
export {
  reviewThemes,
  type ReviewText,
  type ReviewTheme,
  type ReviewThemes,
  type ReviewThemesOptions,
  type ThemeExample,
} from './review-themes';
export {
  fallingItems,
  ratingSummary,
  ratingTrend,
  SMALL_SAMPLE_REVIEWS,
  type ItemRatingChange,
  type RatingSummary,
  type RatingTrend,
} from './rating-summary';
export { pearson, uxConsistencyScore, marketComplementarityScore, type MeasuredScore } from './measured-scores';
