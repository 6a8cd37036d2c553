/**
 * Keeps handlers and pages thin: fails (exit 1, one line per offender) when a cloud-function
 * action handler is longer than 40 lines, or a mini-program page component longer than 120
 * lines or holding more than 4 useState. Past those sizes a handler is doing the deciding itself
 * (it belongs in shared/ or in named steps) and a page is holding widget state (it belongs in a
 * hook or a component).
 *
 *   npm run lint:handlers          (or: npx tsx scripts/lint-handlers.ts [root])
 *
 * Handlers are the function passed last to `defineAction` / `defineOpenidAction` in
 * `cloudfunctions/<fn>/src/actions/*.ts`; pages are the default export of
 * `index.tsx` under `miniapp/src/pages` or `miniapp/src/packages`. Found through the TypeScript syntax tree, so a
 * handler written on one long line or reached through a named function is measured all the same.
 * A length is the function's lines in the editor, first to last, comments included.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const LIMITS = { handlerLines: 40, pageLines: 120, pageUseStates: 4 } as const;

export type Offence = { file: string; name: string; problem: string };

const DEFINERS = new Set(['defineAction', 'defineOpenidAction']);

type FunctionNode = ts.ArrowFunction | ts.FunctionExpression | ts.FunctionDeclaration;

function parse(file: string, text: string): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

function lineSpan(source: ts.SourceFile, node: ts.Node): number {
  const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
  const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
  return last - first + 1;
}

function calleeName(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

/** A function declared at the top of the file under this name (`function f` or `const f = () =>`). */
function topLevelFunction(source: ts.SourceFile, name: string): FunctionNode | undefined {
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name?.text === name) return statement;
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.name.text === name && declaration.initializer) {
          const fn = functionOf(source, declaration.initializer);
          if (fn) return fn;
        }
      }
    }
  }
  return undefined;
}

/**
 * The function an expression stands for: itself, a named function in the same file, or the last
 * function argument of a wrapper call (`withRetry(async () => …)`).
 */
function functionOf(source: ts.SourceFile, expression: ts.Expression): FunctionNode | undefined {
  let node: ts.Expression = expression;
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) node = node.expression;
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return node;
  if (ts.isIdentifier(node)) return topLevelFunction(source, node.text);
  if (ts.isCallExpression(node)) {
    for (const argument of [...node.arguments].reverse()) {
      const fn = functionOf(source, argument);
      if (fn) return fn;
    }
  }
  return undefined;
}

/** The name a definer's result is exported under (`export const submit = defineAction(…)`). */
function boundName(call: ts.CallExpression): string {
  const parent = call.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return '(unnamed)';
}

/** Action handlers in one file that break the line limit, or that cannot be found to be measured. */
export function checkActionFile(file: string, text: string): Offence[] {
  const source = parse(file, text);
  const offences: Offence[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && DEFINERS.has(calleeName(node) ?? '')) {
      const name = boundName(node);
      const last = node.arguments[node.arguments.length - 1];
      const handler = last ? functionOf(source, last) : undefined;
      if (!handler) {
        // A handler this script cannot see cannot be measured; write it in the action's file.
        offences.push({ file, name, problem: 'handler not found in this file (define it here so it can be measured)' });
      } else {
        const lines = lineSpan(source, handler);
        if (lines > LIMITS.handlerLines) offences.push({ file, name, problem: `handler is ${lines} lines (max ${LIMITS.handlerLines})` });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return offences;
}

/** The page component: the default export, whichever way it is written. */
function defaultExport(source: ts.SourceFile): { name: string; fn: FunctionNode } | undefined {
  for (const statement of source.statements) {
    const modifiers = ts.canHaveModifiers(statement) ? (ts.getModifiers(statement) ?? []) : [];
    const isDefault = modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
    if (ts.isFunctionDeclaration(statement) && isDefault) return { name: statement.name?.text ?? 'default', fn: statement };
    if (ts.isExportAssignment(statement) && !statement.isExportEquals) {
      const fn = functionOf(source, statement.expression);
      if (fn) return { name: ts.isIdentifier(statement.expression) ? statement.expression.text : (fn.name?.getText(source) ?? 'default'), fn };
    }
  }
  return undefined;
}

function countUseState(fn: FunctionNode): number {
  let count = 0;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && calleeName(node) === 'useState') count += 1;
    ts.forEachChild(node, visit);
  };
  visit(fn);
  return count;
}

/** A page whose component is too long or holds too much state. */
export function checkPageFile(file: string, text: string): Offence[] {
  const source = parse(file, text);
  const page = defaultExport(source);
  if (!page) return [{ file, name: 'default', problem: 'no default-exported page component found' }];
  const offences: Offence[] = [];
  const lines = lineSpan(source, page.fn);
  if (lines > LIMITS.pageLines) offences.push({ file, name: page.name, problem: `component is ${lines} lines (max ${LIMITS.pageLines})` });
  const states = countUseState(page.fn);
  if (states > LIMITS.pageUseStates) offences.push({ file, name: page.name, problem: `component has ${states} useState (max ${LIMITS.pageUseStates})` });
  return offences;
}

function walk(dir: string, keep: (file: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full, keep);
    return keep(full) ? [full] : [];
  });
}

/** Every offence in the repository at `root`, with paths relative to it. */
export function lintRepository(root: string): Offence[] {
  const rel = (file: string): string => path.relative(root, file).split(path.sep).join('/');
  const functions = path.join(root, 'cloudfunctions');
  const actionFiles = fs.existsSync(functions)
    ? fs
        .readdirSync(functions, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .flatMap((entry) => walk(path.join(functions, entry.name, 'src', 'actions'), (file) => file.endsWith('.ts') && path.dirname(file).endsWith('actions')))
    : [];
  const pageFiles = ['pages', 'packages'].flatMap((part) => walk(path.join(root, 'miniapp', 'src', part), (file) => path.basename(file) === 'index.tsx'));
  return [
    ...actionFiles.flatMap((file) => checkActionFile(rel(file), fs.readFileSync(file, 'utf8'))),
    ...pageFiles.flatMap((file) => checkPageFile(rel(file), fs.readFileSync(file, 'utf8'))),
  ];
}

if (require.main === module) {
  // A root may be given (the tests lint a fixture tree); by default, this repository.
  const offences = lintRepository(path.resolve(process.argv[2] ?? path.join(__dirname, '..')));
  for (const o of offences) console.error(`${o.file}: ${o.name}: ${o.problem}`);
  if (offences.length > 0) {
    console.error(`\n${offences.length} handler/page size problem(s): move deciding into shared/ or named steps, state into hooks, widgets into components.`);
    process.exit(1);
  }
  console.log('lint:handlers: every action handler ≤ 40 lines; every page component ≤ 120 lines and ≤ 4 useState.');
}
