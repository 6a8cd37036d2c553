import { createRouter } from '../../_kit/router';
import { admissionRules } from './actions/admission-rules';
import { apply } from './actions/apply';
import { applyOptions } from './actions/apply-options';
import { approve } from './actions/approve';
import { blacklist } from './actions/blacklist';
import { get } from './actions/get';
import { inviteStaff } from './actions/invite-staff';
import { list } from './actions/list';
import { myApplication } from './actions/my-application';
import { myCredit } from './actions/my-credit';
import { reject } from './actions/reject';
import { removeStaff } from './actions/remove-staff';
import { requestInfo } from './actions/request-info';
import { reviewQueue } from './actions/review-queue';
import { setCredit } from './actions/set-credit';
import { setLevel } from './actions/set-level';
import { setAdmissionRules } from './actions/set-admission-rules';
import { setOrdering } from './actions/set-ordering';
import { setTwoTier } from './actions/set-two-tier';

/**
 * dealers: 申请加盟 and its screening (shared/admission), review by the region's channel manager,
 * the dealer's people (invitations, removal), and the master data the brand manages.
 */
export const main = createRouter('dealers', {
  apply,
  applyOptions,
  myApplication,
  reviewQueue,
  approve,
  reject,
  requestInfo,
  inviteStaff,
  removeStaff,
  list,
  get,
  setCredit,
  setOrdering,
  setTwoTier,
  setLevel,
  blacklist,
  myCredit,
  admissionRules,
  setAdmissionRules,
});
