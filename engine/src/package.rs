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
use crate::layers::{self, Layers};
use crate::load::Loaded;
use crate::model::Model;
use crate::output::{self, hex};
use crate::render::catalogue::{self, DocPlan};
use crate::render::context::{self, Sources};
use crate::render::{docx, templates::Templates};
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
    /// Also a PDF/A-2b of every document, through LibreOffice
    /// (`generate --pdf`, [`crate::pdf`]): refused before anything is
    /// written when LibreOffice is not installed.
    pub pdf: bool,
}

/// `manifest.json`: what was written and what was left out, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Manifest {
    pub generator: String,
    pub programme: ManifestProgramme,
    pub region: Option<String>,
    /// Where the rules, parameters and templates came from.
    pub profile: ManifestProfile,
    pub documents: Vec<ManifestDocument>,
    /// The documents' PDFs (`--pdf`), one per document of the same name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pdfs: Vec<ManifestDocument>,
    /// Every file the package was made from (programme.json, then the
    /// tables, as programme.json names them) with the sha256 and size of
    /// the bytes read: `--only` adds to a package only of the same inputs.
    pub inputs: Vec<ManifestInput>,
    /// Every document the catalogue plans for these inputs (ids), whether
    /// written by this run or not: `--only` keeps no document the
    /// package would no longer hold.
    #[serde(skip)]
    pub planned: Vec<String>,
    /// Documents not written because their data is missing.
    pub skipped: Vec<catalogue::Skipped>,
    /// The package's date: every statement is true at it.
    pub date: Option<chrono::NaiveDate>,
    /// Documents written as drafts: their subject lies after the package's
    /// date (each marked «ПРОЕКТ» with the day it may be signed).
    pub drafts: Vec<catalogue::Draft>,
    /// People left out of the documents by a finding: who, from which
    /// documents, by which rule, at which place.
    pub held_back: Vec<HeldBack>,
    /// The rules summary at generation time, so the package records its verdict.
    pub check: rules::Summary,
    /// The figures the documents print.
    pub figures: Figures,
    /// Documents stated as of their own earlier date, and the figures they
    /// print instead of `figures`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub earlier: Vec<EarlierDate>,
    /// The survey's figures as the monitoring report prints them (the
    /// answers of people in force): what `batch` adds up for the region.
    #[serde(skip)]
    pub monitoring: crate::figures::monitoring::Monitoring,
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
    /// The document's date ([`catalogue::date_of`]): a registered order's
    /// own, an approved document's order's, else the package's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<chrono::NaiveDate>,
}

/// Documents stated as of a date of their own, before the package's
/// (`as_of_own_date` in the catalogue): the date, the documents, and the
/// figures they state (those of the pipeline run at that date).
#[derive(Debug, Clone, Serialize)]
pub struct EarlierDate {
    pub date: chrono::NaiveDate,
    pub documents: Vec<String>,
    pub figures: Figures,
}

/// The input files of `loaded` (programme.json, then each table) with the
/// sha256 and size of the bytes that were read: `Model::files`, which
/// the loader records as it reads them (no second read, no race).
pub fn input_hashes(loaded: &Loaded) -> Vec<ManifestInput> {
    loaded.model.files.clone()
}

/// An input file of the package: its path as programme.json gives it
/// (programme.json itself as `programme.json`), sha256 and size.
pub type ManifestInput = crate::model::InputFile;

/// A file of the package: its name in the folder and its bytes.
pub type DocxFile = (String, Vec<u8>);

/// One rendered document, in memory.
pub(crate) struct Rendered {
    id: String,
    title: String,
    bytes: Vec<u8>,
}

/// `model` as of the package's date `date` (`--date`, over
/// `/report_date`): borrowed when it already says so. The date reaches the
/// rules and every document through `Model::report_date`.
pub fn dated(model: &Model, date: Option<chrono::NaiveDate>) -> std::borrow::Cow<'_, Model> {
    match date {
        Some(d) if model.report_date != Some(d) => {
            let mut m = model.clone();
            m.report_date = Some(d);
            std::borrow::Cow::Owned(m)
        }
        _ => std::borrow::Cow::Borrowed(model),
    }
}

pub use crate::calendar::issued_by;

/// A model after its rules: the report, and the cast of the documents
/// that follows from it. Everything a document is rendered from.
#[derive(Debug)]
pub struct Checked<'a> {
    pub model: &'a Model,
    /// The catalogue of documents of the profile.
    pub entries: catalogue::Entries,
    pub report: rules::Report,
    pub cast: Cast,
    /// The figures every document and the manifest state
    /// ([`Figures::as_stated`]: over what is in force at the date).
    pub stated: Figures,
    pub params: serde_json::Value,
    /// The words of each kind of organisation (`templates/kinds/`): the
    /// base's, or the profile's ([`Checked::with_kinds`]).
    pub kinds: crate::render::kinds::Kinds,
}

