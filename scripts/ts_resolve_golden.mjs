// Ask TypeScript itself how every import of a fixture repo resolves.
//
//   node scripts/ts_resolve_golden.mjs <fixture-dir> <out.json> <typescript-module-dir>
//
// The fixture is copied to a temporary directory first: directories named `_node_modules`
// become `node_modules` (the repo's .gitignore hides real ones), and the symlinks listed in
// the fixture's case.json `ts_links` / `links` ({"node_modules/@acme/ui": "packages/ui"})
// are created, so TypeScript sees a linked workspace as npm/yarn/pnpm would leave it.
//
// For each source file outside node_modules, the governing config is chosen as
// docs/resolution.md describes (nearest tsconfig.json, else jsconfig.json, per directory;
// the first whose file list covers the file or that reaches such a project through
// `references`; otherwise the nearest; none: TypeScript's defaults `{}`), its options are
// parsed with ts.getParsedCommandLineOfConfigFile, every import is found in TypeScript's
// own AST, its mode comes from ts.getModeForUsageLocation, and ts.resolveModuleName
// answers. Output paths are relative to the fixture root.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";

const [fixtureArg, outArg, tsDir] = process.argv.slice(2);
if (!fixtureArg || !outArg || !tsDir) {
  console.error("usage: ts_resolve_golden.mjs <fixture-dir> <out.json> <typescript-dir>");
  process.exit(2);
}
const ts = createRequire(import.meta.url)(path.resolve(tsDir));
const SOURCE = /\.(?:[cm]?tsx?|[cm]?jsx?)$/;

function copyFixture(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const name = entry.name === "_node_modules" ? "node_modules" : entry.name;
    const source = path.join(from, entry.name);
    const target = path.join(to, name);
    if (entry.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(source), target);
    else if (entry.isDirectory()) copyFixture(source, target);
    else fs.copyFileSync(source, target);
  }
}

function makeLinks(root, links) {
  for (const [link, target] of Object.entries(links ?? {})) {
    const at = path.join(root, link);
    fs.mkdirSync(path.dirname(at), { recursive: true });
    fs.symlinkSync(path.relative(path.dirname(at), path.join(root, target)), at);
  }
}

function sourceFiles(root) {
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && SOURCE.test(entry.name)) out.push(full);
    }
  };
  walk(root);
  return out.sort();
}

const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} };
const parsedConfigs = new Map();
function loadConfig(file) {
  if (parsedConfigs.has(file)) return parsedConfigs.get(file);
  let parsed = null;
  if (fs.existsSync(file) && fs.statSync(file).isFile()) {
    const { error } = ts.readConfigFile(file, ts.sys.readFile);
    if (!error) parsed = ts.getParsedCommandLineOfConfigFile(file, undefined, host) ?? null;
  }
  parsedConfigs.set(file, parsed);
  return parsed;
}

const covers = (parsed, file) => parsed.fileNames.some((f) => path.resolve(f) === file);

function throughReferences(parsed, file, seen) {
  for (const ref of parsed.projectReferences ?? []) {
    const configPath = ts.resolveProjectReferencePath(ref);
    if (seen.has(configPath)) continue;
    seen.add(configPath);
    const referenced = loadConfig(configPath);
    if (!referenced) continue;
    if (covers(referenced, file)) return [configPath, referenced];
    const deeper = throughReferences(referenced, file, seen);
    if (deeper) return deeper;
  }
  return null;
}

function governingConfig(root, file) {
  let nearest = null;
  let dir = path.dirname(file);
  for (;;) {
    for (const name of ["tsconfig.json", "jsconfig.json"]) {
      const candidate = path.join(dir, name);
      if (!fs.existsSync(candidate)) continue;
      const parsed = loadConfig(candidate);
      if (parsed) {
        nearest ??= [candidate, parsed];
        if (covers(parsed, file)) return [candidate, parsed];
        const referenced = throughReferences(parsed, file, new Set([candidate]));
        if (referenced) return referenced;
      }
      break;
    }
    if (dir === root) break;
    dir = path.dirname(dir);
  }
  return nearest ?? [null, { options: {} }];
}

function importsOf(sourceFile) {
  const found = [];
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const typeOnly = !!node.importClause?.isTypeOnly;
      found.push([node.moduleSpecifier, "static", typeOnly]);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push([node.moduleSpecifier, "re-export", !!node.isTypeOnly]);
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      found.push([node.moduleReference.expression, "import-equals", !!node.isTypeOnly]);
    } else if (ts.isCallExpression(node) && node.arguments.length >= 1) {
      const [arg] = node.arguments;
      if (ts.isStringLiteralLike(arg)) {
        if (node.expression.kind === ts.SyntaxKind.ImportKeyword) found.push([arg, "dynamic", false]);
        else if (ts.isIdentifier(node.expression) && node.expression.text === "require" && node.arguments.length === 1)
          found.push([arg, "require", false]);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

const fixture = path.resolve(fixtureArg);
const caseFile = path.join(fixture, "case.json");
const caseInfo = fs.existsSync(caseFile) ? JSON.parse(fs.readFileSync(caseFile, "utf8")) : {};
const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "cg-golden-")));
const root = path.join(tmp, "repo");
try {
  copyFixture(fixture, root);
  makeLinks(root, { ...(caseInfo.links ?? {}), ...(caseInfo.ts_links ?? {}) });
  const rel = (p) => (p === null ? null : path.relative(root, p).split(path.sep).join("/"));
  const cache = ts.createModuleResolutionCache(root, (f) => f);
  const entries = [];
  for (const file of sourceFiles(root)) {
    const [configPath, parsed] = governingConfig(root, file);
    const options = parsed.options;
    const format = ts.getImpliedNodeFormatForFile(file, cache.getPackageJsonInfoCache(), ts.sys, options);
    const text = fs.readFileSync(file, "utf8");
    const sourceFile = ts.createSourceFile(
      file,
      text,
      { languageVersion: ts.ScriptTarget.ESNext, impliedNodeFormat: format },
      true,
    );
    for (const [literal, kind, typeOnly] of importsOf(sourceFile)) {
      const mode = ts.getModeForUsageLocation(sourceFile, literal, options);
      const result = ts.resolveModuleName(literal.text, file, options, ts.sys, undefined, undefined, mode);
      const resolved = result.resolvedModule;
      let target = resolved ? path.resolve(resolved.resolvedFileName) : null;
      if (target !== null && !target.startsWith(root + path.sep)) target = null;
      entries.push({
        importer: rel(file),
        specifier: literal.text,
        kind,
        type_only: typeOnly,
        line: sourceFile.getLineAndCharacterOfPosition(literal.getStart()).line + 1,
        config: configPath ? rel(configPath) : null,
        mode: mode === ts.ModuleKind.ESNext ? "import" : mode === ts.ModuleKind.CommonJS ? "require" : null,
        resolved: rel(target),
        external: resolved ? !!resolved.isExternalLibraryImport : false,
      });
    }
  }
  const out = { typescript: ts.version, case: path.basename(fixture), entries };
  fs.writeFileSync(outArg, JSON.stringify(out, null, 2) + "\n");
  console.log(`${path.basename(fixture)}: ${entries.length} imports`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
