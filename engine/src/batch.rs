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
    pub status: Status,
    pub documents: usize,
    pub errors: usize,
    pub warnings: usize,
    pub stages_complete: usize,
    /// The people held back from the school's documents.
    pub held_back: usize,
    /// Why the school was refused, each problem with its place.
    pub problems: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figures: Option<Figures>,
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
}

/// The schools of `dir`: subfolders holding a programme.json, by name.
pub fn schools(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Error::input(Problem::new(
            Place::File {
                file: dir.display().to_string(),
            },
            format!("не удалось прочитать папку школ: {e}"),
        ))
    })?;
    let mut out: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir() && p.join(PROGRAMME_FILE).is_file())
        .collect();
    out.sort();
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
    // The same hold on OUT as `generate`'s: a lock, stale leftovers
    // removed, never over the schools' own folder; a non-empty OUT refused.
    let target = crate::output::Target::claim(out, false, &[dir.to_path_buf()])?;
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
        write(&tmp.join(SUMMARY_XLSX), &summary_xlsx(&built)?)?;

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
        status: Status::Refused,
        documents: 0,
        errors: 0,
        warnings: 0,
        stages_complete: 0,
        held_back: 0,
        problems: problems.iter().map(ToString::to_string).collect(),
        figures: None,
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
    let generate = Options::default();
    let (files, manifest) = match package::render_with(&loaded, &profile, &generate) {
        Ok(x) => x,
        Err(Error::Input(p)) => return Ok(refused(&p, organisation)),
        Err(e) => return Err(e),
    };
    package::write_package(&tmp.join(name), &files, &manifest)?;
    let status = if manifest.check.errors > 0 {
        Status::Errors
    } else {
        Status::Ok
    };
    Ok(School {
        folder: name.to_owned(),
        organisation,
        status,
        documents: manifest.documents.len(),
        errors: manifest.check.errors,
        warnings: manifest.check.warnings,
        stages_complete: manifest.check.stages_complete,
        held_back: manifest.held_back.len(),
        problems: Vec::new(),
        figures: Some(manifest.figures),
    })
}

/// `region-summary.xlsx`: a row per school with its figures, the refused
/// schools with their problems.
fn summary_xlsx(report: &BatchReport) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
    let failed = |e: rust_xlsxwriter::XlsxError| {
        Error::io(SUMMARY_XLSX, std::io::Error::other(e.to_string()))
    };
    let mut book = Workbook::new();
    // A fixed creation date: the same schools give the same bytes.
    let created = ExcelDateTime::from_ymd(2025, 1, 1)
        .and_then(|d| d.and_hms(0, 0, 0))
        .map_err(failed)?;
    book.set_properties(
        &DocProperties::new()
            .set_author("nastavnik")
            .set_creation_datetime(&created),
    );
    let bold = Format::new().set_bold().set_text_wrap();
    let percent = Format::new().set_num_format("0.0");
    let sheet = book.add_worksheet();
    sheet.set_name("Школы").map_err(failed)?;
    let headers = [
        ("Папка", 18.0),
        ("Организация", 48.0),
        ("Статус", 14.0),
        ("Обучающихся в программе", 14.0),
        ("Обучающихся всего", 12.0),
        ("Охват обучающихся, %", 12.0),
        ("Педагогов в программе", 14.0),
        ("Педагогов всего", 12.0),
        ("Охват педагогов, %", 12.0),
        ("Пар", 8.0),
        ("Групп", 8.0),
        ("Этапов завершено", 10.0),
        ("Ошибок", 9.0),
        ("Предупреждений", 14.0),
        ("Не включены в документы", 14.0),
    ];
    for (c, (h, w)) in headers.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        sheet.write_with_format(0, c, *h, &bold).map_err(failed)?;
        sheet.set_column_width(c, *w).map_err(failed)?;
    }
    let mut row = 0u32;
    for s in report
        .schools
        .iter()
        .filter(|s| s.status != Status::Refused)
    {
        row += 1;
        let status = match s.status {
            Status::Ok => "этапы завершены",
            Status::Errors => "есть нарушения",
            Status::Refused => "не принят",
        };
        sheet.write(row, 0, &s.folder).map_err(failed)?;
        sheet
            .write(row, 1, s.organisation.as_deref().unwrap_or(""))
            .map_err(failed)?;
        sheet.write(row, 2, status).map_err(failed)?;
        if let Some(f) = &s.figures {
            let cov =
                |c: &crate::figures::Coverage| (c.covered as f64, f64::from(c.total), c.percent);
            for (col, c) in [(3u16, cov(&f.learners)), (6u16, cov(&f.teachers))] {
                sheet.write(row, col, c.0).map_err(failed)?;
                sheet.write(row, col + 1, c.1).map_err(failed)?;
                if let Some(p) = c.2 {
                    sheet
                        .write_with_format(row, col + 2, (p * 10.0).round() / 10.0, &percent)
                        .map_err(failed)?;
                }
            }
            sheet.write(row, 9, f.pairs as f64).map_err(failed)?;
            sheet.write(row, 10, f.groups as f64).map_err(failed)?;
        }
        sheet
            .write(row, 11, s.stages_complete as f64)
            .map_err(failed)?;
        sheet.write(row, 12, s.errors as f64).map_err(failed)?;
        sheet.write(row, 13, s.warnings as f64).map_err(failed)?;
        sheet.write(row, 14, s.held_back as f64).map_err(failed)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(failed)?;
    if row > 0 {
        sheet.autofilter(0, 0, row, 14).map_err(failed)?;
    }

    let refused = book.add_worksheet();
    refused.set_name("Не приняты").map_err(failed)?;
    refused
        .write_with_format(0, 0, "Папка", &bold)
        .map_err(failed)?;
    refused
        .write_with_format(0, 1, "Проблема", &bold)
        .map_err(failed)?;
    refused.set_column_width(0, 18.0).map_err(failed)?;
    refused.set_column_width(1, 120.0).map_err(failed)?;
    let mut r = 0u32;
    for s in report
        .schools
        .iter()
        .filter(|s| s.status == Status::Refused)
    {
        for p in &s.problems {
            r += 1;
            refused.write(r, 0, &s.folder).map_err(failed)?;
            refused.write(r, 1, p).map_err(failed)?;
        }
    }
    refused.set_freeze_panes(1, 0).map_err(failed)?;
    book.save_to_buffer().map_err(failed)
}
