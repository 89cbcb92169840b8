export { RecommendationService, INDEX_DAYS, FIRST_EDITION_DAYS, type Recommendation, type Recommendations } from './recommendation.service.js';
