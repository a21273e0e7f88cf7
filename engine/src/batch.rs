//! `nastavnik batch`: every school of a region in one run.
//!
//! Each subfolder of the batch folder holding a programme.json is a school;
//! `OUT/<subfolder>/` gets its package exactly as `generate` writes it.
//! Schools run in parallel in one process; the profiles (rules, templates,
//! catalogue) are loaded once per region named, not once per school. A
//! school whose input is refused is reported with its problems and does not
//! stop the others. The whole `OUT` is built in a temporary folder beside it
//! and renamed into place at the end, like `generate`'s.
//!
//! Every school gets a folder of its own ([`Named`]): a folder name that is
//! not UTF-8 (a cp1251 archive unpacked) is written with each such byte as
//! `%XX`, and two folders that would give one name (equal, or equal but
//! for case, as a case-insensitive disk would make them, or for how their
//! letters are composed in Unicode, NFC or NFD, as macOS would), or a name
//! of the batch's own files, are refused, naming each other. The same school (its
//! full and short names) copied into two folders is counted once: the
//! copy is refused, naming the folder that counts.

use crate::diag::{Error, Place, Problem, Result};
use crate::layers::Layers;
use crate::load::{self, PROGRAMME_FILE};
use crate::package::{self, Options, Profile};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub mod report;
pub use report::{Satisfied, School, Status};

/// The file listing every school of a batch.
pub const BATCH_FILE: &str = "batch.json";
/// The region's summary table.
pub const SUMMARY_XLSX: &str = "region-summary.xlsx";
/// The regional centre's report.
pub const SUMMARY_DOCX: &str = "region-summary.docx";

/// `batch.json`.
#[derive(Debug, Clone, Serialize)]
pub struct BatchReport {
    pub generator: String,
    pub schools: Vec<School>,
    /// Why the centre's report (region-summary.docx) was not written
    /// though schools were accepted: they were made in different profiles,
    /// and one report speaks for one centre.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary_refused: Option<String>,
    /// The region's indicators as the summary prints them: what a later
    /// run's `--compare` reads.
    pub indicators: Vec<crate::region::Indicator>,
    /// Each indicator beside the previous run's (`--compare`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<Vec<crate::region::Change>>,
}

impl BatchReport {
    /// 2 when a school was refused, 1 when one has rule errors, 0 otherwise.
    pub fn exit_code(&self) -> u8 {
        if self.summary_refused.is_some()
            || self.schools.iter().any(|s| s.status == Status::Refused)
        {
            2
        } else if self.schools.iter().any(|s| s.status == Status::Errors) {
            1
        } else {
            0
        }
    }
}

/// At most this many schools at once (`--jobs`): each is a thread holding
/// its school's model and documents; the machines a region runs on have a
/// few cores, and 100,000 threads had the system refuse them.
pub const MAX_JOBS: usize = 64;

/// Why a number of jobs is refused, `None` when it is in 1..=[`MAX_JOBS`].
pub fn jobs_problem(jobs: usize) -> Option<String> {
    (!(1..=MAX_JOBS).contains(&jobs))
        .then(|| format!("ожидается число школ, обрабатываемых одновременно, от 1 до {MAX_JOBS}"))
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
    /// The summary's registration number (`--number`); «№ ______» to fill
    /// in by hand when `None`.
    pub number: Option<String>,
    /// A previous run's OUT (`--compare`): its batch.json's indicators are
    /// set beside this run's.
    pub compare: Option<PathBuf>,
    /// The centre's head who signs the summary (`--head`), over the
    /// profile's `regional_centre_head` name.
    pub head: Option<String>,
    /// The summary's executor and phone (`--executor`), over the profile's
    /// `regional_centre_executor`.
    pub executor: Option<(String, String)>,
}

