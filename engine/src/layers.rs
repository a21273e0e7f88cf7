//! Layered resources: what ships in the binary, a regional profile over it,
//! a methodologist's folder over both.
//!
//! Like mdBook themes: a file with the same name replaces the one below it,
//! a new file adds. Rules and templates are resolved the same way, so a
//! methodologist customises a region without recompiling.
//!
//! Layout of an embedded tree (`rules/` or `templates/` in the repository):
//! base files at the top, `regions/NAME/` holding each profile's files.

use crate::diag::{Error, Place, Problem, Result};
use crate::fsread;
use include_dir::{include_dir, Dir};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A tree of resources embedded in the binary, named as in the repository.
pub struct Tree {
    pub name: &'static str,
    pub dir: &'static Dir<'static>,
}

static RULES_DIR: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../rules");
static TEMPLATES_DIR: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../templates");
static SCHEMAS_DIR: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../schemas");

/// The base rules, parameters and regional profiles (`rules/` in the repository).
pub static RULES: Tree = Tree {
    name: "rules",
    dir: &RULES_DIR,
};
/// The base templates and regional overrides (`templates/` in the repository).
pub static TEMPLATES: Tree = Tree {
    name: "templates",
    dir: &TEMPLATES_DIR,
};
/// JSON Schemas (`schemas/` in the repository).
pub static SCHEMAS: Tree = Tree {
    name: "schemas",
    dir: &SCHEMAS_DIR,
};

impl Tree {
    /// The text of one embedded file (`programme.schema.json`).
    pub fn text(&self, path: &str) -> Option<&'static str> {
        self.dir.get_file(path).and_then(|f| f.contents_utf8())
    }
}

/// Which layer a file came from; shown to auditors and in error messages.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "layer", rename_all = "snake_case")]
pub enum Origin {
    /// Shipped in the binary (`rules/x.rhai`).
    Base { path: String },
    /// A regional profile shipped in the binary (`rules/regions/omsk/x.rhai`).
    Region { region: String, path: String },
    /// A user's folder given with `--rules` / `--templates`.
    User { path: PathBuf },
}

impl Origin {
    /// A name for messages: the repository path or the user's file path.
    pub fn display(&self) -> String {
        match self {
            Origin::Base { path } => path.clone(),
            Origin::Region { path, .. } => path.clone(),
            Origin::User { path } => path.display().to_string(),
        }
    }
}

/// One resolved file: its name (relative, `/`-separated), text and origin.
#[derive(Debug, Clone)]
pub struct LayeredFile {
    pub name: String,
    pub text: String,
    pub origin: Origin,
}

