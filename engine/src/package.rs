//! Making the package: every document, then `manifest.json`, atomically.
//!
//! Documents are rendered in parallel (rayon) into memory first; only when
//! every one of them succeeded are they written, by [`crate::output`]: into
//! a temporary folder beside `--out` that is renamed into place at the end.
//! An interrupted or failed run therefore leaves either the old folder or
//! the new one, never half a package.

use crate::diag::{Error, Problem, Result};
use crate::layers;
use crate::load::Loaded;
use crate::model::Model;
use crate::output::{self, hex};
use crate::render::catalogue::{self, DocPlan};
use crate::render::{context, docx, markup, templates::Templates};
use crate::rules::{self, RuleSet};
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
    /// Replace a previous package in `--out` (never anything else).
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
    let params = rules::params::load(region.as_deref(), rules_dir)?;
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

/// Renders and writes the package into `out` atomically. `out` is claimed
/// first (locked, checked that it may be replaced: [`output::Target`]), so
/// a refusal comes before any rendering.
pub fn generate(loaded: &Loaded, out: &Path, options: &Options) -> Result<Manifest> {
    let mut inputs = vec![loaded.programme_path.clone()];
    inputs.extend(loaded.inputs.iter().cloned());
    inputs.extend(options.rules_dir.iter().cloned());
    inputs.extend(options.templates_dir.iter().cloned());
    let target = output::Target::claim(out, options.force, &inputs)?;
    let (files, manifest) = render(loaded, options)?;
    let mut json = serde_json::to_string_pretty(&manifest)
        .map_err(|e| Error::internal(format!("manifest.json не сериализуется: {e}")))?;
    json.push('\n');
    target.write(&files, json.as_bytes())?;
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
