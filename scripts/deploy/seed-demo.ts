/**
 * --seed-demo: the demo data set (mocks/seed, generated as of today) loaded into a trial
 * environment, collection by collection, so a newcomer can try the deployed app. Production
 * environments refuse it: only an environment named as a trial may be seeded.
 */
import { generate } from '../../mocks/seed';
import type { CloudClient } from './clients';

/**
 * A trial environment is one listed in DEPLOY_TRIAL_ENVS (comma-separated ids) or whose id
 * starts with "demo-" or "test-"; one listed in DEPLOY_PRODUCTION_ENVS never is. Returns why
 * not, or null.
 */
export function trialEnvironment(envId: string, env = process.env): string | null {
  const list = (name: string) =>
    (env[name] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (list('DEPLOY_PRODUCTION_ENVS').includes(envId)) return `--seed-demo refused: ${envId} is listed in DEPLOY_PRODUCTION_ENVS`;
  if (list('DEPLOY_TRIAL_ENVS').includes(envId) || /^(demo|test)-/.test(envId)) return null;
  return `--seed-demo refused: ${envId} is not a trial environment (name it demo-… or test-…, or list it in DEPLOY_TRIAL_ENVS)`;
}

/** Loads every generated collection; returns how many documents each got. */
export async function seedDemo(client: CloudClient, referenceDate?: string): Promise<Record<string, number>> {
  const data = generate(referenceDate ? { referenceDate } : {}) as unknown as Record<string, unknown>;
  const counts: Record<string, number> = {};
  for (const [collection, docs] of Object.entries(data)) {
    if (!Array.isArray(docs) || docs.length === 0) continue;
    await client.importDocuments(collection, docs as Array<Record<string, unknown>>);
    counts[collection] = docs.length;
  }
  return counts;
}
