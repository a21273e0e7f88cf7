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
use sha2::{Digest, Sha256};
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
    let mut out: Vec<String> = tree
        .dir
        .get_dir("regions")
        .map(|d| {
            d.dirs()
                .filter_map(|s| s.path().file_name()?.to_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// The regional profiles built in: those of the rules tree and of the
/// templates tree (a region may change only its texts).
pub fn builtin_regions() -> Vec<String> {
    let mut out = regions(&RULES);
    out.extend(regions(&TEMPLATES));
    out.sort();
    out.dedup();
    out
}

/// Checks that `region` is a profile shipped in the binary.
pub fn check_region(region: &str) -> Result<()> {
    Region::builtin(region)
        .map(|_| ())
        .map_err(|m| Error::input(Problem::nowhere(m)))
}

/// `region` of programme.json: a built-in profile or a folder relative to
/// programme.json; else a problem at `/region` naming the known ones.
pub fn check_written_region(written: &str, base: &Path, shown: &str) -> Option<Problem> {
    Region::resolve(written, base)
        .err()
        .map(|m| region_problem(shown, m))
}

/// A problem at `/region` of programme.json (`shown`).
fn region_problem(shown: &str, message: String) -> Problem {
    Problem::new(
        Place::Pointer {
            file: shown.to_owned(),
            pointer: "/region".to_owned(),
        },
        message,
    )
}

/// A region: a profile built into the binary or a methodologist's folder.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Region {
    /// `rules/regions/NAME/` and `templates/regions/NAME/` of the binary.
    Builtin(String),
    /// A folder holding `rules/` (Rhai files, `params.json`) and
    /// `templates/` (`.hbs`, `catalogue.json`), each optional.
    Folder {
        /// As written (in programme.json or `--region`): what messages and
        /// the manifest show, the same wherever the school's folder lies.
        written: String,
        /// Where it is: relative to programme.json's folder (or to the
        /// working folder for `--region`), or absolute.
        path: PathBuf,
    },
}

impl Region {
    /// A built-in region by name, or a Russian message listing the known ones.
    pub fn builtin(name: &str) -> std::result::Result<Region, String> {
        let known = builtin_regions();
        if known.iter().any(|r| r == name) {
            return Ok(Region::Builtin(name.to_owned()));
        }
        Err(unknown_region(name, None, &known))
    }

    /// What `region` in programme.json or `--region` names: a built-in
    /// profile, or else a folder relative to `base` (absolute allowed). A
    /// name with a path separator or a leading dot is always a folder, so
    /// `./omsk` reaches a folder even beside the built-in «omsk». The error
    /// is a Russian message (the caller knows the place).
    pub fn resolve(written: &str, base: &Path) -> std::result::Result<Region, String> {
        let known = builtin_regions();
        let pathlike = written.contains(['/', '\\']) || written.starts_with('.');
        if !pathlike && known.iter().any(|r| r == written) {
            return Ok(Region::Builtin(written.to_owned()));
        }
        let path = base.join(written);
        if !path.is_dir() {
            return Err(unknown_region(written, Some(&path), &known));
        }
        if !TREES.iter().any(|t| path.join(t).exists()) {
            return Err(format!(
                "в папке регионального профиля «{written}» ({}) нет ни rules/, ни templates/: \
                 правила и params.json кладут в rules/, шаблоны и catalogue.json — в templates/",
                path.display()
            ));
        }
        Ok(Region::Folder {
            written: written.to_owned(),
            path,
        })
    }

    /// The region as written: `omsk`, `../tyumen`.
    pub fn name(&self) -> &str {
        match self {
            Region::Builtin(name) => name,
            Region::Folder { written, .. } => written,
        }
    }

    /// The region's folder, when it is one.
    pub fn folder(&self) -> Option<&Path> {
        match self {
            Region::Builtin(_) => None,
            Region::Folder { path, .. } => Some(path),
        }
    }
}

/// The subfolders a region folder may hold, named like the embedded trees.
const TREES: [&str; 2] = ["rules", "templates"];

fn unknown_region(written: &str, path: Option<&Path>, known: &[String]) -> String {
    let mut message = format!("неизвестный региональный профиль «{written}»");
    if let Some(path) = path {
        message.push_str(&format!(
            ": такого встроенного профиля нет, и папки {} нет",
            path.display()
        ));
    }
    message.push_str(&format!(
        "; встроенные профили: {}",
        if known.is_empty() {
            "нет ни одного".to_owned()
        } else {
            known.join(", ")
        }
    ));
    if let Some(near) = crate::rules::suggest::closest(written, known.iter().map(String::as_str)) {
        message.push_str(&format!("; возможно, имелось в виду «{near}»"));
    }
    message.push_str(
        "; региональный профиль может быть и папкой с rules/ и templates/ (путь относительно programme.json)",
    );
    message
}

/// Where the resources of one run come from, lowest layer first: the base
/// of the binary, a region (built in or a folder), a methodologist's
/// `--rules` and `--templates` folders.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Layers {
    pub region: Option<Region>,
    /// `--rules DIR`: Rhai files and `params.json` over the region's.
    pub rules: Option<PathBuf>,
    /// `--templates DIR`: templates and `catalogue.json` over the region's.
    pub templates: Option<PathBuf>,
}

/// A layer above the base: an embedded region or a folder on disk.
enum Layer<'a> {
    Embedded {
        region: &'a str,
        dir: &'static Dir<'static>,
    },
    Folder {
        /// `Some` for a region's folder, `None` for `--rules`/`--templates`.
        region: Option<&'a str>,
        dir: PathBuf,
    },
}

