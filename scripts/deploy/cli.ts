/**
 * npm run deploy -- --env <envId> [--dry-run] [--no-build] [--bench <file>] [--seed-demo] [--rollback] [--upload <version>]
 *
 * --dry-run builds (or, with --no-build, reads the existing build), prints the plan, writes it to
 * dist/deploy-plan.json and exits 1 with the reasons when it must not go ahead. Without it the
 * same plan is applied to the environment (only the differences), recorded in
 * .deploy/<envId>/manifests/, and with --upload the mini-program is uploaded as that version.
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { COLLECTIONS } from '../../shared/collections';
import { INDEXES, QUERIES } from '../../shared/indexes';
import { apply, rollback } from './apply';
import { cloudbaseClient, miniprogramCiClient } from './clients';
import type { CloudClient } from './clients';
import { ROOT, functionNames, readBench, readFunction, readWeapp } from './inputs';
import type { PlanResult } from './plan';
import { planDeployment, summarise } from './plan';
import { seedDemo, trialEnvironment } from './seed-demo';

export interface Args {
  env: string;
  dryRun: boolean;
  build: boolean;
  bench: string | null;
  seedDemo: boolean;
  rollback: boolean;
  upload: string | null;
}

export function parseArgs(argv: readonly string[]): Args {
  const args: Args = { env: '', dryRun: false, build: true, bench: null, seedDemo: false, rollback: false, upload: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (!v || v.startsWith('--')) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--env') args.env = value();
    else if (a === '--dry-run') args.dryRun = true;
    else if (a === '--no-build') args.build = false;
    else if (a === '--bench') args.bench = value();
    else if (a === '--seed-demo') args.seedDemo = true;
    else if (a === '--rollback') args.rollback = true;
    else if (a === '--upload') args.upload = value();
    else throw new Error(`unknown option ${a}`);
  }
  if (!args.env) throw new Error('--env <envId> is required (the CloudBase environment id, e.g. demo-env-1a2b3c)');
  return args;
}

/** The plan from the repository as it is (after building unless told not to). */
export function planFromRepo(args: Pick<Args, 'env' | 'build' | 'bench'>): PlanResult {
  if (args.build) {
    execSync('npx tsx scripts/build-functions.ts', { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    execSync('npm run build:weapp --silent', { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const bench = args.bench ?? path.join(ROOT, 'dist', 'bench.json');
  return planDeployment({
    envId: args.env,
    functions: functionNames().map(readFunction),
    collections: COLLECTIONS,
    indexes: INDEXES,
    queries: QUERIES,
    weapp: readWeapp(),
    slowestMs: readBench(bench),
  });
}

export async function main(argv: readonly string[], clients: { cloud?: (envId: string) => CloudClient } = {}): Promise<number> {
  const args = parseArgs(argv);
  const started = Date.now();
  const result = planFromRepo(args);
  const out = path.join(ROOT, 'dist', 'deploy-plan.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ ...result.plan, problems: result.problems }, null, 2));
  for (const line of summarise(result)) console.log(line);
  const bench = args.bench ?? path.join(ROOT, 'dist', 'bench.json');
  console.log(
    fs.existsSync(bench)
      ? `timeouts checked against the slowest calls in ${path.relative(ROOT, bench)}`
      : `no benchmark figures (${path.relative(ROOT, bench)}): timeouts not checked against measured calls; run npm run bench -- latency first`,
  );
  console.log(`plan written to ${path.relative(ROOT, out)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (result.problems.length > 0) return 1;
  if (args.dryRun) return 0;

  const cloud = (clients.cloud ?? cloudbaseClient)(args.env);
  const opts = { functionsDir: path.join(ROOT, 'cloudfunctions'), stateDir: path.join(ROOT, '.deploy', args.env) };
  if (args.rollback) {
    const changes = await rollback(result.plan, cloud, opts);
    console.log(`rolled back ${changes.length} function(s): ${changes.map((c) => ('fn' in c ? c.fn : '')).join(', ') || 'none differed'}`);
    return 0;
  }
  const changes = await apply(result.plan, cloud, opts);
  console.log(
    changes.length === 0
      ? 'the environment already matches the plan: nothing changed'
      : `changed ${changes.length}:\n${changes.map((c) => `  ${JSON.stringify(c)}`).join('\n')}`,
  );
  if (args.seedDemo) {
    const refusal = trialEnvironment(args.env);
    if (refusal) throw new Error(refusal);
    const counts = await seedDemo(cloud);
    console.log(
      `demo data loaded: ${Object.entries(counts)
        .map(([c, n]) => `${c} ${n}`)
        .join(', ')}`,
    );
  }
  if (args.upload) {
    const appid = (JSON.parse(fs.readFileSync(path.join(ROOT, 'project.config.json'), 'utf8')) as { appid: string }).appid;
    await miniprogramCiClient(appid).upload({ projectPath: ROOT, version: args.upload, desc: `deploy to ${args.env}` });
    console.log(`mini-program ${args.upload} uploaded`);
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
