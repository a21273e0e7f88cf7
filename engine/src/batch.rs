//! `nastavnik batch`: every school of a region in one run.
//!
//! Each subfolder of the batch folder holding a programme.json is a school;
//! `OUT/<subfolder>/` gets its package exactly as `generate` writes it.
//! Schools run in parallel in one process; the profiles (rules, templates,
//! catalogue) are loaded once per region named, not once per school. A
//! school whose input is refused is reported with its problems and does not
//! stop the others. The whole `OUT` is built in a temporary folder beside it
//! and renamed into place at the end, like `generate`'s.

use crate::diag::{Error, Place, Problem, Result};
use crate::figures::Figures;
use crate::layers::Layers;
use crate::load::{self, PROGRAMME_FILE};
use crate::package::{self, Options, Profile};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The file listing every school of a batch.
pub const BATCH_FILE: &str = "batch.json";
/// The region's summary table.
pub const SUMMARY_XLSX: &str = "region-summary.xlsx";
/// The regional centre's report.
pub const SUMMARY_DOCX: &str = "region-summary.docx";

/// What became of one school.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Package written, no rule errors.
    Ok,
    /// Package written; the rules report errors (stages incomplete).
    Errors,
    /// Input refused: no package.
    Refused,
}

/// One line of `batch.json`.
#[derive(Debug, Clone, Serialize)]
pub struct School {
    /// The subfolder's name.
    pub folder: String,
    pub organisation: Option<String>,
    /// `/organisation/short_name`: how the region's report lists the school.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    /// `/organisation/municipality` of the school's programme.json.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    pub status: Status,
    pub documents: usize,
    pub errors: usize,
    pub warnings: usize,
    pub stages_complete: usize,
    /// Stages due by the date and not complete (`manifest.json › check`).
    pub stages_overdue: usize,
    /// The people held back from the school's documents.
    pub held_back: usize,
    /// Why the school was refused, each problem with its place.
    pub problems: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figures: Option<Figures>,
    /// Satisfied respondents of the latest monitoring stage answered, of
    /// those judged: mentors, then mentees (`satisfied_from` of the profile).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub satisfied: Option<[Satisfied; 2]>,
}

/// Satisfied respondents of one role, of those judged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Satisfied {
    pub satisfied: usize,
    pub judged: usize,
}

/// `batch.json`.
#[derive(Debug, Clone, Serialize)]
pub struct BatchReport {
    pub generator: String,
    pub schools: Vec<School>,
}

impl BatchReport {
    /// 2 when a school was refused, 1 when one has rule errors, 0 otherwise.
    pub fn exit_code(&self) -> u8 {
        if self.schools.iter().any(|s| s.status == Status::Refused) {
            2
        } else if self.schools.iter().any(|s| s.status == Status::Errors) {
            1
        } else {
            0
        }
    }
}

/// What `batch` may be asked for.
#[derive(Debug, Clone, Default)]
pub struct BatchOptions {
    /// A region for every school, over each programme.json's `region`.
    pub region: Option<String>,
    /// Schools processed at once; the number of cores when `None`.
    pub jobs: Option<usize>,
    /// The reports' date (`--date`): every school's, as `generate --date`
    /// gives it, and the region's summary; a blank to fill in otherwise
    /// (a school's `/report_date` still holds for its own reports), never
    /// the clock.
    pub date: Option<chrono::NaiveDate>,
    /// The day of the run: the date of a school that gives none of its own
    /// (`/report_date`) when `date` is `None`, and of the summary. The
    /// engine reads no clock: the command line passes it.
    pub today: Option<chrono::NaiveDate>,
}

