import { blacklist } from './blacklist';
import { districtConflict } from './district-conflict';
import { duplicateCreditCode } from './duplicate-credit-code';
import { minimumScale } from './minimum-scale';
import { regionQuota } from './region-quota';
import { requiredDocuments } from './required-documents';

/** Every admission rule by its stable code. */
export const ADMISSION_RULES = {
  region_quota: regionQuota,
  required_documents: requiredDocuments,
  minimum_scale: minimumScale,
  blacklist,
  duplicate_credit_code: duplicateCreditCode,
  district_conflict: districtConflict,
} as const;

export type AdmissionRuleCode = keyof typeof ADMISSION_RULES;
