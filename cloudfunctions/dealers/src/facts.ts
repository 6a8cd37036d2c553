import type { AdmissionFacts } from '@shared/admission';
import type { ApplicationForm } from '@shared/admission/stored';
import type { Db } from '../../_kit/db';

/**
 * What screening needs to know about an application, read in parallel: the blacklist, the credit
 * code's history, the region's dealers of the level asked for and the district's. Screening itself
 * is pure (shared/admission/screen).
 */
export async function loadFacts(db: Db, form: ApplicationForm, region: string): Promise<AdmissionFacts> {
  const [black, code, regionCount, district] = await Promise.all([
    db.getById('dealer_blacklist', form.creditCode),
    db.getById('credit_codes', form.creditCode),
    db.count('dealers', { region, level: form.desiredLevel, status: 'active' }),
    db.find('dealers', { districtCode: form.district.code, level: form.desiredLevel, status: 'active' }, { limit: 5, fields: { name: true } }),
  ]);
  const holder = code?.dealerId ? await db.getById('dealers', code.dealerId) : null;
  return {
    creditCode: form.creditCode,
    desiredLevel: form.desiredLevel,
    region,
    districtCode: form.district.code,
    stores: form.stores,
    annualSalesFen: form.annualSalesFen,
    documents: form.licenceFileId ? { licence: form.licenceFileId } : {},
    blacklisted: black ? { reason: black.reason } : null,
    dealersWithCode: holder ? [holder.name] : [],
    earlierApplications: code?.closedApplications ?? 0,
    regionDealersByLevel: { [form.desiredLevel]: regionCount },
    districtDealersAtLevel: district.map((d) => d.name),
  };
}
