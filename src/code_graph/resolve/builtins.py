"""Node.js built-in module names."""

from __future__ import annotations

NODE_BUILTINS = frozenset(
    [
        "assert",
        "assert/strict",
        "async_hooks",
        "buffer",
        "child_process",
        "cluster",
        "console",
        "constants",
        "crypto",
        "dgram",
        "diagnostics_channel",
        "dns",
        "dns/promises",
        "domain",
        "events",
        "fs",
        "fs/promises",
        "http",
        "http2",
        "https",
        "inspector",
        "inspector/promises",
        "module",
        "net",
        "os",
        "path",
        "path/posix",
        "path/win32",
        "perf_hooks",
        "process",
        "punycode",
        "querystring",
        "readline",
        "readline/promises",
        "repl",
        "stream",
        "stream/consumers",
        "stream/promises",
        "stream/web",
        "string_decoder",
        "sys",
        "timers",
        "timers/promises",
        "tls",
        "trace_events",
        "tty",
        "url",
        "util",
        "util/types",
        "v8",
        "vm",
        "wasi",
        "worker_threads",
        "zlib",
    ]
)

# Only reachable with the `node:` prefix.
NODE_PREFIX_ONLY = frozenset({"sea", "sqlite", "test", "test/reporters"})


def builtin_name(specifier: str) -> str | None:
    """The built-in module a specifier names (without `node:`), or None."""
    if specifier.startswith("node:"):
        name = specifier[len("node:") :]
        return name if name in NODE_BUILTINS or name in NODE_PREFIX_ONLY else None
    return specifier if specifier in NODE_BUILTINS else None