/// The indicators of a previous run's `OUT/batch.json`, checked whole
/// before any school is read: the file read only up to its limit
/// ([`fsread::Kind::Batch`]), of it only `indicators` kept, each of them an
/// indicator of this version (a known title, once, a count where this
/// run's is a count), its numbers whole and not negative (`covered`,
/// `of`), a share finite, 0–100 and what `covered` of `of` gives, its text
/// free of control and bidirectional characters. A Russian refusal naming
/// the file and the JSON pointer of every problem.
pub fn previous_indicators(out: &Path) -> Result<Vec<crate::region::Previous>> {
    use serde_json::Value;
    let file = out.join(BATCH_FILE);
    let shown = file.display().to_string();
    let place = || Place::File {
        file: shown.clone(),
    };
    let text = crate::fsread::read_text(&file, crate::fsread::Kind::Batch).map_err(|e| {
        Error::input(Problem::new(
            place(),
            format!(
                "--compare: не удалось прочитать batch.json прошлого запуска: {}",
                e.message()
            ),
        ))
    })?;
    /// batch.json as `--compare` reads it: the rest is skipped unparsed.
    #[derive(serde::Deserialize)]
    struct Prev {
        #[serde(default)]
        indicators: Option<Value>,
    }
    let prev: Prev = serde_json::from_str(&text).map_err(|e| {
        Error::input(Problem::new(
            Place::Text {
                file: shown.clone(),
                line: e.line(),
                column: e.column(),
            },
            "--compare: это не batch.json (JSON не читается или не объект)".to_owned(),
        ))
    })?;
    drop(text);
    let list = match prev.indicators {
        Some(Value::Array(list)) if !list.is_empty() => list,
        Some(Value::Array(_)) | None | Some(Value::Null) => {
            return Err(Error::input(Problem::new(
                place(),
                "--compare: в batch.json нет показателей региона (его записала более ранняя версия nastavnik или ни одна школа не была принята): сравнивать не с чем",
            )))
        }
        Some(_) => {
            return Err(Error::input(Problem::new(
                Place::Pointer {
                    file: shown.clone(),
                    pointer: "/indicators".to_owned(),
                },
                "--compare: показатели должны быть списком",
            )))
        }
    };
    let known = crate::region::titles();
    let mut problems = Vec::new();
    let mut out: Vec<crate::region::Previous> = Vec::new();
    for (i, item) in list.iter().enumerate() {
        let at = |key: &str| Place::Pointer {
            file: shown.clone(),
            pointer: if key.is_empty() {
                format!("/indicators/{i}")
            } else {
                format!("/indicators/{i}/{key}")
            },
        };
        let mut refuse = |key: &str, why: String| {
            problems.push(Problem::new(at(key), format!("--compare: {why}")));
        };
        let Some(object) = item.as_object() else {
            refuse("", "показатель должен быть объектом".to_owned());
            continue;
        };
        let field = |key: &str| object.get(key).unwrap_or(&Value::Null);
        for (key, value) in object {
            if let Some(c) = value.as_str().and_then(crate::text::forbidden_char) {
                refuse(
                    key,
                    format!(
                        "текст содержит управляющий или невидимый символ U+{:04X}",
                        u32::from(c)
                    ),
                );
            }
        }
        let Some(title) = field("title").as_str() else {
            refuse(
                "title",
                "у показателя нет названия (title — строка)".to_owned(),
            );
            continue;
        };
        let Some((title, count)) = known
            .iter()
            .find(|(t, _)| t == title)
            .map(|(t, c)| (t.as_str(), *c))
        else {
            let hint = crate::rules::suggest::closest(title, known.iter().map(|(t, _)| t.as_str()))
                .map(|c| format!("; ближе всего «{c}»"))
                .unwrap_or_default();
            refuse(
                "title",
                format!("неизвестный показатель «{}»{hint}", shorten(title)),
            );
            continue;
        };
        if out.iter().any(|p| p.title == title) {
            refuse("title", format!("показатель «{title}» указан дважды"));
            continue;
        }
        let whole = |key: &str| -> std::result::Result<Option<u64>, String> {
            match field(key) {
                Value::Null => Ok(None),
                v => v
                    .as_u64()
                    .filter(|n| *n <= 1_000_000_000)
                    .map(Some)
                    .ok_or_else(|| {
                        format!(
                            "{key} должно быть целым числом от 0 до 1 000 000 000, а не {}",
                            shorten(&v.to_string())
                        )
                    }),
            }
        };
        let covered = match whole("covered") {
            Ok(Some(n)) => n,
            Ok(None) => {
                refuse("covered", "нет числа covered".to_owned());
                continue;
            }
            Err(why) => {
                refuse("covered", why);
                continue;
            }
        };
        let of = match whole("of") {
            Ok(of) => of,
            Err(why) => {
                refuse("of", why);
                continue;
            }
        };
        if field("count").as_bool() != Some(count) {
            refuse(
                "count",
                format!(
                    "показатель «{title}» — {}, а в batch.json count = {}",
                    if count {
                        "число (count = true)"
                    } else {
                        "доля (count = false)"
                    },
                    shorten(&field("count").to_string())
                ),
            );
            continue;
        }
        let percent = match (field("percent"), count) {
            (Value::Null, _) => None,
            (_, true) => {
                refuse(
                    "percent",
                    format!("у показателя-числа «{title}» не бывает доли"),
                );
                continue;
            }
            (v, false) => match v
                .as_f64()
                .filter(|p| p.is_finite() && (0.0..=100.0).contains(p))
            {
                Some(p) => Some(p),
                None => {
                    refuse(
                        "percent",
                        format!(
                            "доля должна быть числом от 0 до 100, а не {}",
                            shorten(&v.to_string())
                        ),
                    );
                    continue;
                }
            },
        };
        if let Some(p) = percent {
            // The share batch.json states is `covered` of `of`, rounded to
            // one decimal.
            let agrees = of.is_some_and(|of| {
                of > 0 && covered <= of && (covered as f64 * 100.0 / of as f64 - p).abs() <= 0.051
            });
            if !agrees {
                refuse(
                    "percent",
                    format!(
                        "доля {} не равна covered из of ({covered} из {}): файл изменён или повреждён",
                        shorten(&p.to_string()),
                        of.map_or("не указано".to_owned(), |o| o.to_string())
                    ),
                );
                continue;
            }
        }
        match field("percent_text") {
            Value::Null | Value::String(_) => {}
            v => {
                refuse(
                    "percent_text",
                    format!("должно быть строкой, а не {}", shorten(&v.to_string())),
                );
                continue;
            }
        }
        out.push(crate::region::Previous {
            title: title.to_owned(),
            covered,
            percent,
            count,
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Error::Input(problems))
    }
}

/// At most 60 characters of a value quoted in a message.
fn shorten(text: &str) -> String {
    let mut out: String = text.chars().take(60).collect();
    if text.chars().nth(60).is_some() {
        out.push('…');
    }
    out
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

/// A school's folder and the folder of `OUT` its package goes into; a
/// school whose name or identity clashes with another's is refused before
/// it is read.
#[derive(Debug, Clone)]
pub struct Named {
    pub folder: PathBuf,
    /// The name under `OUT` (and in `batch.json`).
    pub name: String,
    pub refused: Vec<Problem>,
    /// The school's full name when it was refused as a copy.
    pub organisation: Option<String>,
    /// A copy of another folder's school: listed in `batch.json`, left out
    /// of the region's summary (the school is there once, by the other).
    pub copy: bool,
}

/// A folder's name as `OUT` and `batch.json` give it: as it is when it is
/// UTF-8, else with every byte that is not part of UTF-8 as `%XX` (two
/// different names stay different).
pub fn output_name(name: &std::ffi::OsStr) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in name.as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        name.to_string_lossy().into_owned()
    }
}