/// The schools of `dir`: subfolders holding a programme.json, by name.
pub fn schools(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Error::input(Problem::new(
            Place::File {
                file: dir.display().to_string(),
            },
            format!(
                "не удалось прочитать папку школ: {}",
                crate::diag::os_text(&e)
            ),
        ))
    })?;
    let mut out: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        // Anything named programme.json makes a school, a folder or a FIFO
        // of that name included: loading then refuses it with its place,
        // rather than the school silently missing from the region.
        .filter(|p| p.is_dir() && p.join(PROGRAMME_FILE).symlink_metadata().is_ok())
        .collect();
    out.sort();
    // A link to another school's folder would count that school twice in
    // every figure of the region: refused, naming both.
    let mut seen: BTreeMap<PathBuf, &Path> = BTreeMap::new();
    let mut twice = Vec::new();
    for p in &out {
        // A folder the system cannot resolve is compared as written: loading
        // it then reports the system's refusal with its place.
        let real = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
        match seen.get(&real) {
            Some(first) => twice.push(Problem::new(
                Place::File {
                    file: p.display().to_string(),
                },
                format!(
                    "это та же школа, что и папка {} (ссылка): школа учитывается в сводке один раз — уберите одну из папок",
                    first.display()
                ),
            )),
            None => {
                seen.insert(real, p);
            }
        }
    }
    if !twice.is_empty() {
        return Err(Error::Input(twice));
    }
    if out.is_empty() {
        return Err(Error::input(Problem::new(
            Place::File {
                file: dir.display().to_string(),
            },
            format!("в папке нет ни одной подпапки с {PROGRAMME_FILE}"),
        )));
    }
    Ok(out)
}

