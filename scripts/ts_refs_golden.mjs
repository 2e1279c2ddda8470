// Ask TypeScript's LanguageService for every reference to a list of symbols.
//
//   node scripts/ts_refs_golden.mjs <project-dir> <input.json> <out.json> <typescript-module-dir>
//
// input.json:
//   {
//     "files": ["src/a.ts", ...],            // root-relative sources (what code-graph indexed)
//     "tsconfig": "tsconfig.build.json",     // optional, root-relative: the config to read
//     "compilerOptions": {...},              // optional, tsconfig-style JSON, applied last
//     "symbols": [{"key", "file", "name", "kind", "line", "end_line"}, ...]
//   }
//
// Program: the given files as root names (when absent: every .ts .tsx .mts .cts .js .jsx .mjs
// .cjs outside node_modules and dot-folders). Options: the input's `tsconfig` (its options
// only: the root files are still the given ones), else the project's root tsconfig.json
// (else jsconfig.json) when there is one, else the defaults below; then `allowJs: true`,
// `noEmit: true`, `jsx: preserve` unless the config set `jsx`; then input `compilerOptions`.
//
// Each symbol's declaration name is found in TypeScript's AST: a node whose `name` is an
// identifier (or string literal) spelled like the symbol, starting on the symbol's line (else
// anywhere in its line span; `constructor`: the keyword; an anonymous default export: the
// `default` keyword); `findReferences` is asked at that name. Every reference entry
// inside the project (files under the root, outside node_modules) is reported once, as
//   {file, line, column, kind, scope}
// with 1-based line and column of the reference's first character (plus `statement`, the
// line of the enclosing import/export statement, for import, re-export and export entries on
// a later line than their statement, and `origin: "definition"` for the entries added for
// CommonJS, see commonJsConsumers, and `receiver` for a use `recv.name`: how `recv` gets its
// type, e.g. "this", "super", "variable = new C()", "this.field: C (annotated)",
// "variable: C (annotated parameter)", "call result", "namespace import", "C (static)"), and
// `syntax` for every entry but a declaration: its syntactic place (see syntaxOf), where
//   scope: "self"    the reference's symbol is the target itself (through any import/export
//                    alias chain, CommonJS included);
//          "related" TypeScript included it for a related symbol: a base/derived class or
//                    interface member (override, implementation) or a contextual property.
//   kind:  declaration  a declaration name (the target's own, an overload, a merged
//                       declaration, an override); never a reference in our convention;
//          import       import specifier/clause, namespace import, `import x = require`,
//                       `const {a} = require(...)`, `const a = require(...)`;
//          re-export    a name in `export {…} from "…"`;
//          export       `export { a }`, `export default a`, `export = a`, `module.exports = a`,
//                       `module.exports = { a }`, `exports.a = a` (the right-hand side);
//          call new extends implements jsx type
//                       as code-graph names them (`a()`, `o.a()`, `a\`\``, `@a`; `new a`;
//                       heritage clauses; JSX opening/self-closing tag; type reference);
//          jsx-close    a JSX closing tag `</A>`;
//          typeof       `typeof a` in a type;
//          qualifier    `a.b` where the target is `a` and the use is of its member
//                       (`Class.staticMethod()`, `ns.f`);
//          jsdoc        inside a JSDoc comment (`{@link A}`, `@see A`, `@type {A}`);
//          string       a string literal naming a member (`o["m"]`, `T["m"]`);
//          shorthand    `{ a }` in an object literal;
//          write        an assignment target (`a = …`, `a += …`, `a++`);
//          value        any other read (a function passed as a value, `x instanceof C`, …).
// Nothing is dropped here but entries outside the project: which kinds and scopes a `refs`
// answer must contain is the comparison's convention (docs/refs-agreement.md).
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const [rootArg, inputArg, outArg, tsDir] = process.argv.slice(2);
if (!rootArg || !inputArg || !outArg || !tsDir) {
  console.error("usage: ts_refs_golden.mjs <project-dir> <input.json> <out.json> <typescript-dir>");
  process.exit(2);
}
const ts = createRequire(import.meta.url)(path.resolve(tsDir));
const root = fs.realpathSync(path.resolve(rootArg));
const input = JSON.parse(fs.readFileSync(inputArg, "utf8"));
const SOURCE = /\.(?:[cm]?tsx?|[cm]?jsx?)$/;

