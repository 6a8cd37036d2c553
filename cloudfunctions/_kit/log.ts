/** Structured logs: one JSON line per event, which the cloud console's log search can filter. */
function write(level: 'info' | 'warn' | 'error', msg: string, fields: Record<string, unknown>): void {
  if (process.env['LOCAL_CLOUD_QUIET'] === '1' && level !== 'error') return;
  const line = JSON.stringify({ level, msg, ...fields });
  if (level === 'error') console.error(line);
  else console.log(line);
}

export const log = {
  info: (msg: string, fields: Record<string, unknown> = {}) => write('info', msg, fields),
  warn: (msg: string, fields: Record<string, unknown> = {}) => write('warn', msg, fields),
  error: (msg: string, fields: Record<string, unknown> = {}) => write('error', msg, fields),
};
