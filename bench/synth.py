"""Deterministic synthetic TypeScript/TSX monorepos for benchmarks.

    python bench/synth.py FILES DEST [--seed 7]

Lays out an npm-workspaces monorepo of about FILES source files under DEST: `packages/*`, each
with a package.json (exports pointing at its TS sources) and a tsconfig extending the root
`tsconfig.base.json`, whose `paths` give every package an alias (`~name/*`). Each package has
feature folders with barrels (`index.ts` with `export *` and renamed re-exports) re-exported
by `src/index.ts`. Files hold classes extending imported classes and calling methods,
interfaces, type aliases, functions, constants and React components (.tsx) rendering each
other; imports are relative with `.js` extensions, through barrels, through package names and
through aliases, with a few back-edges that make import cycles. Average file ~3.6 KB.
The same (FILES, seed) always gives byte-identical output.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

GENERATOR_VERSION = 1
SCOPE = "@synth"
FILES_PER_PACKAGE = 250
FILES_PER_FOLDER = 12
MEAN_FILE_BYTES = 3600

_ADJECTIVES = [
    "Active",
    "Async",
    "Basic",
    "Cached",
    "Central",
    "Clear",
    "Cloud",
    "Core",
    "Custom",
    "Daily",
    "Deep",
    "Direct",
    "Dynamic",
    "Early",
    "Fast",
    "Final",
    "Fixed",
    "Global",
    "Green",
    "Inner",
    "Large",
    "Light",
    "Linked",
    "Live",
    "Local",
    "Main",
    "Merged",
    "Mobile",
    "Native",
    "Open",
    "Outer",
    "Paged",
    "Plain",
    "Primary",
    "Quick",
    "Rapid",
    "Remote",
    "Rich",
    "Secure",
    "Shared",
    "Silent",
    "Simple",
    "Smart",
    "Solid",
    "Static",
    "Swift",
    "Unified",
    "Visual",
]
_NOUNS = [
    "Account",
    "Address",
    "Alert",
    "Asset",
    "Audit",
    "Badge",
    "Basket",
    "Billing",
    "Board",
    "Booking",
    "Budget",
    "Cart",
    "Catalog",
    "Channel",
    "Checkout",
    "Comment",
    "Contract",
    "Coupon",
    "Customer",
    "Dashboard",
    "Delivery",
    "Device",
    "Discount",
    "Document",
    "Event",
    "Export",
    "Feed",
    "Filter",
    "Folder",
    "Invoice",
    "Item",
    "Ledger",
    "Listing",
    "Locale",
    "Member",
    "Message",
    "Metric",
    "Note",
    "Order",
    "Owner",
    "Panel",
    "Payment",
    "Plan",
    "Policy",
    "Price",
    "Product",
    "Profile",
    "Project",
    "Quote",
    "Rating",
    "Receipt",
    "Record",
    "Refund",
    "Report",
    "Review",
    "Route",
    "Schedule",
    "Search",
    "Session",
    "Setting",
    "Shipment",
    "Stock",
    "Store",
    "Subscription",
    "Supplier",
    "Task",
    "Team",
    "Ticket",
    "Token",
    "Upload",
    "User",
    "Vendor",
    "Voucher",
    "Wallet",
    "Widget",
]
_VERBS = [
    "load",
    "save",
    "refresh",
    "validate",
    "compute",
    "sync",
    "merge",
    "reset",
    "apply",
    "build",
    "check",
    "collect",
    "create",
    "dispatch",
    "ensure",
    "fetch",
    "format",
    "group",
    "index",
    "lookup",
    "normalize",
    "publish",
    "queue",
    "resolve",
    "select",
    "sort",
    "split",
    "track",
    "update",
]
_FOLDERS = [
    "models",
    "services",
    "components",
    "hooks",
    "utils",
    "api",
    "state",
    "views",
    "domain",
    "adapters",
    "forms",
    "layout",
    "charts",
    "routing",
    "storage",
    "events",
    "analytics",
    "auth",
    "admin",
    "billing",
    "catalog",
    "checkout",
    "search",
    "settings",
    "support",
]
_FIELDS = [
    "id",
    "name",
    "title",
    "status",
    "count",
    "total",
    "createdAt",
    "updatedAt",
    "ownerId",
    "label",
    "description",
    "enabled",
    "priority",
    "amount",
    "currency",
    "tags",
    "version",
    "kind",
    "parentId",
    "score",
]
_FIELD_TYPES = ("string", "number", "boolean", "string[]", "Date", "number | null")


@dataclass(slots=True)
class Export:
    """One exported declaration a file defines (and other files may use)."""

    name: str
    kind: str  # class | interface | type | function | component | const
    methods: tuple[str, ...] = ()


@dataclass(slots=True)
class FilePlan:
    """One source file: where it lives, what it exports, what it imports."""

    index: int
    package: int
    folder: str
    stem: str
    role: str  # service | model | component | util
    exports: list[Export] = field(default_factory=list)
    deps: list[tuple[FilePlan, str]] = field(default_factory=list)  # (target, how)

    @property
    def ext(self) -> str:
        return ".tsx" if self.role == "component" else ".ts"

    def src_path(self) -> str:
        """Path below the package's `src/`."""
        return f"{self.folder}/{self.stem}{self.ext}"


