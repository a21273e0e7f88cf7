//! Writing the package: every document, then `manifest.json`, atomically.
//!
//! Documents are rendered in parallel (rayon) into memory first; only when
//! every one of them succeeded are they written, into a temporary folder
//! beside `--out` that is renamed into place at the end. An interrupted or
//! failed run therefore leaves either the old folder or the new one, never
//! half a package.

use crate::diag::{Error, Place, Problem, Result};
use crate::layers;
use crate::load::Loaded;
use crate::model::Model;
use crate::render::catalogue::{self, DocPlan};
use crate::render::{context, docx, markup, templates::Templates};
use crate::rules::RuleSet;
use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// What `generate` may be asked for beyond the programme itself.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Regional profile; overrides `region` in programme.json.
    pub region: Option<String>,
    /// A methodologist's rules folder, over the base and the profile.
    pub rules_dir: Option<PathBuf>,
    /// A methodologist's templates folder, over the base and the profile.
    pub templates_dir: Option<PathBuf>,
    /// Only these document ids (`--only`); all when `None`.
    pub only: Option<Vec<String>>,
    /// Replace a non-empty `--out` folder.
    pub force: bool,
}

/// `manifest.json`: what was written and what was left out, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Manifest {
    pub generator: String,
    pub programme: ManifestProgramme,
    pub region: Option<String>,
    pub documents: Vec<ManifestDocument>,
    /// Documents not written because their data is missing.
    pub skipped: Vec<catalogue::Skipped>,
    /// The rules summary at generation time, so the package records its verdict.
    pub check: serde_json::Value,
}