impl<'a> Checked<'a> {
    /// Runs `rules` over `model` and decides the cast.
    pub fn new(
        model: &'a Model,
        rules: &RuleSet,
        params: serde_json::Value,
        entries: catalogue::Entries,
    ) -> Result<Self> {
        entries.check_registered(model)?;
        // The cast follows from the hold-back rules, all of the first pass:
        // decided once, for the second pass's figures and the documents.
        let mut decided: Option<(Cast, Figures)> = None;
        let report = rules.check_with(model, |verdicts, tables| {
            let cast = Cast::of_verdicts(model, verdicts);
            let stated = stated_of(tables, &cast);
            decided = Some((cast, stated.clone()));
            stated
        })?;
        let (mut cast, stated) = match decided {
            Some(done) => done,
            None => {
                let cast = Cast::decide(model, &report);
                let stated = stated_of(&report.figures, &cast);
                (cast, stated)
            }
        };
        let losses = entries.order_losses(model, &cast.model);
        cast.name_documents(model, &losses);
        Ok(Checked {
            model,
            entries,
            report,
            cast,
            stated,
            params,
            kinds: crate::render::kinds::Kinds::base(),
        })
    }

    /// The same speaking the words of `kinds` (a region's, `--templates`).
    pub fn with_kinds(mut self, kinds: crate::render::kinds::Kinds) -> Self {
        self.kinds = kinds;
        self
    }

    /// The same with the rules, parameters and catalogue of `region` and a
    /// templates folder (tests, benchmarks, `templates check`).
    pub fn with_profile(
        model: &'a Model,
        region: Option<&str>,
        templates_dir: Option<&Path>,
    ) -> Result<Self> {
        Checked::of_layers(model, &Layers::builtin(region, None, templates_dir)?)
    }

    /// The same with the rules, parameters and catalogue of `layers`.
    pub fn of_layers(model: &'a Model, layers: &Layers) -> Result<Self> {
        let rules = RuleSet::of(layers)?;
        let entries = catalogue::Entries::of(layers)?;
        let params = rules.params_in_force(model)?;
        let kinds = crate::render::kinds::Kinds::of(layers)?;
        Ok(Checked::new(model, &rules, params, entries)?.with_kinds(kinds))
    }

    /// The documents the cast yields.
    pub fn plan(&self) -> catalogue::Catalogue {
        if self.cast.not_asked().is_empty() {
            catalogue::plan(&self.entries, &self.cast.model, self.model)
        } else {
            catalogue::plan(
                &self.entries,
                &self.cast.model,
                &self.cast.consenting(self.model),
            )
        }
    }

    /// What each document's context is built from.
    pub fn sources(&self) -> Sources<'_> {
        Sources {
            full: self.model,
            cast: &self.cast,
            report: &self.report,
            stated: &self.stated,
            params: &self.params,
            kind: self.kinds.of_kind(self.model.organisation.kind),
            entries: &self.entries,
            restated: false,
        }
    }
}

/// The figures the package states after `report` ([`Figures::as_stated`]
/// with the cast it decides): what `check` prints, so that its figures are
/// the documents' and the manifest's.
pub fn stated_figures(model: &Model, report: &rules::Report) -> Figures {
    stated_of(&report.figures, &Cast::decide(model, report))
}

/// The figures in force: `tables` (the tables' figures) as the `cast`
/// states them.
fn stated_of(tables: &Figures, cast: &Cast) -> Figures {
    cast.stated(tables)
}

/// Renders every document of the programme into memory (no files touched).
/// Returns the documents in catalogue order and the manifest describing them.
///
/// The rules run first: what the documents say follows their verdicts
/// ([`Cast`]), so no document is rendered before the report exists.
pub fn render(loaded: &Loaded, options: &Options) -> Result<(Vec<DocxFile>, Manifest)> {
    let profile = Profile::for_programme(
        loaded,
        options.region.as_deref(),
        options.rules_dir.as_deref(),
        options.templates_dir.as_deref(),
    )?;
    render_with(loaded, &profile, options)
}

/// The resources of one run, resolved, checked and compiled once: where
/// they come from ([`Layers`]: the base, a region built in or a folder,
/// `--rules`, `--templates`), the rules and parameters, the templates and
/// the catalogue. `check`, `generate`, `templates check`, `rules list` and
/// `batch` (one per distinct profile, shared across schools) take one.
pub struct Profile {
    pub layers: Layers,
    pub rules: RuleSet,
    pub templates: Templates,
    pub entries: catalogue::Entries,
    /// The words of each kind of organisation, layered.
    pub kinds: crate::render::kinds::Kinds,
    /// The profile's folders on disk and the SHA-256 of each file read
    /// from them, for `manifest.json`.
    pub folders: Vec<layers::FolderFiles>,
}

impl Profile {
    /// A built-in region (or none) and the user's folders.
    pub fn load(
        region: Option<&str>,
        rules_dir: Option<&Path>,
        templates_dir: Option<&Path>,
    ) -> Result<Profile> {
        Profile::of(Layers::builtin(region, rules_dir, templates_dir)?)
    }