/// `text` in Unicode's composed form (NFC): «й» typed as one code point
/// and as «и» with a combining breve (what macOS writes in file names) are
/// one name.
fn nfc(text: &str) -> String {
    icu_normalizer::ComposingNormalizerBorrowed::new_nfc()
        .normalize(text)
        .into_owned()
}

/// What two folder names must differ in for their output folders to be
/// two on every disk: not only in case (Windows, macOS), nor only in how
/// their letters are composed (macOS).
fn clash_key(name: &str) -> String {
    nfc(&nfc(name).to_lowercase())
}

/// The files of `OUT` itself, which no school's folder may be called.
fn reserved(name: &str) -> bool {
    let lower = clash_key(name);
    [
        BATCH_FILE,
        SUMMARY_XLSX,
        SUMMARY_DOCX,
        crate::output::MARKER_FILE,
    ]
    .iter()
    .any(|r| lower == *r)
}

/// programme.json of `folder` as JSON, however wrong for the model: what
/// a refused school can still be named by. `None` when it cannot be read.
fn programme_value(folder: &Path) -> Option<serde_json::Value> {
    let text =
        crate::fsread::read_text(&folder.join(PROGRAMME_FILE), crate::fsread::Kind::Programme)
            .ok()?;
    serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(&text)).ok()
}

