//! The core's modules and what they import: the layers of `docs/architecture.md` hold,
//! there is no import loop, modules name each other by module path (never through the
//! crate root's re-exports), the root holds at most ten files and no function is longer
//! than 250 lines.
//!
//! Imports are read from the source: `use` paths, inline `crate::…`/`super::…` paths and
//! inline paths through a child module (`generated::X` in a `mod.rs`), with a name
//! re-exported at the crate root (`crate::Estimate`) resolved to the module that defines it.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The bottom layer: it imports nothing above it.
const BOTTOM: &[&str] = &[
    "error", "units", "format", "flags", "duration", "figures", "platform", "json",
];

/// Every module file of the core: module path (`report::render`) → source text.
fn modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, prefix: &str, out: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_stem().unwrap().to_string_lossy().to_string();
            if path.is_dir() {
                walk(&path, &format!("{prefix}{name}::"), out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let module = match name.as_str() {
                    "lib" => "crate".to_owned(),
                    "mod" => prefix.trim_end_matches("::").to_owned(),
                    _ => format!("{prefix}{name}"),
                };
                out.insert(module, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        "",
        &mut out,
    );
    out
}

/// The text of `source` without comments and string literals (a `crate::` in a doc
/// comment or a message is not an import).
fn code_only(source: &str) -> String {
    // a module's unit tests import what they like: they are not the module
    let source = match source.find("#[cfg(test)]\nmod ") {
        Some(i) => &source[..i],
        None => source,
    };
    let mut out = String::with_capacity(source.len());
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '"' => {
                let mut escaped = false;
                for c in chars.by_ref() {
                    if c == '"' && !escaped {
                        break;
                    }
                    escaped = c == '\\' && !escaped;
                }
                out.push_str("\"\"");
            }
            _ => out.push(c),
        }
    }
    out
}

/// Every path a module names: `use` trees expanded, and inline `crate::`/`super::` paths.
fn paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("use ") {
        let before = rest[..i].chars().next_back();
        rest = &rest[i + 4..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let end = rest.find(';').unwrap_or(rest.len());
        expand("", &without_renames(&rest[..end]), &mut out);
    }
    for root in ["crate::", "super::"] {
        let mut rest = code;
        while let Some(i) = rest.find(root) {
            let before = rest[..i].chars().next_back();
            let tail = &rest[i..];
            let end = tail
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(tail.len());
            if !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                out.push(tail[..end].trim_end_matches(':').to_owned());
            }
            rest = &rest[i + root.len()..];
        }
    }
    out
}

/// A use tree without its whitespace and its renames: `a::{b as c, d}` → `a::{b,d}`.
fn without_renames(tree: &str) -> String {
    let mut out = String::new();
    let mut tokens = tree.split_whitespace();
    while let Some(t) = tokens.next() {
        if t == "as" {
            // keep what closes the renamed item: `c},` → `},`
            let next = tokens.next().unwrap_or("");
            out.extend(next.chars().filter(|c| !(c.is_alphanumeric() || *c == '_')));
        } else {
            out.push_str(t);
        }
    }
    out
}

/// `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e`.
fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
    match tree.find('{') {
        None => out.push(format!("{prefix}{tree}")),
        Some(i) => {
            let head = &tree[..i];
            let inner = &tree[i + 1..tree.rfind('}').unwrap_or(tree.len())];
            let mut depth = 0;
            let mut start = 0;
            for (k, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        expand(&format!("{prefix}{head}"), &inner[start..k], out);
                        start = k + 1;
                    }
                    _ => {}
                }
            }
            if start < inner.len() {
                expand(&format!("{prefix}{head}"), &inner[start..], out);
            }
        }
    }
}

/// The module a path leads to, from module `from`: the longest known module prefix, a
/// crate-root name through the root's re-exports.
fn target(
    from: &str,
    path: &str,
    known: &BTreeSet<String>,
    root_names: &BTreeMap<String, String>,
) -> Option<String> {
    let mut parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty()).collect();
    let mut base: Vec<String> = Vec::new();
    match parts.first() {
        Some(&"crate") => {
            parts.remove(0);
        }
        Some(&"super") => {
            base = from.split("::").map(str::to_owned).collect();
            // a file `a/b.rs` is module a::b: super is a
            while parts.first() == Some(&"super") {
                parts.remove(0);
                base.pop();
            }
        }
        Some(&"self") => {
            parts.remove(0);
            base = from.split("::").map(str::to_owned).collect();
        }
        // a relative path: a child module of `from` (`use generated::X` in a mod.rs)
        Some(first) if known.contains(&format!("{from}::{first}")) => {
            base = from.split("::").map(str::to_owned).collect();
        }
        _ => return None,
    }
    let full: Vec<String> = base
        .into_iter()
        .chain(parts.iter().map(|p| (*p).to_owned()))
        .collect();
    for n in (1..=full.len()).rev() {
        let candidate = full[..n].join("::");
        if known.contains(&candidate) {
            return Some(candidate);
        }
    }
    full.first().and_then(|name| root_names.get(name)).cloned()
}