@dataclass(slots=True)
class PackagePlan:
    index: int
    name: str  # short name, e.g. "catalog-3"
    folders: list[str]
    files: list[FilePlan] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)  # exported name -> alias in barrel

    @property
    def npm_name(self) -> str:
        return f"{SCOPE}/{self.name}"


class _Names:
    """Unique PascalCase stems, drawn deterministically."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._used: set[str] = set()

    def take(self) -> str:
        for _ in range(4):
            name = self._rng.choice(_ADJECTIVES) + self._rng.choice(_NOUNS)
            if name not in self._used:
                self._used.add(name)
                return name
        name = f"{self._rng.choice(_ADJECTIVES)}{self._rng.choice(_NOUNS)}{len(self._used)}"
        self._used.add(name)
        return name


def _lower(name: str) -> str:
    return name[0].lower() + name[1:]


def _plan_exports(role: str, stem: str, rng: random.Random) -> list[Export]:
    def methods(n: int) -> tuple[str, ...]:
        verbs = rng.sample(_VERBS, n)
        return tuple(f"{v}{stem}" for v in verbs)

    if role == "service":
        return [
            Export(f"{stem}Service", "class", methods(rng.randint(4, 7))),
            Export(f"{stem}Options", "interface"),
            Export(f"{stem}Result", "type"),
            Export(f"create{stem}Service", "function"),
        ]
    if role == "model":
        return [
            Export(f"{stem}Model", "interface"),
            Export(f"{stem}Id", "type"),
            Export(f"{stem}Entity", "class", methods(rng.randint(3, 5))),
            Export(f"{stem.upper()}_DEFAULTS", "const"),
        ]
    if role == "component":
        return [Export(f"{stem}View", "component"), Export(f"{stem}ViewProps", "interface")]
    return [
        Export(f"format{stem}", "function"),
        Export(f"parse{stem}", "function"),
        Export(f"{stem.upper()}_LIMIT", "const"),
    ]


def plan(files: int, seed: int) -> list[PackagePlan]:
    """Decide every package, file, export and import (no I/O)."""
    rng = random.Random(seed)
    names = _Names(rng)
    count = max(2, round(files / FILES_PER_PACKAGE))
    packages: list[PackagePlan] = []
    short_names: set[str] = set()
    for p in range(count):
        base = _lower(rng.choice(_NOUNS)).lower()
        short = base if base not in short_names else f"{base}-{p}"
        short_names.add(short)
        packages.append(PackagePlan(p, short, []))
    # Source files (barrels are added later and do not count).
    sources = max(count, round(files * FILES_PER_FOLDER / (FILES_PER_FOLDER + 1)) - count)
    per_package = [sources // count + (1 if p < sources % count else 0) for p in range(count)]
    index = 0
    for package, n_files in zip(packages, per_package, strict=True):
        n_folders = max(1, math.ceil(n_files / FILES_PER_FOLDER))
        pool = list(_FOLDERS)
        rng.shuffle(pool)
        package.folders = [
            pool[i % len(pool)] + ("" if i < len(pool) else str(i)) for i in range(n_folders)
        ]
        for i in range(n_files):
            folder = package.folders[i * n_folders // n_files]
            role = rng.choices(("service", "model", "component", "util"), (40, 25, 25, 10))[0]
            stem = names.take()
            file_stem = {"service": f"{_lower(stem)}.service", "model": f"{_lower(stem)}.model"}
            plan_ = FilePlan(index, package.index, folder, file_stem.get(role, _lower(stem)), role)
            if role == "component":
                plan_.stem = stem
            plan_.exports = _plan_exports(role, stem, rng)
            package.files.append(plan_)
            index += 1
        for f in rng.sample(package.files, max(1, len(package.files) // 20)):
            ex = f.exports[0]
            package.renamed[ex.name] = f"{ex.name}Alias"
    for package in packages:
        for i, f in enumerate(package.files):
            f.deps = _plan_deps(f, i, package, packages, rng)
    return packages


def _plan_deps(
    f: FilePlan, i: int, package: PackagePlan, packages: list[PackagePlan], rng: random.Random
) -> list[tuple[FilePlan, str]]:
    deps: list[tuple[FilePlan, str]] = []
    seen: set[int] = {f.index}
    wanted = rng.randint(4, 9)
    for _ in range(wanted * 2):
        if len(deps) >= wanted:
            break
        roll = rng.random()
        if roll < 0.02 and i + 1 < len(package.files):  # a back-edge: may close a cycle
            target, how = rng.choice(package.files[i + 1 : i + 40]), "relative"
        elif roll < 0.72 or package.index == 0:
            if i == 0:
                continue
            lo = max(0, i - 60)
            target = package.files[rng.randrange(lo, i)]
            how = "barrel" if roll > 0.64 and target.folder != f.folder else "relative"
        else:
            other = packages[rng.randrange(max(0, package.index - 8), package.index)]
            target = rng.choice(other.files)
            how = "package" if roll < 0.88 else "alias"
        if target.index in seen:
            continue
        if target.role == "component" and f.role != "component":
            continue
        seen.add(target.index)
        deps.append((target, how))
    return deps


# --- rendering -------------------------------------------------------------------------------


def _rel(from_dir: str, to_path: str) -> str:
    """A relative specifier from `from_dir` (below src/) to `to_path` (below src/)."""
    a = [p for p in from_dir.split("/") if p]
    b = to_path.split("/")
    common = 0
    while common < min(len(a), len(b) - 1) and a[common] == b[common]:
        common += 1
    up = [".."] * (len(a) - common) or ["."]
    return "/".join(up + b[common:])


def _js(path: str) -> str:
    """`x/y.tsx` -> `x/y.js` (TypeScript's ESM convention)."""
    return path.rsplit(".", 1)[0] + ".js"


class _Renderer:
    def __init__(self, packages: list[PackagePlan], rng: random.Random) -> None:
        self.packages = packages
        self.rng = rng

    def specifier(self, f: FilePlan, target: FilePlan, how: str) -> str:
        pkg = self.packages[target.package]
        if how == "package":
            return pkg.npm_name
        if how == "alias":
            return f"~{pkg.name}/{_js(target.src_path())}"
        if how == "barrel":
            return _rel(f.folder, f"{target.folder}/index.js")
        return _rel(f.folder, _js(target.src_path()))

    def imported_name(self, target: FilePlan, export: Export, how: str) -> str:
        renamed = self.packages[target.package].renamed.get(export.name)
        if renamed and how in ("package", "barrel"):
            return renamed
        return export.name

    def render(self, f: FilePlan, target_bytes: int) -> str:
        rng = self.rng
        lines: list[str] = [f"// {f.src_path()} — generated by bench/synth.py", ""]
        used: list[tuple[Export, str]] = []  # (export, local name)
        by_spec: dict[str, tuple[list[str], list[str]]] = {}
        for target, how in f.deps:
            spec = self.specifier(f, target, how)
            values, types = by_spec.setdefault(spec, ([], []))
            candidates = [
                e for e in target.exports if e.kind != "component" or f.role == "component"
            ]
            for export in rng.sample(candidates, min(len(candidates), rng.randint(1, 3))):
                local = self.imported_name(target, export, how)
                if local in {u[1] for u in used}:
                    continue
                (types if export.kind in ("interface", "type") else values).append(local)
                used.append((export, local))
        if f.role == "component":
            lines.append('import { useEffect, useMemo, useState } from "react";')
        elif rng.random() < 0.3:
            lines.append('import { EventEmitter } from "node:events";')
        for spec, (values, types) in by_spec.items():
            if values:
                type_part = "".join(f", type {t}" for t in types)
                lines.append(f'import {{ {", ".join(values)}{type_part} }} from "{spec}";')
            elif types:
                lines.append(f'import type {{ {", ".join(types)} }} from "{spec}";')
        lines.append("")
        body = _Body(f, used, rng)
        for export in f.exports:
            lines.extend(body.declaration(export))
            lines.append("")
        text = "\n".join(lines)
        extra = 0
        while len(text) < target_bytes:
            chunk = "\n".join(body.helper(extra)) + "\n"
            text += chunk
            extra += 1
        return text


class _Body:
    """Declarations whose bodies use the file's imports (calls, new, extends, JSX, types)."""

    def __init__(self, f: FilePlan, used: list[tuple[Export, str]], rng: random.Random) -> None:
        self.f = f
        self.rng = rng
        self.classes = [(e, n) for e, n in used if e.kind == "class"]
        self.functions = [n for e, n in used if e.kind == "function"]
        self.types = [n for e, n in used if e.kind in ("interface", "type")]
        self.consts = [n for e, n in used if e.kind == "const"]
        self.components = [n for e, n in used if e.kind == "component"]
        self.own_class = next((e for e in f.exports if e.kind == "class"), None)

    def _type(self) -> str:
        if self.types and self.rng.random() < 0.6:
            return self.rng.choice(self.types)
        return self.rng.choice(_FIELD_TYPES)

    def _statements(self, indent: str, self_calls: tuple[str, ...] = ()) -> list[str]:
        rng = self.rng
        out: list[str] = []
        for k in range(rng.randint(2, 5)):
            roll = rng.random()
            if roll < 0.3 and self.functions:
                out.append(f"{indent}const v{k} = {rng.choice(self.functions)}(input, {k});")
            elif roll < 0.55 and self.classes:
                export, local = rng.choice(self.classes)
                out.append(f"{indent}const c{k} = new {local}({{ id: String(input) }});")
                if export.methods:
                    out.append(f"{indent}c{k}.{rng.choice(export.methods)}({k});")
            elif roll < 0.7 and self_calls:
                out.append(f"{indent}this.{rng.choice(self_calls)}({k});")
            elif roll < 0.8 and self.consts:
                out.append(f"{indent}const l{k} = {rng.choice(self.consts)};")
            else:
                out.append(
                    f"{indent}if (input && typeof input === 'object' && 'status' in input) "
                    f"{{ counter += {k + 1}; }}"
                )
        return out

    def declaration(self, export: Export) -> list[str]:
        rng = self.rng
        name = export.name
        if export.kind == "interface":
            fields = rng.sample(_FIELDS, rng.randint(4, 8))
            extends = (
                f" extends {rng.choice(self.types)}" if self.types and rng.random() < 0.2 else ""
            )
            out = [f"/** The {name} shape. */", f"export interface {name}{extends} {{"]
            out += [
                f"  {fld}{'?' if rng.random() < 0.3 else ''}: {self._type()};" for fld in fields
            ]
            return [*out, "}"]
        if export.kind == "type":
            members = " | ".join(f'"{rng.choice(_VERBS)}"' for _ in range(rng.randint(2, 4)))
            extra = f" | {rng.choice(self.types)}" if self.types else ""
            return [f"export type {name} = {members}{extra};"]
        if export.kind == "const":
            return [
                f"export const {name} = {{",
                f"  limit: {rng.randint(10, 500)},",
                f'  label: "{name.lower()}",',
                f"  retries: {rng.randint(0, 5)},",
                "} as const;",
            ]
        if export.kind == "function":
            param = self._type()
            return [
                f"export function {name}(input: {param} | unknown, depth = 0): number {{",
                "  let counter = depth;",
                *self._statements("  "),
                "  return counter;",
                "}",
            ]
        if export.kind == "component":
            return self._component(name)
        return self._class(export)

    def _class(self, export: Export) -> list[str]:
        rng = self.rng
        bases = [(e, n) for e, n in self.classes]
        base = rng.choice(bases) if bases and rng.random() < 0.6 else None
        ifaces = [t for t in self.types if not t.endswith(("Id", "Result"))]
        implements = f" implements {rng.choice(ifaces)}" if ifaces and rng.random() < 0.3 else ""
        extends = f" extends {base[1]}" if base else ""
        out = [
            f"/** {export.name}: generated service class. */",
            f"export class {export.name}{extends}{implements} {{",
            "  private readonly cache = new Map<string, number>();",
            f"  protected status: {self._type()} | undefined;",
            "",
            "  constructor(private readonly options: { id: string }) {",
            "    super(options);" if base else "    this.status = undefined;",
            "  }",
        ]
        for m in export.methods:
            out += [
                "",
                f"  {m}(input: unknown): number {{",
                "    let counter = this.cache.size;",
                *self._statements("    ", export.methods),
            ]
            if base and base[0].methods and rng.random() < 0.5:
                out.append(f"    counter += super.{rng.choice(base[0].methods)}(input);")
            out += ["    return counter;", "  }"]
        return [*out, "}"]

    def _component(self, name: str) -> list[str]:
        rng = self.rng
        props = f"{name}Props"
        children = rng.sample(self.components, min(len(self.components), rng.randint(1, 3)))
        out = [
            f"export function {name}(props: {props}) {{",
            "  const [open, setOpen] = useState(false);",
            "  let counter = 0;",
            "  const input: unknown = props;",
            "  const summary = useMemo(() => {",
            *self._statements("    "),
            "    return counter;",
            "  }, [props]);",
            "  useEffect(() => { setOpen(summary > 0); }, [summary]);",
            "  return (",
            f'    <section className="{_lower(name)}" data-open={{open}}>',
            f'      <h2>{{props.title ?? "{name}"}}</h2>',
        ]
        out += [f"      <{c} title={{props.title}} />" for c in children]
        out += ["    </section>", "  );", "}"]
        return out

    def helper(self, k: int) -> list[str]:
        """Extra module-private code, to bring the file to its target size."""
        return [
            "",
            f"function helper{k}(input: unknown, depth = {k}): number {{",
            "  let counter = depth;",
            *self._statements("  "),
            "  return counter;",
            "}",
        ]


def _folder_barrel(package: PackagePlan, folder: str) -> str:
    lines = [f"// {folder}/index.ts — barrel"]
    for f in package.files:
        if f.folder != folder:
            continue
        spec = f"./{_js(f.src_path().split('/', 1)[1])}"
        lines.append(f'export * from "{spec}";')
        for export in f.exports:
            if export.name in package.renamed:
                lines.append(
                    f'export {{ {export.name} as {package.renamed[export.name]} }} from "{spec}";'
                )
    return "\n".join(lines) + "\n"


def _write(path: Path, text: str) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    path.write_bytes(data)
    return len(data)


def generate(files: int, dest: Path, seed: int = 7) -> dict[str, object]:
    """Write the corpus into `dest` (replaced); returns its manifest."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    packages = plan(files, seed)
    rng = random.Random(seed + 1)
    renderer = _Renderer(packages, rng)
    sigma = 0.6
    mu = math.log(MEAN_FILE_BYTES) - sigma * sigma / 2
    total_bytes = 0
    total_files = 0
    paths = {f"~{p.name}/*": [f"packages/{p.name}/src/*"] for p in packages}
    base = {
        "compilerOptions": {
            "target": "es2022",
            "module": "esnext",
            "moduleResolution": "bundler",
            "jsx": "react-jsx",
            "strict": True,
            "baseUrl": ".",
            "paths": paths,
        }
    }
    _write(dest / "tsconfig.base.json", json.dumps(base, indent=2) + "\n")
    _write(
        dest / "tsconfig.json",
        json.dumps({"extends": "./tsconfig.base.json", "include": ["packages/*/src"]}, indent=2)
        + "\n",
    )
    root_pkg = {"name": "synth-monorepo", "private": True, "workspaces": ["packages/*"]}
    _write(dest / "package.json", json.dumps(root_pkg, indent=2) + "\n")
    _write(dest / ".gitignore", "node_modules/\ndist/\n")
    for package in packages:
        root = dest / "packages" / package.name
        deps = sorted(
            {
                packages[t.package].npm_name
                for f in package.files
                for t, how in f.deps
                if how == "package" and t.package != package.index
            }
        )
        manifest = {
            "name": package.npm_name,
            "version": "1.0.0",
            "type": "module",
            "exports": {".": "./src/index.ts", "./*": "./src/*.ts"},
            "types": "./src/index.ts",
            "dependencies": {**dict.fromkeys(deps, "workspace:*"), "react": "^18.3.0"},
        }
        _write(root / "package.json", json.dumps(manifest, indent=2) + "\n")
        tsconfig = {
            "extends": "../../tsconfig.base.json",
            "compilerOptions": {"rootDir": "src", "outDir": "dist"},
            "include": ["src"],
        }
        _write(root / "tsconfig.json", json.dumps(tsconfig, indent=2) + "\n")
        for f in package.files:
            size = int(min(30000, max(700, rng.lognormvariate(mu, sigma))))
            total_bytes += _write(root / "src" / f.src_path(), renderer.render(f, size))
            total_files += 1
        index_lines = [f"// {package.npm_name} public API"]
        for folder in sorted(set(package.folders)):
            total_bytes += _write(
                root / "src" / folder / "index.ts", _folder_barrel(package, folder)
            )
            total_files += 1
            index_lines.append(f'export * from "./{folder}/index.js";')
        total_bytes += _write(root / "src" / "index.ts", "\n".join(index_lines) + "\n")
        total_files += 1
    manifest_out: dict[str, object] = {
        "generator": GENERATOR_VERSION,
        "requested_files": files,
        "seed": seed,
        "packages": len(packages),
        "source_files": total_files,
        "source_bytes": total_bytes,
    }
    _write(dest / "synth.json", json.dumps(manifest_out, indent=2) + "\n")
    return manifest_out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", type=int)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    print(json.dumps(generate(args.files, args.dest, args.seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
