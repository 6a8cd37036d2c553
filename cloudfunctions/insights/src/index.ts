import { createRouter } from '../../_kit/router';
import { alerts } from './actions/alerts';
import { handleAlert } from './actions/handle-alert';
import { runDay } from './actions/run-day';
import { nightly } from './timers/nightly';

/** insights: nightly sales aggregates and anomaly alerts for the channel managers (shared/insights). */
export const main = createRouter('insights', { runDay, alerts, handleAlert }, { nightly });
