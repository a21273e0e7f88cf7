//! Making the package: every document, then `manifest.json`, atomically.
//!
//! Documents are rendered in parallel (rayon) into memory first; only when
//! every one of them succeeded are they written, by [`crate::output`]: into
//! a temporary folder beside `--out` that is renamed into place at the end.
//! An interrupted or failed run therefore leaves either the old folder or
//! the new one, never half a package.

use crate::cast::{Cast, HeldBack};
use crate::diag::{Error, Problem, Result};
use crate::figures::Figures;
use crate::layers;
use crate::load::Loaded;
use crate::model::Model;
use crate::output::{self, hex};
use crate::render::catalogue::{self, DocPlan};
use crate::render::context::{self, Sources};
use crate::render::{docx, markup, templates::Templates};
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
    /// The reports' date (`--date`), over `/report_date` of programme.json.
    pub date: Option<chrono::NaiveDate>,
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
    /// People left out of the documents by a finding: who, from which
    /// documents, by which rule, at which place.
    pub held_back: Vec<HeldBack>,
    /// The rules summary at generation time, so the package records its verdict.
    pub check: rules::Summary,
    /// The figures the documents print.
    pub figures: Figures,
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

/// A model after its rules: the report, and the cast of the documents
/// that follows from it. Everything a document is rendered from.
#[derive(Debug)]
pub struct Checked<'a> {
    pub model: &'a Model,
    /// The catalogue of documents of the profile.
    pub entries: catalogue::Entries,
    pub report: rules::Report,
    pub cast: Cast,
    pub params: serde_json::Value,
}

impl<'a> Checked<'a> {
    /// Runs `rules` over `model` and decides the cast.
    pub fn new(
        model: &'a Model,
        rules: &RuleSet,
        params: serde_json::Value,
        entries: catalogue::Entries,
    ) -> Result<Self> {
        let report = rules.check(model)?;
        let cast = Cast::decide(model, &report);
        Ok(Checked {
            model,
            entries,
            report,
            cast,
            params,
        })
    }

    /// The same with the rules, parameters and catalogue of `region` and a
    /// templates folder (tests, benchmarks, `templates check`).
    pub fn with_profile(
        model: &'a Model,
        region: Option<&str>,
        templates_dir: Option<&Path>,
    ) -> Result<Self> {
        let rules = RuleSet::load(region, None)?;
        let entries = catalogue::Entries::load(region, templates_dir)?;
        let params = rules.params_in_force(model)?;
        Checked::new(model, &rules, params, entries)
    }

    /// The documents the cast yields.
    pub fn plan(&self) -> catalogue::Catalogue {
        catalogue::plan(&self.entries, &self.cast.model, self.model)
    }

    /// What each document's context is built from.
    pub fn sources(&self) -> Sources<'_> {
        Sources {
            full: self.model,
            cast: &self.cast,
            report: &self.report,
            params: &self.params,
        }
    }
}

/// Renders every document of the programme into memory (no files touched).
/// Returns the documents in catalogue order and the manifest describing them.
///
/// The rules run first: what the documents say follows their verdicts
/// ([`Cast`]), so no document is rendered before the report exists.
pub fn render(loaded: &Loaded, options: &Options) -> Result<(Vec<DocxFile>, Manifest)> {
    let region = options
        .region
        .clone()
        .or_else(|| loaded.model.region.clone());
    let profile = Profile::load(
        region.as_deref(),
        options.rules_dir.as_deref(),
        options.templates_dir.as_deref(),
    )?;
    render_with(loaded, &profile, options)
}

/// The resources of one profile, loaded and compiled once: its rules and
/// parameters, templates and catalogue. `batch` shares one across schools.
pub struct Profile {
    pub region: Option<String>,
    pub rules: RuleSet,
    pub templates: Templates,
    pub entries: catalogue::Entries,
}

impl Profile {
    /// Loads the base resources, the region's and the user's folders.
    pub fn load(
        region: Option<&str>,
        rules_dir: Option<&Path>,
        templates_dir: Option<&Path>,
    ) -> Result<Profile> {
        if let Some(r) = region {
            layers::check_region(r)?;
        }
        Ok(Profile {
            region: region.map(str::to_owned),
            rules: RuleSet::load(region, rules_dir)?,
            templates: Templates::load(region, templates_dir)?,
            entries: catalogue::Entries::load(region, templates_dir)?,
        })
    }
}

/// [`render`] with a profile already loaded.
pub fn render_with(
    loaded: &Loaded,
    profile: &Profile,
    options: &Options,
) -> Result<(Vec<DocxFile>, Manifest)> {
    let model = &loaded.model;
    let region = profile.region.clone();
    let templates = &profile.templates;
    let mut checked = Checked::new(
        model,
        &profile.rules,
        profile.rules.params_in_force(model)?,
        profile.entries.clone(),
    )?;
    if options.date.is_some() {
        checked.cast.model.report_date = options.date;
    }
    let plan = checked.plan();
    let documents = select(&plan, options.only.as_deref())?;
    let sources = checked.sources();
    let common = context::Common::new(&sources);
    let results: Vec<Result<Rendered>> = documents
        .par_iter()
        .map(|doc| render_one(&sources, &common, templates, doc))
        .collect();

    let mut problems = Vec::new();
    let mut rendered = Vec::new();
    for r in results {
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
        held_back: checked.cast.held_back.clone(),
        check: checked.report.summary.clone(),
        figures: checked.report.figures.clone(),
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
    sources: &Sources,
    common: &context::Common,
    templates: &Templates,
    doc: &DocPlan,
) -> Result<Rendered> {
    let model = &sources.cast.model;
    let ctx = common.build(sources, doc);
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

/// Writes a package's documents and `manifest.json` into `dir` (created):
/// one school's folder of a batch.
pub fn write_package(dir: &Path, files: &[(String, Vec<u8>)], manifest: &Manifest) -> Result<()> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::io(format!("не удалось создать папку {}", dir.display()), e))?;
    for (file, bytes) in files {
        let path = dir.join(file);
        std::fs::write(&path, bytes)
            .map_err(|e| Error::io(format!("не удалось записать файл {}", path.display()), e))?;
    }
    let mut json = serde_json::to_string_pretty(manifest)
        .map_err(|e| Error::internal(format!("manifest.json не сериализуется: {e}")))?;
    json.push('\n');
    let manifest_path = dir.join(output::MANIFEST_FILE);
    std::fs::write(&manifest_path, json).map_err(|e| {
        Error::io(
            format!("не удалось записать файл {}", manifest_path.display()),
            e,
        )
    })
}