/// A text of `/organisation/KEY`, trimmed; `None` when absent or blank.
fn organisation_text(value: &serde_json::Value, key: &str) -> Option<String> {
    let text = value
        .pointer(&format!("/organisation/{key}"))?
        .as_str()?
        .trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// A school's identity for telling copies apart: its full and short names
/// as [`crate::text::key`] reads them (case, spaces, quotes aside), with
/// both as written; `None` when programme.json does not give them.
fn identity(folder: &Path) -> Option<((String, String), (String, String))> {
    let value = programme_value(folder)?;
    let full = organisation_text(&value, "full_name")?;
    let short = organisation_text(&value, "short_name")?;
    let key = (crate::text::key(&full), crate::text::key(&short));
    (!key.0.is_empty() && !key.1.is_empty()).then_some((key, (full, short)))
}

/// Names every school's folder under `OUT` and refuses the clashes (see
/// the module doc); `folders` sorted, as [`schools`] gives them.
pub fn name_schools(dir: &Path, folders: &[PathBuf]) -> Vec<Named> {
    let mut named: Vec<Named> = folders
        .iter()
        .map(|folder| Named {
            folder: folder.clone(),
            name: folder.file_name().map(output_name).unwrap_or_default(),
            refused: Vec::new(),
            organisation: None,
            copy: false,
        })
        .collect();
    // Shown by the name under OUT: a name that is not UTF-8 prints as
    // its `%XX` form, which tells two such folders apart.
    let shown = |n: &Named| dir.join(&n.name).display().to_string();
    let place = |n: &Named| Place::File { file: shown(n) };
    let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, n) in named.iter().enumerate() {
        by_name.entry(clash_key(&n.name)).or_default().push(i);
    }
    for i in 0..named.len() {
        let n = &named[i];
        let mut problems = Vec::new();
        if reserved(&n.name) {
            problems.push(Problem::new(
                place(n),
                format!(
                    "папка школы называется «{}», как файл сводки региона в папке результатов: переименуйте папку",
                    n.name
                ),
            ));
        }
        let same: Vec<&Named> = by_name[&clash_key(&n.name)]
            .iter()
            .filter(|&&j| j != i)
            .map(|&j| &named[j])
            .collect();
        for other in same {
            let how = if other.name == n.name {
                "; байты имени не в UTF-8 показаны как %XX"
            } else if nfc(&other.name) == nfc(&n.name) {
                " буква в букву, но одни и те же буквы записаны разными кодами Unicode (так бывает с «й» и «ё» в именах папок, скопированных с macOS); на диске macOS или Windows это была бы одна папка"
            } else if other.name.to_lowercase() == n.name.to_lowercase() {
                " без учёта регистра букв"
            } else {
                " без учёта регистра букв и кодов Unicode, которыми записаны буквы (так бывает с «й» и «ё» в именах папок, скопированных с macOS)"
            };
            problems.push(Problem::new(
                place(n),
                format!(
                    "эта папка и папка {} дали бы одну папку результатов «{}» (имена совпадают{how}): обе школы не обработаны — переименуйте одну из папок",
                    shown(other),
                    n.name,
                ),
            ));
        }
        named[i].refused = problems;
    }
    // The same school in two folders: the first (by name) counts.
    let identities: Vec<_> = named
        .par_iter()
        .map(|n| {
            if n.refused.is_empty() {
                identity(&n.folder)
            } else {
                None
            }
        })
        .collect();
    let mut first: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (i, id) in identities.into_iter().enumerate() {
        let Some((key, (full, short))) = id else {
            continue;
        };
        match first.get(&key) {
            Some(&j) => {
                let message = format!(
                    "это та же школа, что и в папке {}: совпадают полное и сокращённое наименования («{full}», «{short}»); в сводке региона она учтена один раз — по той папке; уберите копию",
                    shown(&named[j])
                );
                let problem = Problem::new(place(&named[i]), message);
                named[i].refused.push(problem);
                named[i].organisation = Some(full);
                named[i].copy = true;
            }
            None => {
                first.insert(key, i);
            }
        }
    }
    named
}

