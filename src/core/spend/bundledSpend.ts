// Everything the spend panel needs at run time, in one bundle (dist/spend.js) that the
// extension loads on the panel's first query: DuckDB, the HTTP backends and the AWS SDK
// stay out of activation.
export { parseFinopsConfig } from '../config/finopsConfig';
export { chooseSpendSection, createBackend, sourceKind } from './backendFactory';
export { newCrossings, thresholdNoticeKey } from './budgetStatus';
export { matchDeclared } from './declaredResources';
export { todayUtc } from './period';
export { buildSpendReport } from './spendReport';
export { originOf } from './tokenOrigin';
export { SpendSourceError } from './types';
