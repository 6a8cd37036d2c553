/**
 * Command-line options of the local tools (npm start, npm run seed, npm run cloud). One rule that
 * matters: an option's value may not look like another option. `--db --selectProjects` once wrote a
 * database file named after the flag; now it is refused with a message saying what to write.
 */

/** The value after `argv[i]` (the option `name`); throws when it is missing or starts with '-'. */
export function optionValue(argv: readonly string[], i: number, name: string): string {
  const v = argv[i + 1];
  if (v === undefined) throw new UsageError(`${name} 需要一个值`);
  if (v.startsWith('-')) throw new UsageError(`${name} 的值不能以 - 开头（收到 ${v}）：${name} 后面要跟一个值，例如 ${name} ${example(name)}`);
  return v;
}

/** The value of `name` anywhere in argv, or undefined when the option is absent. */
export function findOption(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? optionValue(argv, i, name) : undefined;
}

/** A database path from an option or the environment: refuses one that looks like a flag. */
export function checkDbPath(file: string, from: string): string {
  if (file.startsWith('-')) throw new UsageError(`${from} 的值不能以 - 开头（收到 ${file}）：请给出 SQLite 文件路径，例如 .data/local-cloud.sqlite`);
  return file;
}

export class UsageError extends Error {}

function example(name: string): string {
  switch (name) {
    case '--db':
      return '.data/local-cloud.sqlite';
    case '--port':
      return '10086';
    case '--reference-date':
    case '--clock':
      return '2026-11-18T09:00:00+08:00';
    default:
      return '<值>';
  }
}