const DEFAULTS = {
  target: "es2022",
  module: "esnext",
  moduleResolution: "bundler",
  allowJs: true,
  checkJs: false,
  jsx: "preserve",
  esModuleInterop: true,
  allowSyntheticDefaultImports: true,
  resolveJsonModule: true,
  allowImportingTsExtensions: true,
  skipLibCheck: true,
  noEmit: true,
};

function walkSources(dir, out) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walkSources(full, out);
    else if (entry.isFile() && SOURCE.test(entry.name)) out.push(full);
  }
  return out;
}

function compilerOptions() {
  let options = ts.convertCompilerOptionsFromJson(DEFAULTS, root).options;
  let origin = "defaults";
  const names = input.tsconfig ? [input.tsconfig] : ["tsconfig.json", "jsconfig.json"];
  for (const name of names) {
    const file = path.join(root, name);
    if (!fs.existsSync(file)) {
      if (input.tsconfig) throw new Error(`${name}: no such file under ${root}`);
      continue;
    }
    const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} };
    const parsed = ts.getParsedCommandLineOfConfigFile(file, undefined, host);
    if (parsed) {
      options = { ...parsed.options };
      origin = name;
    }
    break;
  }
  options.allowJs = true;
  options.noEmit = true;
  if (options.jsx === undefined) options.jsx = ts.JsxEmit.Preserve;
  delete options.composite;
  delete options.incremental;
  delete options.tsBuildInfoFile;
  if (input.compilerOptions) {
    const extra = ts.convertCompilerOptionsFromJson(input.compilerOptions, root);
    options = { ...options, ...extra.options };
  }
  return { options, origin };
}

const { options, origin } = compilerOptions();
const rootNames = (input.files ?? walkSources(root, []).map((f) => path.relative(root, f)))
  .filter((f) => SOURCE.test(f))
  .map((f) => path.join(root, f));
const snapshots = new Map();
const host = {
  getScriptFileNames: () => rootNames,
  getScriptVersion: () => "1",
  getScriptSnapshot: (file) => {
    if (!snapshots.has(file)) {
      const text = ts.sys.readFile(file);
      snapshots.set(file, text === undefined ? undefined : ts.ScriptSnapshot.fromString(text));
    }
    return snapshots.get(file);
  },
  getCurrentDirectory: () => root,
  getCompilationSettings: () => options,
  getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
  fileExists: ts.sys.fileExists,
  readFile: ts.sys.readFile,
  readDirectory: ts.sys.readDirectory,
  directoryExists: ts.sys.directoryExists,
  getDirectories: ts.sys.getDirectories,
  realpath: ts.sys.realpath,
  useCaseSensitiveFileNames: () => ts.sys.useCaseSensitiveFileNames,
};
const service = ts.createLanguageService(host, ts.createDocumentRegistry());
const program = service.getProgram();
const checker = program.getTypeChecker();

function relative(file) {
  const rel = path.relative(root, file).split(path.sep).join("/");
  if (rel.startsWith("..") || path.isAbsolute(rel) || rel.split("/").includes("node_modules")) {
    return null;
  }
  return rel;
}

