import fs from 'node:fs';
import type { LocalCloud } from '../../mocks/cloud';

/**
 * CPU of one thread of this process, ms (the main one by default: the local cloud's database
 * thread in the benches), from Linux's per-thread accounting (/proc/self/task/<tid>/stat: utime
 * and stime in clock ticks, 100 per second); null elsewhere. process.cpuUsage() counts every
 * thread, and Node 20 has no per-thread CPU of its own.
 */
export function threadCpuMs(tid = process.pid): number | null {
  try {
    const fields = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** The CPU of the function workers' threads together, ms; null without workers, off Linux, or when one cannot be read. */
export function workersCpuMs(cloud: LocalCloud): number | null {
  const tids = cloud.workerThreadIds();
  let sum = 0;
  for (const t of tids) {
    const ms = threadCpuMs(t);
    if (ms === null) return null;
    sum += ms;
  }
  return tids.length > 0 ? sum : null;
}
