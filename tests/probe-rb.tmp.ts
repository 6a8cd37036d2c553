import { seededCloud } from './helpers/seeded';
(async () => {
  const t = seededCloud();
  const p: any = await t.call('rebates', { action: 'progress' }, 'demo-dealer-a');
  console.log(JSON.stringify(p, null, 1).slice(0, 9000));
  const w: any = await t.call('rebates', { action: 'wallet', limit: 5 }, 'demo-dealer-a');
  console.log(JSON.stringify(w, null, 1));
  const s: any = await t.call('rebates', { action: 'settlements' }, 'demo-dealer-a');
  console.log(JSON.stringify(s, null, 1));
  t.cleanup();
})();