/// Names the crate root re-exports: `pub use ga::result::{Estimate, …}` → `ga::result`.
fn root_names(mods: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let known: BTreeSet<String> = mods.keys().cloned().collect();
    let mut out = BTreeMap::new();
    for p in paths(&code_only(&mods["crate"])) {
        let p = p.trim_start_matches("crate::");
        if let Some((module, name)) = p.rsplit_once("::") {
            let name = name.to_owned();
            if let Some(m) = target(
                "crate",
                &format!("crate::{module}"),
                &known,
                &BTreeMap::new(),
            ) {
                out.insert(name.to_owned(), m);
            }
        }
    }
    out
}

/// Inline paths through a child module of `module`: `generated::V3_0` in `tables`.
fn child_paths(module: &str, code: &str, known: &BTreeSet<String>) -> Vec<String> {
    let prefix = format!("{module}::");
    let mut out = Vec::new();
    for child in known.iter().filter_map(|k| k.strip_prefix(&prefix)) {
        if child.contains("::") {
            continue;
        }
        let needle = format!("{child}::");
        let mut rest = code;
        while let Some(i) = rest.find(&needle) {
            let before = rest[..i].chars().next_back();
            if !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                out.push(format!("self::{child}"));
            }
            rest = &rest[i + needle.len()..];
        }
    }
    out
}

/// The module imports: module → the modules it names (itself and the root left out).
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mods = modules();
    let known: BTreeSet<String> = mods.keys().cloned().collect();
    let root_names = root_names(&mods);
    let mut g = BTreeMap::new();
    for (module, source) in &mods {
        if module == "crate" {
            continue;
        }
        let code = code_only(source);
        let mut all = paths(&code);
        all.extend(child_paths(module, &code, &known));
        let deps: BTreeSet<String> = all
            .iter()
            .filter_map(|p| target(module, p, &known, &root_names))
            .filter(|t| t != module && t != "crate")
            .collect();
        g.insert(module.clone(), deps);
    }
    g
}

/// Strongly connected components of more than one module (Tarjan).
fn loops(g: &BTreeMap<String, BTreeSet<String>>) -> BTreeSet<Vec<String>> {
    struct T<'a> {
        g: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        out: BTreeSet<Vec<String>>,
    }
    fn visit<'a>(t: &mut T<'a>, v: &'a str) {
        let i = t.index.len();
        t.index.insert(v, i);
        t.low.insert(v, i);
        t.stack.push(v);
        t.on.insert(v);
        for w in t.g.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !t.index.contains_key(w) {
                visit(t, w);
                let lw = t.low[w];
                let lv = t.low[v];
                t.low.insert(v, lv.min(lw));
            } else if t.on.contains(w) {
                let iw = t.index[w];
                let lv = t.low[v];
                t.low.insert(v, lv.min(iw));
            }
        }
        if t.low[v] == t.index[v] {
            let mut scc = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on.remove(w);
                scc.push(w.to_owned());
                if w == v {
                    break;
                }
            }
            if scc.len() > 1 {
                scc.sort();
                t.out.insert(scc);
            }
        }
    }
    let mut t = T {
        g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        out: BTreeSet::new(),
    };
    for v in g.keys() {
        if !t.index.contains_key(v.as_str()) {
            visit(&mut t, v);
        }
    }
    t.out
}

#[test]
fn there_is_no_import_loop() {
    let found = loops(&graph());
    assert!(found.is_empty(), "import loops: {found:#?}");
}

#[test]
fn modules_name_each_other_by_module_path() {
    let mods = modules();
    let known: BTreeSet<String> = mods.keys().cloned().collect();
    let root_names = root_names(&mods);
    let mut faults = Vec::new();
    for (module, source) in mods.iter().filter(|(m, _)| *m != "crate") {
        for p in paths(&code_only(source)) {
            let first = p.strip_prefix("crate::").and_then(|t| t.split("::").next());
            if let Some(first) = first.filter(|f| !known.contains(*f)) {
                if root_names.contains_key(first) {
                    faults.push(format!("{module}: {p}"));
                }
            }
        }
    }
    assert!(
        faults.is_empty(),
        "imports through the crate root's re-exports:\n{}",
        faults.join("\n")
    );
}

#[test]
fn the_root_holds_at_most_ten_files() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files: Vec<_> = std::fs::read_dir(src)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    assert!(
        files.len() <= 10,
        "{} files at the root: {files:?}",
        files.len()
    );
}