/// Runs every school of `dir` into `out`; `progress` is told of each
/// school as it finishes (done, total, the school).
pub fn run(
    dir: &Path,
    out: &Path,
    options: &BatchOptions,
    progress: &(dyn Fn(usize, usize, &School) + Sync),
) -> Result<BatchReport> {
    if let Some(why) = options.jobs.and_then(jobs_problem) {
        return Err(Error::input(Problem::nowhere(format!(
            "--jobs {}: {why}",
            options.jobs.unwrap_or_default()
        ))));
    }
    // The previous period first: a wrong --compare stops the run before
    // any school is read.
    let before = options
        .compare
        .as_deref()
        .map(previous_indicators)
        .transpose()?;
    let folders = name_schools(dir, &schools(dir)?);
    // The region's report is in the batch's own profile (`--region`, built
    // in or a folder): resolved first, so a wrong `--region` stops the run
    // before any school is read. Without `--region` it is the profile the
    // accepted schools share (their programme.json's `region`).
    let given = match options.region.as_deref() {
        Some(_) => Some(std::sync::Arc::new(Profile::of(
            crate::layers::Layers::choose(options.region.as_deref(), None, None, None)?,
        )?)),
        None => None,
    };
    // The same hold on OUT as `generate`'s: a lock, stale leftovers
    // removed, never over the schools' own folder; a non-empty OUT refused.
    let target = crate::output::Target::claim_new(out, &[dir.to_path_buf()])?;
    let mut report = None;
    target.write_with(|tmp| {
        let profiles: Mutex<BTreeMap<Layers, std::sync::Arc<Profile>>> =
            Mutex::new(BTreeMap::new());
        let done = std::sync::atomic::AtomicUsize::new(0);
        let total = folders.len();
        let one = |named: &Named| -> Result<School> {
            let school = if named.refused.is_empty() {
                school(&named.folder, &named.name, tmp, options, &profiles)?
            } else {
                refused(
                    &named.folder,
                    &named.name,
                    &named.refused,
                    named.organisation.clone(),
                )
            };
            let n = done.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
            progress(n, total, &school);
            Ok(school)
        };
        let results: Vec<Result<School>> = match options.jobs {
            Some(jobs) => rayon::ThreadPoolBuilder::new()
                .num_threads(jobs)
                .build()
                .map_err(|_| {
                    Error::input(Problem::nowhere(format!(
                        "--jobs {jobs}: система не дала запустить столько потоков; уменьшите --jobs"
                    )))
                })?
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
            summary_refused: None,
            indicators: Vec::new(),
            changes: None,
        };
        let mut json = serde_json::to_string_pretty(&built)
            .map_err(|e| Error::io(BATCH_FILE, std::io::Error::other(e.to_string())))?;
        json.push('\n');
        write(&tmp.join(BATCH_FILE), json.as_bytes())?;
        // The summary counts each school once: a copy of another folder's
        // school is listed only among the refusals (batch.json, the
        // table's sheet of refusals), never in the region's figures or
        // the centre's report.
        let copies: std::collections::BTreeSet<&str> = folders
            .iter()
            .filter(|n| n.copy)
            .map(|n| n.name.as_str())
            .collect();
        let counted = BatchReport {
            generator: built.generator.clone(),
            schools: built
                .schools
                .iter()
                .filter(|s| !copies.contains(s.folder.as_str()))
                .cloned()
                .collect(),
            summary_refused: None,
            indicators: Vec::new(),
            changes: None,
        };
        let region = crate::region::Region::of(&counted.schools);
        let accepted = counted.schools.iter().any(|s| s.status != Status::Refused);
        // The centre that sends the report: the profile the accepted
        // schools share (or `--region`); schools of several profiles have
        // no one centre (the table is still written, charted against the
        // base profile's target).
        let summary = if accepted {
            match &given {
                Some(p) => Some(Ok(p.clone())),
                None => Some(shared_profile(&counted, &profiles)?),
            }
        } else {
            None
        };
        let mut centre = match &summary {
            Some(Ok(p)) => crate::region::Centre::of(p.rules.params())?,
            _ => crate::region::Centre::base(),
        };
        centre.sign_by(options.head.clone(), options.executor.clone());
        write(
            &tmp.join(SUMMARY_XLSX),
            &crate::region::xlsx(&built.schools, &region, centre.target)?,
        )?;
        // With no school accepted there is nothing for the centre to
        // report: batch.json and the table list the refusals.
        let mut built = built;
        if let Some(summary) = summary {
            built.indicators = crate::region::indicators(&region.total);
            built.changes = before
                .as_deref()
                .map(|b| crate::region::compare(b, &built.indicators));
            match summary {
                Ok(summary) => {
                    let docx = crate::region::docx(
                        &summary.templates,
                        &centre,
                        &counted.schools,
                        &region,
                        &crate::region::Requisites {
                            date: options.date.or(options.today),
                            number: options.number.clone(),
                            changes: built.changes.clone(),
                        },
                    )?;
                    write(&tmp.join(SUMMARY_DOCX), &docx)?;
                }
                Err(why) => built.summary_refused = Some(why),
            }
            let mut json = serde_json::to_string_pretty(&built)
                .map_err(|e| Error::io(BATCH_FILE, std::io::Error::other(e.to_string())))?;
            json.push('\n');
            write(&tmp.join(BATCH_FILE), json.as_bytes())?;
        }

        report = Some(built);
        Ok(())
    })?;
    report.ok_or_else(|| Error::internal("пакеты школ не записаны".to_owned()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|e| Error::io(format!("запись {}", path.display()), e))
}

/// The profile the accepted schools of `report` were made in, when they
/// share one; else why the centre's report is not written, naming the
/// schools of each profile (one report speaks for one centre: it is never
/// signed for schools of another).
fn shared_profile(
    report: &BatchReport,
    profiles: &Mutex<BTreeMap<Layers, std::sync::Arc<Profile>>>,
) -> Result<std::result::Result<std::sync::Arc<Profile>, String>> {
    let mut by: BTreeMap<Option<&str>, Vec<String>> = BTreeMap::new();
    for s in report
        .schools
        .iter()
        .filter(|s| s.status != Status::Refused)
    {
        by.entry(s.profile.as_deref()).or_default().push(s.name());
    }
    if by.len() > 1 {
        let list: Vec<String> = by
            .iter()
            .map(|(p, schools)| {
                format!(
                    "профиль «{}»: {}",
                    p.unwrap_or("базовый (region не указан)"),
                    schools.join("; ")
                )
            })
            .collect();
        return Ok(Err(format!(
            "сводный отчёт региона (region-summary.docx) не составлен: принятые школы подготовлены в разных региональных профилях, а отчёт направляет один центр — {}; запустите batch отдельно для школ каждого профиля или укажите --region",
            list.join("; ")
        )));
    }
    let name = by.keys().next().copied().flatten();
    let cached = profiles
        .lock()
        .map_err(|_| Error::io("профили", std::io::Error::other("poisoned")))?
        .iter()
        .find(|(l, _)| l.region.as_ref().map(|r| r.name()) == name)
        .map(|(_, p)| p.clone());
    match cached {
        Some(p) => Ok(Ok(p)),
        None => Ok(Ok(std::sync::Arc::new(Profile::of(
            crate::layers::Layers::choose(None, None, None, None)?,
        )?))),
    }
}

/// A school refused: its problems, no package. Its names and
/// municipality are read from programme.json when it can be read at all,
/// so the region's report names it and counts it in its municipality.
fn refused(
    folder: &Path,
    name: &str,
    problems: &[Problem],
    organisation: Option<String>,
) -> School {
    let value = programme_value(folder);
    let text = |key| value.as_ref().and_then(|v| organisation_text(v, key));
    // The reason as the school's own people read it: its place inside the
    // school's folder.
    let inside = format!("{}{}", folder.display(), std::path::MAIN_SEPARATOR);
    let reason = problems.first().map(|p| {
        p.to_string()
            .replace(&inside, "")
            .trim_end_matches('.')
            .to_owned()
    });
    let refused_in = problems
        .first()
        .and_then(|p| p.place.file())
        .and_then(|f| Path::new(f).file_name())
        .map(|f| f.to_string_lossy().into_owned());
    School {
        folder: name.to_owned(),
        organisation: organisation.or_else(|| text("full_name")),
        short_name: text("short_name"),
        municipality: text("municipality"),
        city: text("city"),
        head: value
            .as_ref()
            .and_then(|v| v.pointer("/organisation/head/name"))
            .and_then(|v| v.as_str())
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty()),
        programme_title: value
            .as_ref()
            .and_then(|v| v.pointer("/programme/title"))
            .and_then(|v| v.as_str())
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty()),
        status: Status::Refused,
        documents: 0,
        errors: 0,
        warnings: 0,
        stages_complete: 0,
        stages_overdue: 0,
        held_back: 0,
        programme_start: None,
        profile: None,
        problems: problems.iter().map(ToString::to_string).collect(),
        reason,
        refused_in,
        figures: None,
        satisfied: None,
    }
}