function nodeAt(sourceFile, position) {
  // The deepest node starting exactly at `position` (an identifier, keyword or literal), else
  // the deepest string literal containing it (TypeScript's span of `o["m"]` skips the quote).
  let found;
  let literal;
  const visit = (node) => {
    if (node.pos > position || node.end <= position) return;
    const start = node.getStart(sourceFile);
    if (start === position) found = node;
    else if (start < position && ts.isStringLiteralLike(node)) literal = node;
    for (const doc of node.jsDoc ?? []) visit(doc);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found ?? literal;
}

function lineOf(sourceFile, position) {
  return sourceFile.getLineAndCharacterOfPosition(position).line + 1;
}

function nameText(name) {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return undefined;
}

function constructorKeyword(sourceFile, symbol) {
  // `constructor(…)`: TypeScript answers at the keyword (its `new C()` and `super()` sites).
  let found;
  const visit = (node) => {
    if (found) return;
    if (ts.isConstructorDeclaration(node)) {
      const line = lineOf(sourceFile, node.getStart(sourceFile));
      if (line >= symbol.line && line <= (symbol.end_line ?? symbol.line)) {
        found = node.getChildren(sourceFile).find((c) => c.kind === ts.SyntaxKind.ConstructorKeyword);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

function findDeclarationName(sourceFile, symbol) {
  if (symbol.name === "constructor") {
    const keyword = constructorKeyword(sourceFile, symbol);
    if (keyword) return keyword;
  }
  const candidates = [];
  const visit = (node) => {
    const name = node.name;
    if (name && nameText(name) === symbol.name) {
      const line = lineOf(sourceFile, name.getStart(sourceFile));
      if (line >= symbol.line && line <= (symbol.end_line ?? symbol.line)) {
        candidates.push({ node: name, line });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  const onLine = candidates.filter((c) => c.line === symbol.line);
  const pick = (onLine.length ? onLine : candidates)[0];
  if (pick) return pick.node;
  // Anonymous default exports and the like: any identifier with the name in the span.
  let fallback;
  const any = (node) => {
    if (fallback) return;
    if (ts.isIdentifier(node) && node.text === symbol.name) {
      const line = lineOf(sourceFile, node.getStart(sourceFile));
      if (line >= symbol.line && line <= (symbol.end_line ?? symbol.line)) fallback = node;
    }
    ts.forEachChild(node, any);
  };
  any(sourceFile);
  return fallback ?? defaultKeyword(sourceFile, symbol);
}

function defaultKeyword(sourceFile, symbol) {
  // An anonymous `export default function () {}` / `export default class {}` / `export default
  // <expression>` (code-graph names it after the file): TypeScript answers at `default`.
  let found;
  const visit = (node) => {
    if (found) return;
    const line = lineOf(sourceFile, node.getStart(sourceFile));
    if (line >= symbol.line && line <= (symbol.end_line ?? symbol.line)) {
      const tokens = ts.isExportAssignment(node)
        ? node.getChildren(sourceFile)
        : (ts.canHaveModifiers(node) ? (ts.getModifiers(node) ?? []) : []);
      found = tokens.find((t) => t.kind === ts.SyntaxKind.DefaultKeyword);
      if (found) return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

function canonical(symbol) {
  if (!symbol) return undefined;
  let s = symbol;
  if (s.flags & ts.SymbolFlags.Alias) {
    try {
      s = checker.getAliasedSymbol(s);
    } catch {
      return s;
    }
  }
  return checker.getExportSymbolOfSymbol(s);
}

function sameSymbol(a, b) {
  if (!a || !b) return false;
  if (a === b) return true;
  const declarations = new Set(b.declarations ?? []);
  return (a.declarations ?? []).some((d) => declarations.has(d));
}

function symbolOfReference(node) {
  const parent = node.parent;
  if (parent && ts.isShorthandPropertyAssignment(parent) && parent.name === node) {
    return checker.getShorthandAssignmentValueSymbol(parent);
  }
  if (parent && ts.isExportSpecifier(parent)) {
    // `export { a as b }`: the local target of the specifier.
    return checker.getExportSpecifierLocalTargetSymbol(parent) ?? checker.getSymbolAtLocation(node);
  }
  return checker.getSymbolAtLocation(node);
}

function isRequireCall(node) {
  let n = node;
  while (n && (ts.isPropertyAccessExpression(n) || ts.isParenthesizedExpression(n))) n = n.expression;
  return (
    !!n &&
    ts.isCallExpression(n) &&
    ts.isIdentifier(n.expression) &&
    n.expression.text === "require" &&
    n.arguments.length === 1 &&
    ts.isStringLiteralLike(n.arguments[0])
  );
}

function isModuleExports(node) {
  // module.exports, module.exports.x, exports.x, exports
  if (ts.isIdentifier(node)) return node.text === "exports";
  if (ts.isPropertyAccessExpression(node)) {
    const e = node.expression;
    if (ts.isIdentifier(e) && e.text === "module" && node.name.text === "exports") return true;
    return isModuleExports(e);
  }
  return false;
}

const DECLARATIONS = new Set(
  [
    "FunctionDeclaration",
    "FunctionExpression",
    "ClassDeclaration",
    "ClassExpression",
    "MethodDeclaration",
    "MethodSignature",
    "PropertyDeclaration",
    "PropertySignature",
    "PropertyAssignment",
    "GetAccessor",
    "SetAccessor",
    "InterfaceDeclaration",
    "TypeAliasDeclaration",
    "EnumDeclaration",
    "EnumMember",
    "ModuleDeclaration",
    "VariableDeclaration",
    "Parameter",
    "BindingElement",
    "TypeParameter",
  ].map((k) => ts.SyntaxKind[k]),
);

function assignmentTarget(node) {
  // Is `node` (or the access ending in it) written to?
  let n = node;
  if (ts.isPropertyAccessExpression(n.parent) && n.parent.name === n) n = n.parent;
  const p = n.parent;
  if (ts.isBinaryExpression(p) && p.left === n) {
    const op = p.operatorToken.kind;
    return op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment;
  }
  if (ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) {
    return (
      p.operator === ts.SyntaxKind.PlusPlusToken || p.operator === ts.SyntaxKind.MinusMinusToken
    );
  }
  return false;
}

function inJSDoc(node) {
  for (let n = node; n; n = n.parent) {
    if (n.kind >= ts.SyntaxKind.FirstJSDocNode && n.kind <= ts.SyntaxKind.LastJSDocNode) return true;
  }
  return false;
}

const STATEMENTS = new Set(
  [
    "ImportDeclaration",
    "ExportDeclaration",
    "ImportEqualsDeclaration",
    "ExportAssignment",
    "VariableStatement",
    "ExpressionStatement",
  ].map((k) => ts.SyntaxKind[k]),
);

function statementLine(node, sourceFile) {
  for (let n = node.parent; n; n = n.parent) {
    if (STATEMENTS.has(n.kind)) return lineOf(sourceFile, n.getStart(sourceFile));
  }
  return undefined;
}

function addStatement(entry, node, sourceFile) {
  // An import, re-export or export name on a later line than its statement: that line too.
  if (!["import", "re-export", "export"].includes(entry.kind)) return;
  const statement = statementLine(node, sourceFile);
  if (statement !== undefined && statement !== entry.line) entry.statement = statement;
}

function classify(node, entry) {
  const p = node.parent;
  if (!p) return "value";
  if (inJSDoc(node)) return "jsdoc";
  if (ts.isStringLiteralLike(node) && !ts.isExportSpecifier(p) && !ts.isImportSpecifier(p)) {
    return "string"; // `o["m"]`, `T["m"]`, `keyof`-style uses of a member's name
  }
  if (ts.isImportSpecifier(p) || ts.isImportClause(p) || ts.isNamespaceImport(p)) return "import";
  if (ts.isImportEqualsDeclaration(p)) return "import";
  if (ts.isExportSpecifier(p)) {
    return p.parent.parent.moduleSpecifier ? "re-export" : "export";
  }
  if (ts.isNamespaceExport(p)) return "re-export";
  if (ts.isExportAssignment(p)) return "export";
  if ((ts.isVariableDeclaration(p) || ts.isBindingElement(p)) && p.name === node) {
    let decl = p;
    while (decl && !ts.isVariableDeclaration(decl)) decl = decl.parent;
    if (decl?.initializer && isRequireCall(decl.initializer)) return "import";
  }
  if (ts.isBindingElement(p) && p.propertyName === node) {
    let decl = p;
    while (decl && !ts.isVariableDeclaration(decl)) decl = decl.parent;
    if (decl?.initializer && isRequireCall(decl.initializer)) return "import";
  }
  if (ts.isShorthandPropertyAssignment(p)) {
    const literal = p.parent;
    const assign = literal.parent;
    if (ts.isBinaryExpression(assign) && assign.right === literal && isModuleExports(assign.left)) {
      return "export";
    }
    return "shorthand";
  }
  if (ts.isBinaryExpression(p) && p.right === node && isModuleExports(p.left)) return "export";
  // CommonJS `exports.a = …` / `module.exports.a = …`: the property name declares the export.
  if (
    ts.isPropertyAccessExpression(p) &&
    p.name === node &&
    isModuleExports(p.expression) &&
    ts.isBinaryExpression(p.parent) &&
    p.parent.left === p
  ) {
    return "declaration";
  }
  if (DECLARATIONS.has(p.kind) && p.name === node) return "declaration";
  if (
    node.kind === ts.SyntaxKind.ConstructorKeyword ||
    node.kind === ts.SyntaxKind.DefaultKeyword ||
    ts.isConstructorDeclaration(node)
  ) {
    return "declaration";
  }
  if (entry.isDefinition && (ts.isIdentifier(node) || ts.isPrivateIdentifier(node))) {
    if (!ts.isPropertyAccessExpression(p) && !ts.isElementAccessExpression(p)) {
      return "declaration";
    }
  }
  if (ts.isTypeQueryNode(p) || (ts.isQualifiedName(p) && ts.isTypeQueryNode(p.parent))) {
    return "typeof";
  }
  // The target as the left side of a member access: `C.m()`, `ns.f`.
  if (ts.isPropertyAccessExpression(p) && p.expression === node) return "qualifier";
  if (ts.isQualifiedName(p) && p.left === node && !ts.isTypeQueryNode(p.parent)) {
    return "qualifier";
  }
  // Normalise `a.b.c` to its outermost access ending in `node`.
  let expr = node;
  if ((ts.isPropertyAccessExpression(p) && p.name === node) || (ts.isQualifiedName(p) && p.right === node)) {
    expr = p;
  }
  const q = expr.parent;
  if (assignmentTarget(node)) return "write";
  if (ts.isCallExpression(q) && q.expression === expr) return "call";
  if (ts.isNewExpression(q) && q.expression === expr) return "new";
  if (ts.isTaggedTemplateExpression(q) && q.tag === expr) return "call";
  if (ts.isDecorator(q)) return "call";
  if (ts.isExpressionWithTypeArguments(q) && q.expression === expr) {
    const clause = q.parent;
    if (ts.isHeritageClause(clause)) {
      return clause.token === ts.SyntaxKind.ExtendsKeyword ? "extends" : "implements";
    }
    return "type";
  }
  if (ts.isJsxOpeningElement(q) || ts.isJsxSelfClosingElement(q)) {
    return q.tagName === expr ? "jsx" : "value";
  }
  if (ts.isJsxClosingElement(q)) return "jsx-close";
  if (ts.isTypeReferenceNode(q) || ts.isImportTypeNode(q)) return "type";
  if (ts.isQualifiedName(expr) && ts.isTypeReferenceNode(q)) return "type";
  return "value";
}

// SyntaxKind names without the First*/Last* markers that share their values.
const KIND_NAMES = new Map();
for (const [name, value] of Object.entries(ts.SyntaxKind)) {
  if (typeof value === "number" && !/^(First|Last)/.test(name) && !KIND_NAMES.has(value)) {
    KIND_NAMES.set(value, name);
  }
}
const kindName = (kind) => KIND_NAMES.get(kind) ?? String(kind);

// Wrappers that do not change what an expression is used for.
const TRANSPARENT = new Set(
  [
    "ParenthesizedExpression",
    "AsExpression",
    "NonNullExpression",
    "SatisfiesExpression",
    "TypeAssertionExpression",
    "JsxExpression",
  ].map((k) => ts.SyntaxKind[k]),
);

function role(node) {
  // `Parent.field`: the parent's kind and the property that holds `node` (an operator too).
  const parent = node.parent;
  if (!parent) return "SourceFile";
  let field = "?";
  for (const key of Object.keys(parent)) {
    const value = parent[key];
    if (key !== "parent" && (value === node || (Array.isArray(value) && value.includes(node)))) {
      field = key;
      break;
    }
  }
  let text = `${kindName(parent.kind)}.${field}`;
  if (ts.isBinaryExpression(parent)) text += `(${ts.tokenToString(parent.operatorToken.kind)})`;
  if (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) {
    text += `(${ts.tokenToString(parent.operator)})`;
  }
  return text;
}

function isAccess(node) {
  return (
    ts.isPropertyAccessExpression(node) ||
    ts.isElementAccessExpression(node) ||
    ts.isQualifiedName(node)
  );
}

function syntaxOf(node) {
  // Where a reference sits, to tell use shapes apart: its role in its parent, then (after
  // ` < `) the role of the expression it belongs to: the access it names a member of or is
  // the head of (`X.y.z` as a whole), past parentheses, `as`, `!`, `satisfies` and JSX
  // braces. `CallExpression.arguments`, `PropertyAccessExpression.name <
  // CallExpression.expression`, `BinaryExpression.left(=)`. In JSDoc: the innermost tag or
  // link (`JSDoc JSDocTypeTag`, `JSDoc JSDocLink`), ` import()` inside an import type.
  if (!node) return "JSDoc (comment text)";
  if (inJSDoc(node)) {
    let tag;
    let within = "";
    for (let n = node.parent; n && !ts.isJSDoc(n); n = n.parent) {
      if (ts.isImportTypeNode(n)) within = " import()";
      const name = kindName(n.kind);
      if (!tag && (name.endsWith("Tag") || name.startsWith("JSDocLink"))) tag = name;
    }
    return `JSDoc ${tag ?? "comment"}${within}`;
  }
  const first = role(node);
  const p = node.parent;
  let expr = node;
  if (p && ((ts.isPropertyAccessExpression(p) && p.name === node) || (ts.isQualifiedName(p) && p.right === node))) {
    expr = p; // a member name: the access that names it
  }
  while (expr.parent && isAccess(expr.parent) && (expr.parent.expression ?? expr.parent.left) === expr) {
    expr = expr.parent;
  }
  while (expr.parent && TRANSPARENT.has(expr.parent.kind)) expr = expr.parent;
  return expr === node ? first : `${first} < ${role(expr)}`;
}

function skipOuter(expr) {
  let e = expr;
  while (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isAsExpression(e)) {
    e = e.expression;
  }
  return e;
}

function describeDeclaration(declaration, prefix) {
  if (!declaration) return `${prefix} (no declaration)`;
  if (ts.isParameter(declaration)) {
    if (ts.isConstructorDeclaration(declaration.parent) && declaration.modifiers?.length) {
      return `${prefix} (constructor parameter property: C)`;
    }
    return declaration.type ? `${prefix}: C (annotated parameter)` : `${prefix} (unannotated parameter)`;
  }
  if (
    ts.isVariableDeclaration(declaration) ||
    ts.isPropertyDeclaration(declaration) ||
    ts.isPropertySignature(declaration)
  ) {
    if (declaration.type) return `${prefix}: C (annotated)`;
    const init = declaration.initializer && skipOuter(declaration.initializer);
    if (init && ts.isNewExpression(init)) return `${prefix} = new C()`;
    if (init && (ts.isCallExpression(init) || ts.isAwaitExpression(init))) {
      return `${prefix} = f() (inferred from a call)`;
    }
    return `${prefix} (inferred)`;
  }
  if (ts.isBindingElement(declaration)) return `${prefix} (destructured)`;
  if (ts.isClassDeclaration(declaration) || ts.isClassExpression(declaration)) return "C (static)";
  if (ts.isEnumDeclaration(declaration)) return "enum";
  if (ts.isModuleDeclaration(declaration) || ts.isSourceFile(declaration)) return "namespace";
  if (ts.isFunctionDeclaration(declaration)) return "function (static property)";
  return `${prefix} (${kindName(declaration.kind)})`;
}

function thisKind(node) {
  // `this` in a class member, or in a function typed by a `this: C` parameter.
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isArrowFunction(n)) continue;
    if (ts.isClassLike(n)) return "this";
    if (ts.isFunctionLike(n)) {
      if (ts.isClassLike(n.parent) || ts.isObjectLiteralExpression(n.parent)) {
        return ts.isClassLike(n.parent) ? "this" : "this (object literal method)";
      }
      const first = n.parameters?.[0];
      const typed = first && ts.isIdentifier(first.name) && first.name.text === "this";
      return typed ? "this (function with a `this: C` parameter)" : "this (plain function)";
    }
  }
  return "this (top level)";
}

function receiverOf(node) {
  // For `recv.name` uses: how the receiver gets its type (what `refs` would need to infer).
  const p = node.parent;
  if (!p || !ts.isPropertyAccessExpression(p) || p.name !== node) return undefined;
  const recv = skipOuter(p.expression);
  if (recv.kind === ts.SyntaxKind.ThisKeyword) return thisKind(recv);
  if (recv.kind === ts.SyntaxKind.SuperKeyword) return "super";
  if (ts.isPropertyAccessExpression(recv) && skipOuter(recv.expression).kind === ts.SyntaxKind.ThisKeyword) {
    const field = checker.getSymbolAtLocation(recv.name);
    return describeDeclaration(field?.valueDeclaration ?? field?.declarations?.[0], "this.field");
  }
  if (ts.isIdentifier(recv)) {
    let symbol = checker.getSymbolAtLocation(recv);
    let prefix = "variable";
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) {
      const declaration = symbol.declarations?.[0];
      if (declaration && ts.isNamespaceImport(declaration)) return "namespace import";
      prefix = "imported variable";
      try {
        symbol = checker.getAliasedSymbol(symbol);
      } catch {
        return "imported binding";
      }
    }
    return describeDeclaration(symbol?.valueDeclaration ?? symbol?.declarations?.[0], prefix);
  }
  if (ts.isCallExpression(recv)) return "call result";
  if (ts.isNewExpression(recv)) return "new C() expression";
  if (ts.isElementAccessExpression(recv)) return "element access";
  if (ts.isPropertyAccessExpression(recv)) return "property chain";
  return kindName(recv.kind);
}

function entryPosition(entry) {
  const sourceFile = program.getSourceFile(entry.fileName);
  if (!sourceFile) return undefined;
  const start = entry.textSpan.start;
  const lc = sourceFile.getLineAndCharacterOfPosition(start);
  return { sourceFile, start, line: lc.line + 1, column: lc.character + 1 };
}

function* identifiersNamed(sourceFile, text) {
  const stack = [sourceFile];
  while (stack.length) {
    const node = stack.pop();
    if (ts.isIdentifier(node)) {
      if (node.text === text) yield node;
    } else {
      ts.forEachChild(node, (child) => {
        stack.push(child);
      });
    }
  }
}

function* commonJsConsumers(sourceFile, name, seen) {
  // findReferences does not follow `module.exports = { a }` / `exports.a = a` from the
  // declaration to `const { a } = require(…)` consumers, though go-to-definition at those
  // consumers lands on the declaration: add every identifier spelled like the target whose
  // definition is the target's declaration name (the last, optional field says so).
  const position = name.getStart(sourceFile);
  for (const file of rootNames) {
    const other = program.getSourceFile(file);
    const rel = other && relative(other.fileName);
    if (!rel) continue;
    for (const node of identifiersNamed(other, name.text)) {
      const start = node.getStart(other);
      const key = `${rel}:${start}`;
      if (seen.has(key)) continue;
      const definitions = service.getDefinitionAtPosition(other.fileName, start) ?? [];
      const hit = definitions.some(
        (d) => d.fileName === sourceFile.fileName && d.textSpan.start === position,
      );
      if (!hit) continue;
      const lc = other.getLineAndCharacterOfPosition(start);
      const kind = classify(node, { isDefinition: false });
      const entry = { file: rel, line: lc.line + 1, column: lc.character + 1, kind, scope: "self" };
      entry.syntax = syntaxOf(node);
      addStatement(entry, node, other);
      entry.origin = "definition";
      yield { key, entry };
      // The `const { a } = require(…)` binding the use goes through is the import.
      const local = checker.getSymbolAtLocation(node);
      const binding = local?.declarations?.[0];
      if (binding && (ts.isBindingElement(binding) || ts.isVariableDeclaration(binding))) {
        const bindingName = binding.name;
        if (ts.isIdentifier(bindingName) && binding.getSourceFile() === other) {
          const bindingStart = bindingName.getStart(other);
          const bindingKey = `${rel}:${bindingStart}`;
          if (!seen.has(bindingKey) && classify(bindingName, {}) === "import") {
            const at = other.getLineAndCharacterOfPosition(bindingStart);
            const entry = {
              file: rel,
              line: at.line + 1,
              column: at.character + 1,
              kind: "import",
              scope: "self",
              syntax: syntaxOf(bindingName),
            };
            addStatement(entry, bindingName, other);
            entry.origin = "definition";
            yield { key: bindingKey, entry };
          }
        }
      }
    }
  }
}

function referencesOf(symbolInput) {
  const file = path.join(root, symbolInput.file);
  const sourceFile = program.getSourceFile(file);
  if (!sourceFile) return { found: false, problem: "file not in the program" };
  const name = findDeclarationName(sourceFile, symbolInput);
  if (!name) return { found: false, problem: "declaration name not found" };
  const position = name.getStart(sourceFile);
  const isConstructor = name.kind === ts.SyntaxKind.ConstructorKeyword;
  const target = canonical(checker.getSymbolAtLocation(isConstructor ? name.parent : name));
  const groups = service.findReferences(file, position) ?? [];
  const seen = new Map();
  let outside = 0;
  for (const group of groups) {
    for (const entry of group.references) {
      const rel = relative(entry.fileName);
      if (rel === null) {
        outside += 1;
        continue;
      }
      const at = entryPosition(entry);
      if (!at) continue;
      const key = `${rel}:${at.start}`;
      if (seen.has(key)) continue;
      const node = nodeAt(at.sourceFile, at.start);
      const kind = node ? classify(node, entry) : "jsdoc"; // no node: inside a comment
      let scope = "related";
      if (isConstructor) {
        scope = "self"; // TypeScript lists only this constructor's `new C()` and `super()` sites
      } else if (node && target) {
        const own = canonical(symbolOfReference(node));
        if (sameSymbol(own, target) || sameSymbol(target, own)) scope = "self";
      }
      // The entry at the queried name is the target's own declaration whatever TS resolves.
      if (at.sourceFile.fileName === sourceFile.fileName && at.start === position) {
        scope = "self";
      }
      const reference = { file: rel, line: at.line, column: at.column, kind, scope };
      if (kind !== "declaration") reference.syntax = syntaxOf(node);
      const receiver = node && kind !== "declaration" ? receiverOf(node) : undefined;
      if (receiver) reference.receiver = receiver;
      if (node) addStatement(reference, node, at.sourceFile);
      seen.set(key, reference);
    }
  }
  if (sourceFile.commonJsModuleIndicator && !isConstructor) {
    for (const ref of commonJsConsumers(sourceFile, name, seen)) seen.set(ref.key, ref.entry);
  }
  const lc = sourceFile.getLineAndCharacterOfPosition(position);
  const references = [...seen.values()].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
  return {
    found: true,
    name_line: lc.line + 1,
    name_column: lc.character + 1,
    outside_project: outside,
    references,
  };
}

// `"mode": "implementations"`: each symbol's getImplementationAtPosition at its declaration
// name, as the root-relative file and 1-based line of each implementation's span.
function implementationsOf(symbolInput) {
  const file = path.join(root, symbolInput.file);
  const sourceFile = program.getSourceFile(file);
  if (!sourceFile) return { found: false, problem: "file not in the program" };
  const name = findDeclarationName(sourceFile, symbolInput);
  if (!name) return { found: false, problem: "declaration name not found" };
  const found = service.getImplementationAtPosition(file, name.getStart(sourceFile)) ?? [];
  const implementations = [];
  for (const entry of found) {
    const rel = relative(entry.fileName);
    const target = program.getSourceFile(entry.fileName);
    if (rel === null || !target) continue;
    const lc = target.getLineAndCharacterOfPosition(entry.textSpan.start);
    implementations.push({ file: rel, line: lc.line + 1, kind: entry.kind });
  }
  return { found: true, implementations };
}

const results = [];
for (const symbol of input.symbols) {
  let answer;
  try {
    answer = input.mode === "implementations" ? implementationsOf(symbol) : referencesOf(symbol);
  } catch (error) {
    answer = { found: false, problem: `TypeScript failed: ${error.message.split("\n")[0]}` };
  }
  results.push({ ...symbol, ...answer });
}
const out = {
  typescript: ts.version,
  config: origin,
  symbols: results,
};
fs.writeFileSync(outArg, JSON.stringify(out, null, 1) + "\n");