impl Layers {
    /// A built-in region (checked) and the two folders.
    pub fn builtin(
        region: Option<&str>,
        rules: Option<&Path>,
        templates: Option<&Path>,
    ) -> Result<Layers> {
        let region = match region {
            Some(name) => {
                Some(Region::builtin(name).map_err(|m| Error::input(Problem::nowhere(m)))?)
            }
            None => None,
        };
        Ok(Layers {
            region,
            rules: rules.map(Path::to_path_buf),
            templates: templates.map(Path::to_path_buf),
        })
    }

    /// The layers of a run: `--region` (resolved against the working
    /// folder) over programme.json's `region` (resolved against
    /// programme.json's folder, a problem placed at `/region`).
    pub fn choose(
        flag: Option<&str>,
        programme: Option<(&str, &Path, &str)>,
        rules: Option<&Path>,
        templates: Option<&Path>,
    ) -> Result<Layers> {
        let region = match (flag, programme) {
            (Some(flag), _) => Some(
                Region::resolve(flag, Path::new(""))
                    .map_err(|m| Error::input(Problem::nowhere(format!("--region: {m}"))))?,
            ),
            (None, Some((written, base, shown))) => Some(
                Region::resolve(written, base)
                    .map_err(|m| Error::input(region_problem(shown, m)))?,
            ),
            (None, None) => None,
        };
        Ok(Layers {
            region,
            rules: rules.map(Path::to_path_buf),
            templates: templates.map(Path::to_path_buf),
        })
    }

    /// The region's name as written, if any.
    pub fn region_name(&self) -> Option<&str> {
        self.region.as_ref().map(Region::name)
    }

    /// The user's folder for `tree` (`--rules` or `--templates`).
    fn user(&self, tree: &Tree) -> Option<&Path> {
        match tree.name {
            "rules" => self.rules.as_deref(),
            "templates" => self.templates.as_deref(),
            _ => None,
        }
    }

    /// The layers of `tree` above its base, lowest first.
    fn above_base(&self, tree: &Tree) -> Vec<Layer<'_>> {
        let mut out = Vec::new();
        match &self.region {
            Some(Region::Builtin(name)) => {
                if let Some(dir) = tree.dir.get_dir(format!("regions/{name}")) {
                    out.push(Layer::Embedded { region: name, dir });
                }
            }
            Some(Region::Folder { written, path }) => {
                let dir = path.join(tree.name);
                if dir.exists() {
                    out.push(Layer::Folder {
                        region: Some(written),
                        dir,
                    });
                }
            }
            None => {}
        }
        if let Some(dir) = self.user(tree) {
            out.push(Layer::Folder {
                region: None,
                dir: dir.to_path_buf(),
            });
        }
        out
    }

    /// Every folder on disk this profile reads, for `--out` to refuse
    /// (the region's `rules/` and `templates/`, `--rules`, `--templates`).
    pub fn folders(&self) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for tree in [&RULES, &TEMPLATES] {
            for layer in self.above_base(tree) {
                if let Layer::Folder { dir, .. } = layer {
                    out.push(dir);
                }
            }
        }
        if let Some(folder) = self.region.as_ref().and_then(Region::folder) {
            out.push(folder.to_path_buf());
        }
        out
    }

    /// The folders of the profile on disk with every file of them that a
    /// run reads (rules, parameters, templates, catalogue, the kinds' words),
    /// each with its SHA-256: what `manifest.json` records so a package names exactly
    /// the profile it was made with.
    pub fn folder_files(&self) -> Result<Vec<FolderFiles>> {
        let mut out = Vec::new();
        for tree in [&RULES, &TEMPLATES] {
            for layer in self.above_base(tree) {
                let Layer::Folder { region, dir } = layer else {
                    continue;
                };
                let mut files = Vec::new();
                let exts: &[&str] = if tree.name == "rules" {
                    &[".rhai", "params.json"]
                } else {
                    // catalogue.json and the kinds' words (kinds/*.json).
                    &[".hbs", ".json"]
                };
                for ext in exts {
                    let mut found = BTreeMap::new();
                    collect_user(&dir, ext, &mut found, None)?;
                    for (name, f) in found {
                        files.push(HashedFile {
                            name,
                            sha256: crate::output::hex(&Sha256::digest(f.text.as_bytes())),
                        });
                    }
                }
                files.sort_by(|a, b| a.name.cmp(&b.name));
                let shown = match (region, tree.name) {
                    (Some(r), t) => format!("{r}/{t}"),
                    (None, _) => dir.display().to_string(),
                };
                out.push(FolderFiles {
                    layer: if region.is_some() { "region" } else { "user" }.to_owned(),
                    kind: tree.name.to_owned(),
                    folder: shown,
                    files,
                });
            }
        }
        Ok(out)
    }
}

