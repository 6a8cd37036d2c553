import { z } from 'zod';
import { APPLICATION_DOCUMENTS } from '../types';
import type { AdmissionRuleDefinition, ApplicationDocument } from '../types';

/** 必备资料: every listed document must be uploaded; a missing one asks the applicant for it (needs-info). */
const args = z.strictObject({
  documents: z
    .array(z.enum(Object.keys(APPLICATION_DOCUMENTS) as [ApplicationDocument, ...ApplicationDocument[]]))
    .min(1)
    .max(10),
});

export const requiredDocuments = {
  code: 'required_documents',
  title: '必备资料',
  args,
  example: { documents: ['licence'] },
  evaluate(a, f) {
    const missing = a.documents.filter((d) => !f.documents[d]).map((d) => APPLICATION_DOCUMENTS[d]);
    if (missing.length > 0) return { outcome: 'needs_info', points: 0, note: `请补充：${missing.join('、')}`, missing };
    return { outcome: 'pass', points: 10, note: '资料齐全' };
  },
} satisfies AdmissionRuleDefinition<'required_documents', typeof args>;