/// File names that stand for one role in every folder that has them.
const SHARED_ROLES: &[&str] = &["mod", "generated", "rows", "lookup"];

#[test]
fn no_two_files_share_a_name_with_different_meanings() {
    let mut seen: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for module in modules().keys() {
        let stem = module.rsplit("::").next().unwrap_or(module).to_owned();
        seen.entry(stem).or_default().push(module.clone());
    }
    let twice: Vec<_> = seen
        .iter()
        .filter(|(stem, ms)| ms.len() > 1 && !SHARED_ROLES.contains(&stem.as_str()))
        .collect();
    assert!(twice.is_empty(), "one file name, two meanings: {twice:?}");
}

#[test]
fn no_two_types_share_a_name() {
    let mut seen: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (module, source) in modules() {
        for line in code_only(&source).lines() {
            let decl = line
                .strip_prefix("pub ")
                .or_else(|| line.strip_prefix("pub(crate) "))
                .unwrap_or("");
            for kind in ["struct ", "enum ", "type "] {
                if let Some(rest) = decl.strip_prefix(kind) {
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    seen.entry(name).or_default().push(module.clone());
                }
            }
        }
    }
    let twice: Vec<_> = seen.iter().filter(|(_, ms)| ms.len() > 1).collect();
    assert!(twice.is_empty(), "one type name in two modules: {twice:?}");
}

#[test]
fn no_function_is_longer_than_250_lines() {
    let mut long = Vec::new();
    for (module, source) in modules() {
        let lines: Vec<&str> = source.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let body = line.trim_start();
            let indent = line.len() - body.len();
            let is_fn = [
                "fn ",
                "pub fn ",
                "pub(crate) fn ",
                "pub(super) fn ",
                "const fn ",
            ]
            .iter()
            .any(|k| body.starts_with(k))
                && !body.ends_with(';');
            if !is_fn {
                continue;
            }
            // rustfmt closes the body at the indentation of the signature
            let close = format!("{}}}", " ".repeat(indent));
            if let Some(n) = lines[i..].iter().position(|l| *l == close) {
                if n + 1 > 250 {
                    long.push(format!("{module}:{} ({} lines)", i + 1, n + 1));
                }
            }
        }
    }
    assert!(long.is_empty(), "functions over 250 lines: {long:?}");
}

/// The layer of a module (`docs/architecture.md`): 1 bottom, 2 data, 3 beyond Green
/// Algorithms, 4 Green Algorithms, 5 words, 6 the HPC and report surfaces.
fn layer(module: &str) -> usize {
    let top = module.split("::").next().unwrap_or(module);
    match top {
        _ if BOTTOM.contains(&top) => 1,
        "tables" | "intensity" => 2,
        "beyond" => 3,
        "ga" => 4,
        "words" => 5,
        "hpc" | "report" => 6,
        other => panic!("module {other} has no layer: add it to docs/architecture.md and here"),
    }
}

#[test]
fn the_layers_hold() {
    let mut faults = Vec::new();
    for (module, deps) in &graph() {
        for d in deps {
            let top = |m: &str| m.split("::").next().unwrap_or(m).to_owned();
            let (from, to) = (layer(module), layer(d));
            // a module imports its own layer or those below; the two surfaces not each other
            if to > from || (from == 6 && to == 6 && top(module) != top(d)) {
                faults.push(format!("{module} (layer {from}) imports {d} (layer {to})"));
            }
        }
    }
    assert!(
        faults.is_empty(),
        "imports against the layers:\n{}",
        faults.join("\n")
    );
}

#[test]
fn the_reader_finds_imports_and_loops() {
    assert_eq!(
        without_renames("crate::{a::b as x, c::{d, e as y}}"),
        "crate::{a::b,c::{d,e}}"
    );
    let mut out = Vec::new();
    expand("", "crate::{a::b,c::{d,e}}", &mut out);
    assert_eq!(out, ["crate::a::b", "crate::c::d", "crate::c::e"]);
    let code =
        code_only("use super::x; // crate::not_this\nlet s = \"crate::nor_this\"; crate::y::f();");
    let found: BTreeSet<String> = paths(&code).into_iter().collect();
    assert_eq!(
        found,
        ["crate::y::f".to_owned(), "super::x".to_owned()].into()
    );
    assert_eq!(
        code_only("a\n#[cfg(test)]\nmod tests { use crate::b; }"),
        "a\n"
    );
    let g: BTreeMap<String, BTreeSet<String>> = [("a", "b"), ("b", "a"), ("c", "a")]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), [(*v).to_owned()].into()))
        .collect();
    assert_eq!(loops(&g), [vec!["a".to_owned(), "b".to_owned()]].into());
}