    /// The profile of a run on `loaded`: `--region` (built-in name, or a
    /// folder relative to the working folder) over programme.json's
    /// `region` (a folder relative to programme.json), then the folders.
    pub fn for_programme(
        loaded: &Loaded,
        region: Option<&str>,
        rules_dir: Option<&Path>,
        templates_dir: Option<&Path>,
    ) -> Result<Profile> {
        Profile::of(layers_for(loaded, region, rules_dir, templates_dir)?)
    }

    /// Loads and checks every resource of `layers`; every problem of the
    /// rules is reported, then those of the templates.
    pub fn of(layers: Layers) -> Result<Profile> {
        let rules = RuleSet::of(&layers)?;
        let templates = Templates::of(&layers)?;
        let entries = catalogue::Entries::of(&layers)?;
        let kinds = crate::render::kinds::Kinds::of(&layers)?;
        // A misspelt file name would leave the base's text in force: refused.
        let unused =
            crate::render::unused::unused(&templates, &entries, &catalogue::Entries::base()?);
        if !unused.is_empty() {
            return Err(Error::Input(unused));
        }
        let folders = layers.folder_files()?;
        Ok(Profile {
            layers,
            rules,
            templates,
            entries,
            kinds,
            folders,
        })
    }

    /// The rules' report on `model` as `check` prints it: its figures are
    /// those the package states ([`stated_figures`]), so `check` and the
    /// documents give one value for each.
    pub fn check(&self, model: &Model) -> Result<rules::Report> {
        self.entries.check_registered(model)?;
        let model = &*issued_by(model);
        // The figures in force, computed once for the second pass and the
        // report (the cast follows from the first pass alone).
        let mut stated: Option<Figures> = None;
        let mut report = self.rules.check_with(model, |verdicts, tables| {
            let figures = stated_of(tables, &Cast::of_verdicts(model, verdicts));
            stated = Some(figures.clone());
            figures
        })?;
        report.figures = match stated {
            Some(f) => f,
            None => stated_figures(model, &report),
        };
        Ok(report)
    }

    /// The region as written (`omsk`, `../tyumen`), if any.
    pub fn region(&self) -> Option<&str> {
        self.layers.region_name()
    }

    /// The profile as `manifest.json` records it.
    pub fn manifest(&self) -> ManifestProfile {
        ManifestProfile {
            region: self.region().map(str::to_owned),
            region_kind: self.layers.region.as_ref().map(|r| match r {
                layers::Region::Builtin(_) => "builtin".to_owned(),
                layers::Region::Folder { .. } => "folder".to_owned(),
            }),
            folders: self.folders.clone(),
        }
    }
}

/// The layers of a run on `loaded`: `--region` (a built-in name, or a
/// folder relative to the working folder) over programme.json's `region`
/// (a folder relative to programme.json, a problem placed at `/region`).
pub fn layers_for(
    loaded: &Loaded,
    region: Option<&str>,
    rules_dir: Option<&Path>,
    templates_dir: Option<&Path>,
) -> Result<Layers> {
    let shown = loaded.programme_path.display().to_string();
    let written = loaded
        .model
        .region
        .as_deref()
        .map(|r| (r, loaded.base_dir.as_path(), shown.as_str()));
    Layers::choose(region, written, rules_dir, templates_dir)
}

/// `manifest.json › profile`: the region and every folder the package
/// was made from, with the hashes of their files (the built-in layers are
/// named by `generator`, the binary's version).
#[derive(Debug, Clone, Serialize)]
pub struct ManifestProfile {
    pub region: Option<String>,
    /// `builtin` or `folder`.
    pub region_kind: Option<String>,
    pub folders: Vec<layers::FolderFiles>,
}

/// [`render`] with a profile already loaded.
pub fn render_with(
    loaded: &Loaded,
    profile: &Profile,
    options: &Options,
) -> Result<(Vec<DocxFile>, Manifest)> {
    let (kept, manifest) = render_each(loaded, profile, options, |_, bytes| Ok(bytes))?;
    let files = manifest
        .documents
        .iter()
        .map(|d| d.file.clone())
        .zip(kept)
        .collect();
    Ok((files, manifest))
}

/// Renders the package, handing each document (its file name and bytes)
/// to `keep` as soon as it is made, on the thread that made it: `generate`
/// and `batch` write it to disk there, so writing overlaps rendering
/// instead of following it on one thread (1,304 files of a large school
/// took a serial 0.1–1 s of system time), and no package is held whole in
/// memory. What `keep` returns comes back in catalogue order.
pub fn render_each<T: Send>(
    loaded: &Loaded,
    profile: &Profile,
    options: &Options,
    keep: impl Fn(&str, Vec<u8>) -> Result<T> + Sync,
) -> Result<(Vec<T>, Manifest)> {
    render_planned(loaded, profile, options, |_| {}, keep)
}

