/**
 * Scores of the machine-learning toolkit, each checked against scikit-learn's definition:
 * ranking (`rocAuc`, `rocCurve`, `tprAtFpr`), classification (`f1Score`, `macroF1`, `accuracy`),
 * probabilistic (`logLoss`, `multiclassLogLoss`) and regression (`r2Score`).
 */
export { accuracy, f1Score, macroF1 } from './metrics/classification.js';
export { logLoss, multiclassLogLoss } from './metrics/log-loss.js';
export { r2Score } from './metrics/r2.js';
export { type RocCurve, rocAuc, rocCurve, tprAtFpr } from './metrics/roc.js';
