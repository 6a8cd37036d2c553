export * from './credit-code';
export * from './regions';
export * from './rule-set';
export * from './screen';
export * from './types';
export { ADMISSION_RULES } from './rules';
export type { AdmissionRuleCode } from './rules';