/// [`render_each`], telling `planned` how many documents are to be
/// written once the plan is made, before the first is rendered (the
/// page's «n из N документов»).
fn render_planned<T: Send>(
    loaded: &Loaded,
    profile: &Profile,
    options: &Options,
    planned: impl FnOnce(usize),
    keep: impl Fn(&str, Vec<u8>) -> Result<T> + Sync,
) -> Result<(Vec<T>, Manifest)> {
    // The package's date (`--date`) reaches the rules too: a rule judges
    // what can still be done by that day (an order on an event already
    // held could only be back-dated).
    // A skeleton of `init --blank` still unfilled prints its placeholders.
    let shown = loaded.programme_path.display().to_string();
    let placeholders = crate::example::placeholders(&loaded.model, &shown);
    if !placeholders.is_empty() {
        return Err(Error::Input(placeholders));
    }
    let at_date = dated(&loaded.model, options.date);
    let model = &*issued_by(&at_date);
    let region = profile.region().map(str::to_owned);
    let templates = &profile.templates;
    let checked = Checked::new(
        model,
        &profile.rules,
        profile.rules.params_in_force(model)?,
        profile.entries.clone(),
    )?
    .with_kinds(profile.kinds.clone());
    let plan = checked.plan();
    if let Some(id) = plan.duplicate() {
        return Err(Error::internal(format!(
            "документ «{id}» запланирован дважды: два документа записали бы один файл"
        )));
    }
    let documents = select(&plan, options.only.as_deref())?;
    planned(documents.len());
    // A document dated before the package whose statements depend on the
    // date is stated as of its own date: the same pipeline (date, what was
    // issued by it, rules, cast, figures) run once per such date. None
    // when every document is of the package's date: nothing extra.
    let earlier_dates: std::collections::BTreeSet<chrono::NaiveDate> = documents
        .iter()
        .filter_map(|d| d.stated_earlier(model.report_date))
        .collect();
    let earlier_models: Vec<(chrono::NaiveDate, Model)> = earlier_dates
        .iter()
        .map(|&d| (d, issued_by(&dated(model, Some(d))).into_owned()))
        .collect();
    let earlier: Vec<(chrono::NaiveDate, Checked)> = earlier_models
        .iter()
        .map(|(d, m)| {
            Checked::new(
                m,
                &profile.rules,
                checked.params.clone(),
                profile.entries.clone(),
            )
            .map(|c| (*d, c.with_kinds(profile.kinds.clone())))
        })
        .collect::<Result<_>>()?;
    let sources = checked.sources();
    let common = context::Common::new(&sources);
    let earlier_sources: Vec<(chrono::NaiveDate, Sources, context::Common)> = earlier
        .iter()
        .map(|(d, c)| {
            let s = Sources {
                restated: true,
                ..c.sources()
            };
            let common = context::Common::new(&s);
            (*d, s, common)
        })
        .collect();
    let results: Vec<Result<(ManifestDocument, T)>> = documents
        .par_iter()
        .map(|doc| {
            let (src, common) = match doc.stated_earlier(model.report_date) {
                Some(day) => earlier_sources
                    .iter()
                    .find(|(d, _, _)| *d == day)
                    .map(|(_, s, c)| (s, c))
                    .ok_or_else(|| {
                        Error::internal(format!(
                            "документ «{}» датирован {}, но сведения на эту дату не собраны",
                            doc.id,
                            crate::russian::date_short(day)
                        ))
                    })?,
                None => (&sources, &common),
            };
            let d = render_one(src, common, templates, doc)?;
            let listed = ManifestDocument {
                file: format!("{}.docx", d.id),
                sha256: hex(&Sha256::digest(&d.bytes)),
                bytes: d.bytes.len(),
                id: d.id,
                title: d.title,
                date: doc.date,
            };
            let kept = keep(&listed.file, d.bytes)?;
            Ok((listed, kept))
        })
        .collect();

    let mut problems = Vec::new();
    let mut listed = Vec::with_capacity(results.len());
    let mut kept = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok((doc, k)) => {
                listed.push(doc);
                kept.push(k);
            }
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
    let drafts = plan
        .drafts
        .iter()
        .filter(|d| listed.iter().any(|l| l.id == d.id))
        .cloned()
        .collect();
    let manifest = Manifest {
        generator: generator(),
        programme: ManifestProgramme {
            title: model.programme.title.clone(),
            organisation: model.organisation.full_name.clone(),
            start: model.programme.start.to_string(),
            end: model.programme.end.to_string(),
        },
        region,
        profile: profile.manifest(),
        documents: listed,
        pdfs: Vec::new(),
        inputs: input_hashes(loaded),
        planned: plan.documents.iter().map(|d| d.id.clone()).collect(),
        skipped,
        date: model.report_date,
        drafts,
        held_back: checked.cast.held_back.clone(),
        check: checked.report.summary.clone(),
        figures: checked.stated.clone(),
        earlier: earlier
            .iter()
            .map(|(date, c)| EarlierDate {
                date: *date,
                documents: documents
                    .iter()
                    .filter(|d| d.stated_earlier(model.report_date) == Some(*date))
                    .map(|d| d.id.clone())
                    .collect(),
                figures: c.stated.clone(),
            })
            .collect(),
        monitoring: {
            let (surveyed, _) = checked.cast.surveyed(model);
            crate::figures::monitoring::Monitoring::of(
                &surveyed,
                &checked.stated,
                crate::figures::monitoring::satisfied_from(&checked.params),
            )
        },
    };
    Ok((kept, manifest))
}