/// The regional profiles shipped in a tree (`regions/*`).
pub fn regions(tree: &Tree) -> Vec<String> {
    tree.dir
        .get_dir("regions")
        .map(|d| {
            d.dirs()
                .filter_map(|s| s.path().file_name()?.to_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Checks that `region` is a profile shipped in the rules tree.
pub fn check_region(region: &str) -> Result<()> {
    let known = regions(&RULES);
    if known.iter().any(|r| r == region) {
        Ok(())
    } else {
        Err(Error::input(Problem::nowhere(format!(
            "неизвестный региональный профиль «{region}»; есть: {}",
            if known.is_empty() {
                "нет ни одного".to_owned()
            } else {
                known.join(", ")
            }
        ))))
    }
}

/// Every layer's copy of one file, lowest first: the base, the region's,
/// the user's folder's; each as (name shown in messages, text). For files
/// merged entry by entry rather than replaced whole (the catalogue).
pub fn stack(
    tree: &Tree,
    region: Option<&str>,
    user: Option<&Path>,
    name: &str,
) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    if let Some(text) = tree.text(name) {
        out.push((format!("{}/{name}", tree.name), text.to_owned()));
    }
    if let Some(region) = region {
        check_region(region)?;
        let path = format!("regions/{region}/{name}");
        if let Some(text) = tree.text(&path) {
            out.push((format!("{}/{path}", tree.name), text.to_owned()));
        }
    }
    if let Some(user) = user {
        let path = user.join(name);
        if path.exists() {
            let text = std::fs::read_to_string(&path).map_err(|e| {
                Error::input(Problem::new(
                    Place::File {
                        file: path.display().to_string(),
                    },
                    format!("не удалось прочитать файл: {e}"),
                ))
            })?;
            out.push((path.display().to_string(), text));
        }
    }
    Ok(out)
}

/// Resolves the files ending in `ext` of `tree`, then `regions/REGION/`,
/// then the user's folder; later layers replace earlier ones by name.
/// Names are relative to their layer's root, so `regions/omsk/stage1.rhai`
/// replaces `stage1.rhai`.
pub fn resolve(
    tree: &Tree,
    region: Option<&str>,
    user: Option<&Path>,
    ext: &str,
) -> Result<BTreeMap<String, LayeredFile>> {
    let mut out = BTreeMap::new();
    collect_embedded(tree.name, tree.dir, ext, &mut out, &|path| Origin::Base {
        path,
    })?;
    if let Some(region) = region {
        check_region(region)?;
        if let Some(dir) = tree.dir.get_dir(format!("regions/{region}")) {
            collect_embedded(tree.name, dir, ext, &mut out, &|path| Origin::Region {
                region: region.to_owned(),
                path,
            })?;
        }
    }
    if let Some(user) = user {
        collect_user(user, user, ext, &mut out, &mut Vec::new())?;
    }
    Ok(out)
}

fn collect_embedded(
    tree_name: &str,
    dir: &Dir<'static>,
    ext: &str,
    out: &mut BTreeMap<String, LayeredFile>,
    origin: &dyn Fn(String) -> Origin,
) -> Result<()> {
    let prefix = dir.path();
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        for entry in d.entries() {
            match entry {
                include_dir::DirEntry::Dir(sub) => {
                    // Profiles live under regions/ and are only read when asked for.
                    if sub.path().file_name().is_some_and(|n| n == "regions") {
                        continue;
                    }
                    stack.push(sub);
                }
                include_dir::DirEntry::File(f) => {
                    let path = f.path();
                    if !path.to_string_lossy().ends_with(ext) {
                        continue;
                    }
                    let name = path
                        .strip_prefix(prefix)
                        .unwrap_or(path)
                        .to_string_lossy()
                        .replace('\\', "/");
                    let text = f.contents_utf8().unwrap_or_default().to_owned();
                    let shown = format!("{tree_name}/{}", path.to_string_lossy());
                    out.insert(
                        name.clone(),
                        LayeredFile {
                            name,
                            text,
                            origin: origin(shown),
                        },
                    );
                }
            }
        }
    }
    Ok(())
}

/// The kind (and so the size limit) of a user's layered file, by extension.
fn user_file_kind(ext: &str) -> fsread::Kind {
    if ext.ends_with("rhai") {
        fsread::Kind::Rule
    } else {
        fsread::Kind::Template
    }
}

/// Reads a user's folder and its subfolders. `seen` holds the folders
/// already read (resolved), so a symlink back up the tree (`a -> .`) is
/// read once instead of without end.
fn collect_user(
    root: &Path,
    dir: &Path,
    ext: &str,
    out: &mut BTreeMap<String, LayeredFile>,
    seen: &mut Vec<PathBuf>,
) -> Result<()> {
    if let Ok(real) = std::fs::canonicalize(dir) {
        if seen.contains(&real) {
            return Ok(());
        }
        seen.push(real);
    }
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Error::input(Problem::new(
            Place::File {
                file: dir.display().to_string(),
            },
            format!("не удалось прочитать папку: {e}"),
        ))
    })?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            collect_user(root, &path, ext, out, seen)?;
        } else if path.to_string_lossy().ends_with(ext) {
            let text = fsread::read_text(&path, user_file_kind(ext))
                .map_err(|e| Error::input(e.problem(&path.display().to_string())))?;
            let name = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(
                name.clone(),
                LayeredFile {
                    name,
                    text,
                    origin: Origin::User { path },
                },
            );
        }
    }
    Ok(())
}
