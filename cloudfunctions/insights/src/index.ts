import { createRouter } from '../../_kit/router';
import { alerts } from './actions/alerts';
import { dealerInsight } from './actions/dealer-insight';
import { forecasts } from './actions/forecasts';
import { handleAlert } from './actions/handle-alert';
import { health } from './actions/health';
import { runDay } from './actions/run-day';
import { trends } from './actions/trends';
import { nightly } from './timers/nightly';

/** insights: nightly sales aggregates and anomaly alerts for the channel managers (shared/insights). */
export const main = createRouter('insights', { runDay, alerts, handleAlert, trends, forecasts, health, dealerInsight }, { nightly });