/// Runs every school of `dir` into `out`; `progress` is told of each
/// school as it finishes (done, total, the school).
pub fn run(
    dir: &Path,
    out: &Path,
    options: &BatchOptions,
    progress: &(dyn Fn(usize, usize, &School) + Sync),
) -> Result<BatchReport> {
    let folders = schools(dir)?;
    // The region's report is in the batch's own profile (`--region`, built
    // in or a folder), or the base one: its template and the region's name
    // and centre. Resolved first, so a wrong `--region` stops the run
    // before any school is read.
    let summary = Profile::of(crate::layers::Layers::choose(
        options.region.as_deref(),
        None,
        None,
        None,
    )?)?;
    // The same hold on OUT as `generate`'s: a lock, stale leftovers
    // removed, never over the schools' own folder; a non-empty OUT refused.
    let target = crate::output::Target::claim_new(out, &[dir.to_path_buf()])?;
    let mut report = None;
    target.write_with(|tmp| {
        let profiles: Mutex<BTreeMap<Layers, std::sync::Arc<Profile>>> =
            Mutex::new(BTreeMap::new());
        let done = std::sync::atomic::AtomicUsize::new(0);
        let total = folders.len();
        let one = |folder: &PathBuf| -> Result<School> {
            let name = folder
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let school = school(folder, &name, tmp, options, &profiles)?;
            let n = done.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
            progress(n, total, &school);
            Ok(school)
        };
        let results: Vec<Result<School>> = match options.jobs {
            Some(jobs) => rayon::ThreadPoolBuilder::new()
                .num_threads(jobs.max(1))
                .build()
                .map_err(|e| Error::io("пул потоков", std::io::Error::other(e.to_string())))?
                .install(|| folders.par_iter().map(one).collect()),
            None => folders.par_iter().map(one).collect(),
        };
        let mut schools = Vec::with_capacity(results.len());
        for r in results {
            schools.push(r?);
        }
        let built = BatchReport {
            generator: format!("nastavnik {}", env!("CARGO_PKG_VERSION")),
            schools,
        };
        let mut json = serde_json::to_string_pretty(&built)
            .map_err(|e| Error::io(BATCH_FILE, std::io::Error::other(e.to_string())))?;
        json.push('\n');
        write(&tmp.join(BATCH_FILE), json.as_bytes())?;
        let region = crate::region::Region::of(&built.schools);
        write(
            &tmp.join(SUMMARY_XLSX),
            &crate::region::xlsx(&built, &region)?,
        )?;
        let docx = crate::region::docx(
            &summary.templates,
            summary.rules.params(),
            &built,
            &region,
            options.date.or(options.today),
        )?;
        write(&tmp.join(SUMMARY_DOCX), &docx)?;

        report = Some(built);
        Ok(())
    })?;
    report.ok_or_else(|| Error::internal("пакеты школ не записаны".to_owned()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|e| Error::io(format!("запись {}", path.display()), e))
}

/// One school: load, check, render, write into `tmp/<name>/`.
fn school(
    folder: &Path,
    name: &str,
    tmp: &Path,
    options: &BatchOptions,
    profiles: &Mutex<BTreeMap<Layers, std::sync::Arc<Profile>>>,
) -> Result<School> {
    let refused = |problems: &[Problem], organisation: Option<String>| School {
        folder: name.to_owned(),
        organisation,
        short_name: None,
        municipality: None,
        status: Status::Refused,
        documents: 0,
        errors: 0,
        warnings: 0,
        stages_complete: 0,
        stages_overdue: 0,
        held_back: 0,
        problems: problems.iter().map(ToString::to_string).collect(),
        figures: None,
        satisfied: None,
    };
    let loaded = match load::load(folder) {
        Ok(l) => l,
        Err(Error::Input(p)) => return Ok(refused(&p, None)),
        Err(e) => return Err(e),
    };
    let organisation = Some(loaded.model.organisation.full_name.clone());
    // The region resolved for this school (a folder is relative to its
    // programme.json); one profile per distinct result.
    let layers = match package::layers_for(&loaded, options.region.as_deref(), None, None) {
        Ok(l) => l,
        Err(Error::Input(p)) => return Ok(refused(&p, organisation)),
        Err(e) => return Err(e),
    };
    let key = layers.clone();
    let profile = {
        let cached = profiles
            .lock()
            .map_err(|_| Error::io("профили", std::io::Error::other("poisoned")))?
            .get(&key)
            .cloned();
        match cached {
            Some(p) => p,
            None => match Profile::of(layers) {
                Ok(p) => {
                    let p = std::sync::Arc::new(p);
                    profiles
                        .lock()
                        .map_err(|_| Error::io("профили", std::io::Error::other("poisoned")))?
                        .insert(key, p.clone());
                    p
                }
                Err(Error::Input(p)) => return Ok(refused(&p, organisation)),
                Err(e) => return Err(e),
            },
        }
    };
    // The reports' date reaches every school, as `generate --date` gives it.
    let generate = Options {
        date: options.date.or(loaded.model.report_date).or(options.today),
        ..Options::default()
    };
    let dir = tmp.join(name);
    let manifest = match package::render_into(&dir, &loaded, &profile, &generate) {
        Ok(m) => m,
        Err(Error::Input(p)) => {
            // Documents written before the refusal are no package.
            std::fs::remove_dir_all(&dir)
                .map_err(|e| Error::io(format!("не удалось убрать папку {}", dir.display()), e))?;
            return Ok(refused(&p, organisation));
        }
        Err(e) => return Err(e),
    };
    // The survey as the school's own monitoring report counts it.
    let survey = &manifest.monitoring;
    let satisfied = survey.roles.clone().map(|r| {
        r.stages
            .iter()
            .rev()
            .flatten()
            .next()
            .map_or(Satisfied::default(), |s| Satisfied {
                satisfied: s.satisfied,
                judged: s.judged,
            })
    });
    let status = if manifest.check.errors > 0 {
        Status::Errors
    } else {
        Status::Ok
    };
    Ok(School {
        folder: name.to_owned(),
        organisation,
        short_name: Some(loaded.model.organisation.short_name.clone()),
        municipality: loaded.model.organisation.municipality.clone(),
        status,
        documents: manifest.documents.len(),
        errors: manifest.check.errors,
        warnings: manifest.check.warnings,
        stages_complete: manifest.check.stages_complete,
        stages_overdue: manifest.check.stages_overdue,
        held_back: crate::cast::names(&manifest.held_back).len(),
        problems: Vec::new(),
        figures: Some(manifest.figures),
        satisfied: Some(satisfied),
    })
}
