import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The integration function seals webhook secrets with INTEGRATION_SECRET_KEY, a variable of its
 * environment in the cloud (README: "Webhooks to partners"). Locally, unless the shell sets one,
 * a dev key is made once and kept in the data folder beside the database, so secrets sealed on one
 * `npm start` still open on the next. Never a production key: it sits in a file.
 */
export function useDevIntegrationKey(dataDir: string): 'environment' | 'file' | 'created' {
  if (process.env['INTEGRATION_SECRET_KEY']) return 'environment';
  const file = path.join(dataDir, 'integration-secret-key');
  let created = false;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    created = true;
  }
  process.env['INTEGRATION_SECRET_KEY'] = fs.readFileSync(file, 'utf8').trim();
  return created ? 'created' : 'file';
}