/// Renders and writes the package into `out` atomically. `out` is claimed
/// first (locked, checked that it may be replaced: [`output::Target`]), so
/// a refusal comes before any rendering.
pub fn generate(loaded: &Loaded, out: &Path, options: &Options) -> Result<Manifest> {
    let profile = Profile::for_programme(
        loaded,
        options.region.as_deref(),
        options.rules_dir.as_deref(),
        options.templates_dir.as_deref(),
    )?;
    generate_with(loaded, &profile, out, options)
}

/// [`generate`] with a profile already resolved. `--out` may hold none of
/// the run's inputs: programme.json, the tables, and every folder of the
/// profile (the region's folder, `--rules`, `--templates`).
pub fn generate_with(
    loaded: &Loaded,
    profile: &Profile,
    out: &Path,
    options: &Options,
) -> Result<Manifest> {
    generate_observed(loaded, profile, out, options, &Progress::default())
}

/// What a generation has done so far, read by another thread while it
/// runs (the page's progress of a long package).
#[derive(Debug, Default)]
pub struct Progress {
    /// Documents to write: the plan's, known once the rules have run
    /// (0 until then).
    pub total: std::sync::atomic::AtomicUsize,
    /// Documents written into the temporary folder, of `total`.
    pub written: std::sync::atomic::AtomicUsize,
    /// PDFs made (`Options::pdf`), of `pdf_total`.
    pub pdf_done: std::sync::atomic::AtomicUsize,
    pub pdf_total: std::sync::atomic::AtomicUsize,
}

/// [`generate_with`], counting its work in `progress`.
pub fn generate_observed(
    loaded: &Loaded,
    profile: &Profile,
    out: &Path,
    options: &Options,
    progress: &Progress,
) -> Result<Manifest> {
    use std::sync::atomic::Ordering::Relaxed;
    let mut inputs = vec![loaded.programme_path.clone()];
    inputs.extend(loaded.inputs.iter().cloned());
    inputs.extend(profile.layers.folders());
    let soffice = match options.pdf {
        true => Some(crate::pdf::soffice().ok_or_else(|| {
            Error::input(crate::diag::Problem::new(
                crate::diag::Place::File {
                    file: "--pdf".to_owned(),
                },
                crate::pdf::NOT_INSTALLED,
            ))
        })?),
        false => None,
    };
    let target = output::Target::claim(out, options.force, &inputs)?;
    if let Some(only) = &options.only {
        let origin = Origin {
            generator: generator(),
            title: loaded.model.programme.title.clone(),
            organisation: loaded.model.organisation.full_name.clone(),
            date: dated(&loaded.model, options.date).report_date,
            region: profile.region().map(str::to_owned),
            profile: profile.manifest(),
            inputs: input_hashes(loaded),
        };
        same_origin(out, &origin, only, options.pdf)?;
    }
    let mut written = None;
    target.write_with(|tmp| {
        let (_, mut manifest) = render_planned(
            loaded,
            profile,
            options,
            |n| progress.total.store(n, Relaxed),
            |file, bytes| {
                write_file(&tmp.join(file), &bytes)?;
                progress.written.fetch_add(1, Relaxed);
                Ok(())
            },
        )?;
        if let Some(soffice) = &soffice {
            let docx: Vec<PathBuf> = manifest
                .documents
                .iter()
                .map(|d| tmp.join(&d.file))
                .collect();
            for (d, pdf) in manifest.documents.iter().zip(crate::pdf::convert(
                soffice,
                &docx,
                tmp,
                &|done, total| {
                    progress.pdf_done.store(done, Relaxed);
                    progress.pdf_total.store(total, Relaxed);
                },
            )?) {
                let bytes = std::fs::read(&pdf)
                    .map_err(|e| Error::io(format!("не удалось прочитать {}", pdf.display()), e))?;
                manifest.pdfs.push(ManifestDocument {
                    date: d.date,
                    id: d.id.clone(),
                    title: d.title.clone(),
                    file: Path::new(&d.file)
                        .with_extension("pdf")
                        .display()
                        .to_string(),
                    sha256: hex(&Sha256::digest(&bytes)),
                    bytes: bytes.len(),
                });
            }
        }
        // `--only` over a previous package (claimed with `--force`, so
        // checked to be one): the other documents are kept.
        let previous = match options.only {
            Some(_) => {
                // A regenerated document's old PDF would describe the old
                // text: not carried over (a new one is made with --pdf).
                let pdf_names: Vec<String> = manifest
                    .documents
                    .iter()
                    .map(|d| {
                        Path::new(&d.file)
                            .with_extension("pdf")
                            .display()
                            .to_string()
                    })
                    .collect();
                let files: Vec<&str> = manifest
                    .documents
                    .iter()
                    .map(|d| d.file.as_str())
                    .chain(pdf_names.iter().map(String::as_str))
                    .collect();
                output::carry_over(out, tmp, &files)?
            }
            None => None,
        };
        let json = match previous {
            Some((old, kept)) => {
                same_documents(&manifest, &old, &kept, out)?;
                merged_manifest(&manifest, &old, &kept)?
            }
            None => manifest_json(&manifest)?,
        };
        write_file(&tmp.join(output::MANIFEST_FILE), &json)?;
        written = Some(manifest);
        Ok(())
    })?;
    written.ok_or_else(|| Error::internal("пакет не записан".to_owned()))
}

