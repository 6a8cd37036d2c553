import { createRouter } from '../../_kit/router';
import { alerts } from './actions/alerts';
import { ask } from './actions/ask';
import { backfill } from './actions/backfill';
import { brief } from './actions/brief';
import { dealerInsight } from './actions/dealer-insight';
import { forecasts } from './actions/forecasts';
import { handleAlert } from './actions/handle-alert';
import { health } from './actions/health';
import { runDay } from './actions/run-day';
import { trends } from './actions/trends';
import { nightly } from './timers/nightly';
import { weeklyBrief } from './timers/weekly-brief';

/** insights: nightly sales aggregates and anomaly alerts for the channel managers (shared/insights). */
export const main = createRouter(
  'insights',
  { runDay, backfill, alerts, handleAlert, trends, forecasts, health, dealerInsight, ask, brief },
  { nightly, weeklyBrief },
);