/// One school: load, check, render, write into `tmp/<name>/`.
fn school(
    folder: &Path,
    name: &str,
    tmp: &Path,
    options: &BatchOptions,
    profiles: &Mutex<BTreeMap<Layers, std::sync::Arc<Profile>>>,
) -> Result<School> {
    let refused =
        |problems: &[Problem], organisation| refused(folder, name, problems, organisation);
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
    // A folder of its own, new: never one another school wrote into.
    std::fs::create_dir(&dir)
        .map_err(|e| Error::io(format!("не удалось создать папку {}", dir.display()), e))?;
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
                scores: s.distribution,
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
        city: Some(loaded.model.organisation.city.clone()),
        head: Some(loaded.model.organisation.head.name.clone()),
        programme_title: Some(loaded.model.programme.title.clone()),
        status,
        documents: manifest.documents.len(),
        errors: manifest.check.errors,
        warnings: manifest.check.warnings,
        stages_complete: manifest.check.stages_complete,
        stages_overdue: manifest.check.stages_overdue,
        held_back: crate::cast::names(&manifest.held_back).len(),
        programme_start: Some(loaded.model.programme.start),
        profile: profile.layers.region.as_ref().map(|r| r.name().to_owned()),
        problems: Vec::new(),
        reason: None,
        refused_in: None,
        figures: Some(manifest.figures),
        satisfied: Some(satisfied),
    })
}
