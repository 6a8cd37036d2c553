import { contracts } from '@shared/contracts';
import { PUBLIC } from '@shared/roles';
import { defineAction } from '../../../_kit/router';
import { applicationView } from '../views';

/** The caller's latest application, so the applicant sees its status (and what to add) when they come back. */
export const myApplication = defineAction(contracts.dealers.myApplication, [PUBLIC], async (_input, { caller, db }) => {
  if (!caller.openid) return { application: null };
  const [latest] = await db.find('dealer_applications', { applicantOpenid: caller.openid }, { orderBy: [['submittedAt', 'desc']], limit: 1 });
  return { application: latest ? applicationView(latest) : null };
});