#[derive(Debug, Clone, Serialize)]
pub struct ManifestProgramme {
    pub title: String,
    pub organisation: String,
    pub start: String,
    pub end: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ManifestDocument {
    pub id: String,
    pub title: String,
    pub file: String,
    pub sha256: String,
    pub bytes: usize,
}

/// A file of the package: its name in the folder and its bytes.
pub type DocxFile = (String, Vec<u8>);

/// One rendered document, in memory.
struct Rendered {
    id: String,
    title: String,
    bytes: Vec<u8>,
}

/// Renders every document of the programme into memory (no files touched).
/// Returns the documents in catalogue order and the manifest describing them.
pub fn render(loaded: &Loaded, options: &Options) -> Result<(Vec<DocxFile>, Manifest)> {
    let model = &loaded.model;
    let region = options.region.clone().or_else(|| model.region.clone());
    if let Some(r) = &region {
        layers::check_region(r)?;
    }
    let rules_dir = options.rules_dir.as_deref();
    let rule_set = RuleSet::load(region.as_deref(), rules_dir)?;
    let params = rule_set.params_in_force(model)?;
    let templates = Templates::load(region.as_deref(), options.templates_dir.as_deref())?;

    let plan = catalogue::plan(model);
    let documents = select(&plan, options.only.as_deref())?;

    // The rules run while the documents that do not read their report are
    // rendered (a 5,000-pair order: the two take about as long); the
    // compliance report waits for them.
    let (early, late): (Vec<_>, Vec<_>) = documents
        .iter()
        .enumerate()
        .partition(|(_, doc)| !templates.reads_report(&doc.template));
    let render_all = |docs: &[(usize, &DocPlan)], report: &serde_json::Value| {
        docs.par_iter()
            .map(|(i, doc)| (*i, render_one(model, &params, report, &templates, doc)))
            .collect::<Vec<_>>()
    };
    let (report, mut results) = rayon::join(
        || rule_set.check(model),
        || render_all(&early, &serde_json::Value::Null),
    );
    let report_json = serde_json::to_value(&report?).unwrap_or(serde_json::Value::Null);
    results.extend(render_all(&late, &report_json));
    results.sort_by_key(|(i, _)| *i);

    let mut problems = Vec::new();
    let mut rendered = Vec::new();
    for (_, r) in results {
        match r {
            Ok(doc) => rendered.push(doc),
            Err(Error::Input(p)) => problems.extend(p),
            Err(e) => return Err(e),
        }
    }
    if !problems.is_empty() {
        return Err(Error::Input(problems));
    }

    let skipped = match options.only.as_deref() {
        None => plan.skipped.clone(),
        Some(_) => Vec::new(),
    };
    let manifest = Manifest {
        generator: format!("nastavnik {}", env!("CARGO_PKG_VERSION")),
        programme: ManifestProgramme {
            title: model.programme.title.clone(),
            organisation: model.organisation.full_name.clone(),
            start: model.programme.start.to_string(),
            end: model.programme.end.to_string(),
        },
        region,
        documents: rendered
            .iter()
            .map(|d| ManifestDocument {
                id: d.id.clone(),
                title: d.title.clone(),
                file: format!("{}.docx", d.id),
                sha256: hex(&Sha256::digest(&d.bytes)),
                bytes: d.bytes.len(),
            })
            .collect(),
        skipped,
        check: report_json
            .get("summary")
            .cloned()
            .unwrap_or(serde_json::Value::Null),
    };
    let files = rendered
        .into_iter()
        .map(|d| (format!("{}.docx", d.id), d.bytes))
        .collect();
    Ok((files, manifest))
}

/// Renders and writes the package into `out` atomically.
pub fn generate(loaded: &Loaded, out: &Path, options: &Options) -> Result<Manifest> {
    check_out_dir(out, options.force)?;
    let (files, manifest) = render(loaded, options)?;
    write_atomically(out, &files, &manifest)?;
    Ok(manifest)
}

/// One document: context, template, markup, DOCX.
fn render_one(
    model: &Model,
    params: &serde_json::Value,
    report: &serde_json::Value,
    templates: &Templates,
    doc: &DocPlan,
) -> Result<Rendered> {
    let ctx = context::build(model, params, report, doc);
    let text = templates.render_owned(&doc.template, ctx)?;
    let parsed = markup::parse(&text, &doc.template)?;
    let props = docx::DocProps {
        title: doc.title.clone(),
        subject: model.programme.title.clone(),
        author: model.organisation.short_name.clone(),
        gost: model.layout.gost.clone(),
    };
    let bytes = docx::write(&parsed, &props)?;
    Ok(Rendered {
        id: doc.id.clone(),
        title: doc.title.clone(),
        bytes,
    })
}

/// The documents to render: all, or those named by `--only` (unknown ids are an input error).
fn select(plan: &catalogue::Catalogue, only: Option<&[String]>) -> Result<Vec<DocPlan>> {
    let Some(only) = only else {
        return Ok(plan.documents.clone());
    };
    let mut problems = Vec::new();
    let mut chosen = Vec::new();
    for id in only {
        let id = id.trim();
        if let Some(doc) = plan.documents.iter().find(|d| d.id == id) {
            if !chosen.iter().any(|c: &DocPlan| c.id == doc.id) {
                chosen.push(doc.clone());
            }
        } else if let Some(s) = plan.skipped.iter().find(|s| s.id == id) {
            problems.push(Problem::nowhere(format!(
                "документ «{id}» ({}) не может быть сформирован: {}",
                s.title, s.reason
            )));
        } else {
            let known: Vec<&str> = plan.documents.iter().map(|d| d.id.as_str()).collect();
            problems.push(Problem::nowhere(format!(
                "неизвестный документ «{id}»; есть: {}",
                known.join(", ")
            )));
        }
    }
    if problems.is_empty() {
        // Keep catalogue order whatever the order of --only.
        chosen.sort_by_key(|c| plan.documents.iter().position(|d| d.id == c.id));
        Ok(chosen)
    } else {
        Err(Error::Input(problems))
    }
}

fn check_out_dir(out: &Path, force: bool) -> Result<()> {
    if out.is_file() {
        return Err(Error::input(Problem::new(
            Place::File {
                file: out.display().to_string(),
            },
            "на месте папки для документов находится файл",
        )));
    }
    if !force && out.is_dir() {
        let non_empty = std::fs::read_dir(out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(false);
        if non_empty {
            return Err(Error::input(Problem::new(
                Place::File {
                    file: out.display().to_string(),
                },
                "папка не пуста; чтобы заменить её содержимое, добавьте --force",
            )));
        }
    }
    Ok(())
}

/// Writes into `.NAME.tmp-…` beside `out`, then swaps it into place.
fn write_atomically(out: &Path, files: &[(String, Vec<u8>)], manifest: &Manifest) -> Result<()> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)
        .map_err(|e| Error::io(format!("создание папки {}", parent.display()), e))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".to_owned());
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}.tmp-"))
        .tempdir_in(&parent)
        .map_err(|e| Error::io(format!("временная папка в {}", parent.display()), e))?;
    for (file, bytes) in files {
        let path = tmp.path().join(file);
        std::fs::write(&path, bytes)
            .map_err(|e| Error::io(format!("запись {}", path.display()), e))?;
    }
    let mut json = serde_json::to_string_pretty(manifest).unwrap_or_default();
    json.push('\n');
    let manifest_path = tmp.path().join("manifest.json");
    std::fs::write(&manifest_path, json)
        .map_err(|e| Error::io(format!("запись {}", manifest_path.display()), e))?;

    let tmp_path = tmp.keep();
    if out.exists() {
        // With --force (or an empty folder): move the old one aside first so
        // that a failure leaves it intact.
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        std::fs::rename(out, &old)
            .map_err(|e| Error::io(format!("переименование {}", out.display()), e))?;
        if let Err(e) = std::fs::rename(&tmp_path, out) {
            let _ = std::fs::rename(&old, out);
            let _ = std::fs::remove_dir_all(&tmp_path);
            return Err(Error::io(format!("переименование в {}", out.display()), e));
        }
        let _ = std::fs::remove_dir_all(&old);
    } else if let Err(e) = std::fs::rename(&tmp_path, out) {
        let _ = std::fs::remove_dir_all(&tmp_path);
        return Err(Error::io(format!("переименование в {}", out.display()), e));
    }
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