/// `manifest.json › generator`: the binary's name and version (its
/// built-in rules and templates are of that version).
fn generator() -> String {
    format!("nastavnik {}", env!("CARGO_PKG_VERSION"))
}

/// What a package is made from besides its documents: the binary, the
/// date, the profile and the inputs' bytes (as `manifest.json` has them).
struct Origin {
    generator: String,
    /// The programme's title and its organisation's full name.
    title: String,
    organisation: String,
    date: Option<chrono::NaiveDate>,
    region: Option<String>,
    profile: ManifestProfile,
    inputs: Vec<ManifestInput>,
}

/// The ending of every refusal of `--only` over a previous package.
const WHOLE_PACKAGE: &str =
    "--only дополняет только пакет, сформированный из тех же данных на ту же дату; сформируйте пакет целиком (без --only) или укажите другую папку";

/// `--only ID --force` keeps the other documents of the package in `out`
/// only when they would be written the same now: the package was made by
/// this version, at this date, with this profile (region, rules,
/// templates) and from inputs of the same bytes, every document and PDF
/// it lists is still there, and it has PDFs exactly when this run makes
/// them (`pdf`: all PDFs or none). Otherwise refused, naming what
/// differs; nothing is written.
fn same_origin(out: &Path, now: &Origin, only: &[String], pdf: bool) -> Result<()> {
    use serde_json::Value;
    let path = out.join(output::MANIFEST_FILE);
    if std::fs::symlink_metadata(&path).is_err() {
        return Ok(()); // no previous package: nothing is kept
    }
    let shown = out.display().to_string();
    let refuse = |why: String| {
        Error::input(Problem::new(
            crate::diag::Place::File {
                file: shown.clone(),
            },
            format!("прежний пакет в папке {why}; {WHOLE_PACKAGE}"),
        ))
    };
    let text = crate::fsread::read_text(&path, crate::fsread::Kind::Manifest).map_err(|e| {
        refuse(format!(
            "не проверить: {} не читается ({})",
            output::MANIFEST_FILE,
            e.message()
        ))
    })?;
    let old: Value = serde_json::from_str(&text).map_err(|_| {
        refuse(format!(
            "не проверить: {} не является JSON",
            output::MANIFEST_FILE
        ))
    })?;
    let mut differs: Vec<String> = Vec::new();
    let was = |key: &str| old.get(key).cloned().unwrap_or(Value::Null);
    if was("generator").as_str() != Some(now.generator.as_str()) {
        differs.push(format!(
            "записан другой версией ({}, сейчас {})",
            was("generator").as_str().unwrap_or("не указана"),
            now.generator
        ));
    }
    let programme = |key: &str| {
        old.pointer(&format!("/programme/{key}"))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    if programme("title").as_deref() != Some(now.title.as_str())
        || programme("organisation").as_deref() != Some(now.organisation.as_str())
    {
        differs.push(format!(
            "относится к другой программе («{}», {}; сейчас «{}», {})",
            programme("title").unwrap_or_else(|| "без названия".to_owned()),
            programme("organisation").unwrap_or_else(|| "организация не указана".to_owned()),
            now.title,
            now.organisation
        ));
    }
    let date_of = |v: &Value| -> String {
        v.as_str()
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map(crate::russian::date_short)
            .unwrap_or_else(|| "без даты".to_owned())
    };
    let now_date = serde_json::to_value(now.date).unwrap_or(Value::Null);
    if was("date") != now_date {
        differs.push(format!(
            "датирован {}, а этот запуск — {} (чтобы дополнить его, укажите --date {0})",
            date_of(&was("date")),
            date_of(&now_date)
        ));
    }
    let now_region = serde_json::to_value(&now.region).unwrap_or(Value::Null);
    if was("region") != now_region {
        differs.push(format!(
            "сформирован с региональным профилем {}, а этот запуск — с {}",
            was("region")
                .as_str()
                .map_or("(без профиля)".to_owned(), |r| format!("«{r}»")),
            now.region
                .as_deref()
                .map_or("(без профиля)".to_owned(), |r| format!("«{r}»"))
        ));
    } else if was("profile") != serde_json::to_value(&now.profile).unwrap_or(Value::Null) {
        differs.push(
            "сформирован с другими правилами или шаблонами (--rules, --templates, папка региона: другие папки или файлы в них)"
                .to_owned(),
        );
    }
    match old.get("inputs").map(|v| serde_json::from_value::<Vec<ManifestInput>>(v.clone())) {
        Some(Ok(inputs)) => {
            let mut changed = Vec::new();
            for input in &now.inputs {
                match inputs.iter().find(|i| i.file == input.file) {
                    Some(i) if i.sha256 == input.sha256 && i.bytes == input.bytes => {}
                    Some(_) => changed.push(format!("«{}» изменён", input.file)),
                    None => changed.push(format!("«{}» не был среди его данных", input.file)),
                }
            }
            for input in &inputs {
                if !now.inputs.iter().any(|i| i.file == input.file) {
                    changed.push(format!("«{}» больше не читается", input.file));
                }
            }
            if !changed.is_empty() {
                differs.push(format!(
                    "сформирован из других данных: {}",
                    changed.join(", ")
                ));
            }
        }
        _ => differs.push(format!(
            "не называет данных, из которых сформирован ({} без inputs: записан прежней версией nastavnik)",
            output::MANIFEST_FILE
        )),
    }
    let listed = |key: &str| -> Vec<String> {
        old.get(key)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|d| d.get("file").and_then(Value::as_str).map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let pdfs = listed("pdfs");
    let renewed = |file: &str| {
        Path::new(file)
            .file_stem()
            .and_then(|s| s.to_str())
            .is_some_and(|id| only.iter().any(|o| o.trim() == id))
    };
    let missing: Vec<String> = listed("documents")
        .into_iter()
        .chain(pdfs.iter().cloned())
        .filter(|f| !renewed(f) && std::fs::symlink_metadata(out.join(f)).is_err())
        .collect();
    if !missing.is_empty() {
        let mut names: Vec<String> = missing.iter().take(5).map(|f| format!("«{f}»")).collect();
        if missing.len() > 5 {
            names.push(format!("и ещё {}", missing.len() - 5));
        }
        differs.push(format!(
            "неполон: нет {} из тех, что перечислены в {}",
            names.join(", "),
            output::MANIFEST_FILE
        ));
    }
    match (pdfs.is_empty(), pdf) {
        (false, false) => differs.push(
            "сформирован с PDF (--pdf), а этот запуск — без: пакет был бы с PDF не для всех документов (добавьте --pdf)"
                .to_owned(),
        ),
        (true, true) if !listed("documents").iter().all(|f| renewed(f)) => differs.push(
            "сформирован без PDF, а этот запуск — с --pdf: пакет был бы с PDF не для всех документов"
                .to_owned(),
        ),
        _ => {}
    }
    if differs.is_empty() {
        return Ok(());
    }
    Err(refuse(differs.join("; ")))
}

/// The documents kept from a previous package are all still among those
/// the catalogue plans now: a repeated document (a plan, an agreement, a
/// consent) numbered otherwise, or no longer due, is not carried over
/// beside the new ones.
fn same_documents(
    manifest: &Manifest,
    old: &serde_json::Value,
    kept: &[String],
    out: &Path,
) -> Result<()> {
    let stale: Vec<String> = old
        .get("documents")
        .and_then(serde_json::Value::as_array)
        .into_iter()
        .flatten()
        .filter(|d| {
            d.get("file")
                .and_then(serde_json::Value::as_str)
                .is_some_and(|f| kept.iter().any(|k| k == f))
        })
        .filter_map(|d| d.get("id").and_then(serde_json::Value::as_str))
        .filter(|id| !manifest.planned.iter().any(|p| p == id))
        .map(|id| format!("«{id}»"))
        .collect();
    if stale.is_empty() {
        return Ok(());
    }
    Err(Error::input(Problem::new(
        crate::diag::Place::File {
            file: out.display().to_string(),
        },
        format!(
            "в прежнем пакете есть документы, которых в пакете из этих данных нет (или они пронумерованы иначе): {}; {WHOLE_PACKAGE}",
            stale.join(", ")
        ),
    )))
}

/// `manifest.json` of a package `--only` updated: this run's manifest
/// (its date, check, figures), whose `documents` are the previous ones in
/// their order with those written now in place (new ones after), and
/// `drafts` and `skipped` of both, each document's own; `kept_from_previous`
/// names the documents carried over unchanged from the previous package.
fn merged_manifest(
    manifest: &Manifest,
    old: &serde_json::Value,
    kept: &[String],
) -> Result<Vec<u8>> {
    use serde_json::Value;
    let internal =
        |e: serde_json::Error| Error::internal(format!("manifest.json не сериализуется: {e}"));
    let mut new = serde_json::to_value(manifest).map_err(internal)?;
    let list = |v: &Value, key: &str| -> Vec<Value> {
        v.get(key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let id_of = |v: &Value| v.get("id").and_then(Value::as_str).map(str::to_owned);
    let file_of = |v: &Value| v.get("file").and_then(Value::as_str).map(str::to_owned);
    let fresh = list(&new, "documents");
    let fresh_ids: Vec<String> = fresh.iter().filter_map(id_of).collect();
    let mut documents = Vec::new();
    let mut kept_ids = Vec::new();
    let mut placed = vec![false; fresh.len()];
    for d in list(old, "documents") {
        let file = file_of(&d);
        if let Some(i) = fresh.iter().position(|f| file_of(f) == file) {
            if !placed[i] {
                documents.push(fresh[i].clone());
                placed[i] = true;
            }
        } else if file.as_ref().is_some_and(|f| kept.contains(f)) {
            kept_ids.extend(id_of(&d));
            documents.push(d);
        }
    }
    documents.extend(
        fresh
            .iter()
            .zip(&placed)
            .filter(|(_, p)| !**p)
            .map(|(d, _)| d.clone()),
    );
    let of_kept = |v: &Value| id_of(v).is_some_and(|id| kept_ids.contains(&id));
    let mut drafts: Vec<Value> = list(old, "drafts").into_iter().filter(of_kept).collect();
    drafts.extend(list(&new, "drafts"));
    // A document skipped before and written now is skipped no longer.
    let skipped: Vec<Value> = list(old, "skipped")
        .into_iter()
        .filter(|v| id_of(v).is_none_or(|id| !fresh_ids.contains(&id) && !kept_ids.contains(&id)))
        .collect();
    // The kept documents' PDFs (still matching them), then the new ones.
    let mut pdfs: Vec<Value> = list(old, "pdfs")
        .into_iter()
        .filter(|v| file_of(v).is_some_and(|f| kept.contains(&f)))
        .collect();
    pdfs.extend(list(&new, "pdfs"));
    if let Some(object) = new.as_object_mut() {
        object.insert("documents".into(), Value::Array(documents));
        object.insert("pdfs".into(), Value::Array(pdfs));
        object.insert("drafts".into(), Value::Array(drafts));
        object.insert("skipped".into(), Value::Array(skipped));
        object.insert(
            "kept_from_previous".into(),
            Value::Array(kept_ids.into_iter().map(Value::String).collect()),
        );
    }
    let mut json = serde_json::to_string_pretty(&new).map_err(internal)?;
    json.push('\n');
    Ok(json.into_bytes())
}

/// `manifest.json`'s text.
fn manifest_json(manifest: &Manifest) -> Result<Vec<u8>> {
    let mut json = serde_json::to_string_pretty(manifest)
        .map_err(|e| Error::internal(format!("manifest.json не сериализуется: {e}")))?;
    json.push('\n');
    Ok(json.into_bytes())
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes)
        .map_err(|e| Error::io(format!("не удалось записать файл {}", path.display()), e))
}

/// One document: context, template, markup, DOCX.
pub(crate) fn render_one(
    sources: &Sources,
    common: &context::Common,
    templates: &Templates,
    doc: &DocPlan,
) -> Result<Rendered> {
    let model = &sources.cast.model;
    let ctx = common.build(sources, doc);
    let props = docx::DocProps {
        title: doc.title.clone(),
        subject: model.programme.title.clone(),
        author: model.organisation.short_name.clone(),
        gost: model.layout.gost.clone(),
    };
    let bytes = crate::render::document(templates, &doc.template, ctx, &props)?;
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
                "--only: документ «{id}» ({}) не может быть сформирован: {}",
                s.title, s.reason
            )));
        } else {
            let ids = plan.documents.iter().map(|d| d.id.as_str());
            let hint = match crate::rules::suggest::closest(id, ids) {
                Some(close) => format!("возможно, имелось в виду «{close}»"),
                None => format!("в пакете есть: {}", kinds(plan)),
            };
            problems.push(Problem::nowhere(format!(
                "--only: неизвестный документ «{id}»; {hint}"
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

/// The package's documents by kind, a repeated one as its first and last
/// id (`plan-001…plan-025`), at most 24 kinds (a package has about
/// twenty): a few lines, not every id.
fn kinds(plan: &catalogue::Catalogue) -> String {
    let mut kinds: Vec<(String, String, String)> = Vec::new();
    for d in &plan.documents {
        let stem = match d.id.rsplit_once('-') {
            Some((stem, n)) if d.extra.is_some() && n.bytes().all(|b| b.is_ascii_digit()) => stem,
            _ => d.id.as_str(),
        };
        match kinds.iter_mut().find(|k| k.0 == stem) {
            Some(k) => k.2.clone_from(&d.id),
            None => kinds.push((stem.to_owned(), d.id.clone(), d.id.clone())),
        }
    }
    const SHOWN: usize = 24;
    let out: Vec<String> = kinds
        .iter()
        .take(SHOWN)
        .map(|(_, first, last)| {
            if first == last {
                format!("«{first}»")
            } else {
                format!("«{first}»…«{last}»")
            }
        })
        .collect();
    let mut text = out.join(", ");
    if kinds.len() > SHOWN {
        text.push_str(&format!(" и ещё видов: {}", kinds.len() - SHOWN));
    }
    text
}

/// Renders a package into `dir` (created), each document written as it
/// is made, then `manifest.json`: one school's folder of a batch.
pub fn render_into(
    dir: &Path,
    loaded: &Loaded,
    profile: &Profile,
    options: &Options,
) -> Result<Manifest> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::io(format!("не удалось создать папку {}", dir.display()), e))?;
    let (_, manifest) = render_each(loaded, profile, options, |file, bytes| {
        write_file(&dir.join(file), &bytes)
    })?;
    write_file(&dir.join(output::MANIFEST_FILE), &manifest_json(&manifest)?)?;
    Ok(manifest)
}