/// One folder of a profile as `manifest.json` records it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FolderFiles {
    /// `region` (a region's folder) or `user` (`--rules`, `--templates`).
    pub layer: String,
    /// `rules` or `templates`.
    pub kind: String,
    /// As written: `../tyumen/rules` (relative to programme.json) or the
    /// `--rules` path as given.
    pub folder: String,
    pub files: Vec<HashedFile>,
}

/// A file of a profile's folder and the SHA-256 of its bytes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct HashedFile {
    /// Relative to its folder, `/`-separated.
    pub name: String,
    pub sha256: String,
}

/// Every layer's copy of one file, lowest first: the base, the region's,
/// the user's folder's; each as (name shown in messages, text). For files
/// merged entry by entry rather than replaced whole (the catalogue,
/// `params.json`). A file present in any form (a FIFO, a folder) is meant:
/// read or refused.
pub fn stack(tree: &Tree, layers: &Layers, name: &str) -> Result<Vec<(String, String)>> {
    Ok(stack_layers(tree, layers, name)?
        .into_iter()
        .map(|(shown, _, text)| (shown, text))
        .collect())
}

/// Which layer set a copy of a file ([`stack_layers`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetBy {
    Base,
    /// A region, built in or a folder, as written.
    Region(String),
    /// `--rules` / `--templates`.
    User,
}

/// [`stack`] with, for each copy, the layer that set it.
pub fn stack_layers(
    tree: &Tree,
    layers: &Layers,
    name: &str,
) -> Result<Vec<(String, SetBy, String)>> {
    let mut out = Vec::new();
    if let Some(text) = tree.text(name) {
        out.push((
            format!("{}/{name}", tree.name),
            SetBy::Base,
            text.to_owned(),
        ));
    }
    for layer in layers.above_base(tree) {
        match layer {
            Layer::Embedded { region, dir } => {
                let path = dir.path().join(name);
                if let Some(text) = tree.dir.get_file(&path).and_then(|f| f.contents_utf8()) {
                    out.push((
                        format!("{}/{}", tree.name, path.to_string_lossy()),
                        SetBy::Region(region.to_owned()),
                        text.to_owned(),
                    ));
                }
            }
            Layer::Folder { region, dir } => {
                let path = dir.join(name);
                if path.symlink_metadata().is_ok() {
                    let text = read_user_file(&path, file_kind(name))?;
                    let set_by = match region {
                        Some(region) => SetBy::Region(region.to_owned()),
                        None => SetBy::User,
                    };
                    out.push((path.display().to_string(), set_by, text));
                }
            }
        }
    }
    Ok(out)
}

