/**
 * The machine-learning toolkit used by fidelity (detection, ML efficacy) and privacy audits:
 * feature encoding, histogram gradient-boosted trees, a logistic-regression baseline,
 * cross-validation and scores.
 */
export { type CrossValModel, crossValPredict, kFold, stratifiedKFold, trainRows } from './cross-validate.js';
export { type FeatureEncoder, type FeatureMatrix, fitFeatureEncoder, takeRows } from './features.js';
export { type GbtParams, GradientBoostedTrees } from './gbt.js';
export { type LogisticParams, LogisticRegression } from './logistic.js';
export * from './metrics.js';