/// Resolves the files ending in `ext` of `tree`, then of the region (its
/// `regions/NAME/` or its folder's `rules/`/`templates/`), then of the
/// user's folder; later layers replace earlier ones by name. Names are
/// relative to their layer's root, so `regions/omsk/stage1.rhai` replaces
/// `stage1.rhai`.
pub fn resolve(tree: &Tree, layers: &Layers, ext: &str) -> Result<BTreeMap<String, LayeredFile>> {
    let mut out = BTreeMap::new();
    collect_embedded(tree.name, tree.dir, ext, &mut out, &|path| Origin::Base {
        path,
    })?;
    for layer in layers.above_base(tree) {
        match layer {
            Layer::Embedded { region, dir } => {
                collect_embedded(tree.name, dir, ext, &mut out, &|path| Origin::Region {
                    region: region.to_owned(),
                    path,
                })?
            }
            Layer::Folder { region, dir } => collect_user(&dir, ext, &mut out, region)?,
        }
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
/// A methodologist's file saved by Notepad starts with a UTF-8 byte order
/// mark; JSON, Rhai and Handlebars would each refuse it in their own way.
fn without_bom(text: String) -> String {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    }
}

/// A file of a profile's folder (a region's, `--rules`, `--templates`)
/// as every command reads it: within its size limit, without a byte order
/// mark, and refused when it holds a character no document may hold
/// ([`crate::text::forbidden_char`]: controls, the bidirectional and other
/// invisible format characters) — at its line and column, and in a JSON
/// file also where it is written as an escape (`"\u202E"`), at its
/// pointer. The same check as programme.json's and the tables' cells: a
/// parameter, a catalogue title or a template's text reaches signed
/// documents as they do.
fn read_user_file(path: &Path, kind: fsread::Kind) -> Result<String> {
    let shown = path.display().to_string();
    let text =
        without_bom(fsread::read_text(path, kind).map_err(|e| Error::input(e.problem(&shown)))?);
    let mut problems = crate::text::forbidden_lines(&text, &shown);
    if problems.is_empty() && shown.ends_with(".json") {
        // Unparsable JSON is refused by its reader, with its own place.
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) {
            problems = crate::schema::forbidden_in_json(&value, &shown);
        }
    }
    if problems.is_empty() {
        Ok(text)
    } else {
        Err(Error::Input(problems))
    }
}

fn file_kind(ext: &str) -> fsread::Kind {
    if ext.ends_with("rhai") {
        fsread::Kind::Rule
    } else if ext.ends_with("params.json") {
        fsread::Kind::Params
    } else {
        fsread::Kind::Template
    }
}

/// At most this many files and folders in one folder of a profile (a
/// region's `rules/` or `templates/`, `--rules`, `--templates`), its
/// subfolders included: a real one holds tens (README «Limits»).
pub const MAX_PROFILE_ENTRIES: usize = 1_000;

/// Reads a user's folder `root` and its subfolders: every file ending in
/// `ext`, by its name relative to `root`. A folder is read once (a symlink
/// back up the tree, `a -> .`, is passed by), and the whole tree may hold
/// [`MAX_PROFILE_ENTRIES`]: more is refused at `root` before any file is
/// read. `region` names the region whose folder this is (`None` for
/// `--rules`/`--templates`).
fn collect_user(
    root: &Path,
    ext: &str,
    out: &mut BTreeMap<String, LayeredFile>,
    region: Option<&str>,
) -> Result<()> {
    let mut files = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut stack = vec![root.to_path_buf()];
    let mut count = 0usize;
    while let Some(dir) = stack.pop() {
        if let Ok(real) = std::fs::canonicalize(&dir) {
            if !seen.insert(real) {
                continue;
            }
        }
        let entries = std::fs::read_dir(&dir).map_err(|e| {
            Error::input(Problem::new(
                Place::File {
                    file: dir.display().to_string(),
                },
                format!("не удалось прочитать папку: {}", crate::diag::os_text(&e)),
            ))
        })?;
        for entry in entries {
            let Ok(entry) = entry else { continue };
            count += 1;
            if count > MAX_PROFILE_ENTRIES {
                return Err(Error::input(Problem::new(
                    Place::File {
                        file: root.display().to_string(),
                    },
                    format!(
                        "в папке профиля (с подпапками) больше {MAX_PROFILE_ENTRIES} файлов и папок: такая папка не читается; в ней держат только правила, params.json, шаблоны и catalogue.json — обычно десятки файлов"
                    ),
                )));
            }
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.to_string_lossy().ends_with(ext) {
                files.push(path);
            }
        }
    }
    // Read in name order, as before: the first refusal is always the same.
    files.sort();
    for path in files {
        let text = read_user_file(&path, file_kind(ext))?;
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
                origin: match region {
                    Some(region) => Origin::Region {
                        region: region.to_owned(),
                        path: path.display().to_string(),
                    },
                    None => Origin::User { path },
                },
            },
        );
    }
    Ok(())
}
