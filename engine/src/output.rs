//! Writing the package into `--out` so that nothing a user wrote is lost.
//!
//! A run first *claims* `--out` ([`Target::claim`]), before anything is
//! rendered:
//! - it takes an OS lock on `.NAME.lock` beside `--out` (the lock file holds
//!   the run's PID). A second run into the same folder is refused at once,
//!   naming the first one's process; the lock dies with its process, so a
//!   killed run never leaves a stale one.
//! - holding the lock, it removes what killed runs left beside `--out`:
//!   `.NAME.tmp-PID-N` (a package being written, flat or a batch's school
//!   folders) and `.NAME.old-PID` (the previous package moved aside; put
//!   back if `--out` itself is gone). Only a run holding the lock writes
//!   these, so while we hold it they are stale. A folder is nastavnik's
//!   only when it proves it: its name is exactly of that form (PID and N
//!   digits) and it holds the marker file [`MARKER_FILE`] that nastavnik
//!   wrote first thing, naming that very folder. Anything else — a user's
//!   `.out.tmp-mine`, or a folder of the right name without the marker —
//!   is never removed nor renamed.
//! - it refuses a `--out` that is, or holds, the programme's own files (its
//!   folder, an input table, a `--rules` or `--templates` folder), and a
//!   non-empty one unless `--force` is given and the folder is a previous
//!   package: `manifest.json` written by nastavnik and the documents it
//!   lists, unchanged (their sha256 as the manifest says). Anything else in
//!   it is named and the run refused, so `--force` never deletes a file
//!   nastavnik did not write.
//!
//! Then [`Target::write`] writes every file into `.NAME.tmp-PID-N` and
//! swaps it into place (the old package moved aside first and removed
//! last), so an interrupted run leaves the old package or the new one.
//! Every failure removes its own temporary folder.

use crate::diag::{Error, Place, Problem, Result};
use crate::fsread;
use sha2::{Digest, Sha256};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The name of the manifest in a package.
pub const MANIFEST_FILE: &str = "manifest.json";

/// The marker nastavnik writes into each temporary and set-aside folder of
/// its own (and takes out before the folder becomes `--out`): its text is
/// [`marker_text`] of the folder's name.
pub const MARKER_FILE: &str = ".nastavnik-temporary";

/// What the marker in the folder `name` says.
fn marker_text(name: &str) -> String {
    format!("nastavnik: временная папка {name}; её удаляет следующий запуск\n")
}

/// The folder a marker's text names.
fn marker_name(text: &str) -> Option<&str> {
    let name = text
        .strip_prefix("nastavnik: временная папка ")?
        .strip_suffix("; её удаляет следующий запуск\n")?;
    (marker_text(name) == text).then_some(name)
}

/// Whether `dir` holds the marker naming `name`, written by nastavnik: a
/// regular file (never through a link), with exactly that text.
fn has_marker(dir: &Path, name: &str) -> bool {
    let path = dir.join(MARKER_FILE);
    let regular = fs::symlink_metadata(&path).is_ok_and(|m| m.is_file() && m.len() < 4096);
    regular && fs::read_to_string(&path).is_ok_and(|t| t == marker_text(name))
}

/// Whether `dir` holds nothing but the marker naming `name` cut short: a
/// regular file whose text is a proper beginning of the marker's.
fn only_partial_marker(dir: &Path, name: &str) -> bool {
    let Ok(mut entries) = fs::read_dir(dir) else {
        return false;
    };
    let first = entries.next();
    if entries.next().is_some() {
        return false;
    }
    let Some(Ok(entry)) = first else {
        return false;
    };
    if entry.file_name() != MARKER_FILE {
        return false;
    }
    let path = entry.path();
    let regular = fs::symlink_metadata(&path).is_ok_and(|m| m.is_file() && m.len() < 4096);
    regular
        && fs::read(&path).is_ok_and(|t| {
            let full = marker_text(name);
            t.len() < full.len() && full.as_bytes().starts_with(&t)
        })
}

/// Writes the marker naming `name` into `dir`.
fn write_marker(dir: &Path, name: &str) -> Result<()> {
    let path = dir.join(MARKER_FILE);
    fs::write(&path, marker_text(name))
        .map_err(|e| Error::io(format!("не удалось записать файл {}", path.display()), e))
}

/// What a name beside `--out` called `name` is, if nastavnik makes such
/// names: `.NAME.tmp-PID-N` (`Some(false)`) or `.NAME.old-PID`
/// (`Some(true)`), PID and N in digits and nothing more.
fn own_name(entry: &str, name: &str) -> Option<bool> {
    let rest = entry.strip_prefix('.')?.strip_prefix(name)?;
    let digits = |t: &str| !t.is_empty() && t.len() <= 10 && t.bytes().all(|b| b.is_ascii_digit());
    if let Some(tail) = rest.strip_prefix(".tmp-") {
        let (pid, n) = tail.split_once('-')?;
        return (digits(pid) && digits(n)).then_some(false);
    }
    let pid = rest.strip_prefix(".old-")?;
    digits(pid).then_some(true)
}

/// A run's hold on its `--out` folder: the lock, and what was checked.
/// Dropping it releases the lock and removes the lock file.
#[derive(Debug)]
pub struct Target {
    /// `--out` as the user wrote it, for messages.
    shown: String,
    /// `--out` with its parent resolved (the folder need not exist).
    out: PathBuf,
    parent: PathBuf,
    name: String,
    force: bool,
    /// Whether the command has `--force` to offer (`batch` has none).
    offers_force: bool,
    lock: Lock,
    /// Folders created to hold `--out`, deepest first; removed again if
    /// nothing was written.
    created: Vec<PathBuf>,
    written: bool,
}

impl Target {
    /// Claims `out` for one run: lock, stale leftovers, and the checks that
    /// it may be written (see the module doc). `protected` are the run's
    /// own inputs (programme.json, tables, rules and templates folders).
    pub fn claim(out: &Path, force: bool, protected: &[PathBuf]) -> Result<Target> {
        Target::claim_as(out, Some(force), protected)
    }

    /// [`Target::claim`] for a command without `--force` (`batch`): a
    /// non-empty folder is refused without suggesting a flag it lacks.
    pub fn claim_new(out: &Path, protected: &[PathBuf]) -> Result<Target> {
        Target::claim_as(out, None, protected)
    }

    fn claim_as(out: &Path, force: Option<bool>, protected: &[PathBuf]) -> Result<Target> {
        let offers_force = force.is_some();
        let force = force.unwrap_or(false);
        let shown = out.display().to_string();
        let refuse = |message: String| Error::input(Problem::new(folder(&shown), message));
        if let Ok(meta) = fs::symlink_metadata(out) {
            if meta.file_type().is_symlink() {
                return Err(refuse(
                    "на месте папки для документов — символическая ссылка; укажите саму папку"
                        .to_owned(),
                ));
            }
            if !meta.is_dir() {
                return Err(refuse(
                    "на месте папки для документов находится файл".to_owned(),
                ));
            }
        }
        // The temporary folders and the lock are named after --out: a name
        // that is not UTF-8 would be written as another name.
        if out.file_name().is_some_and(|n| n.to_str().is_none()) {
            return Err(refuse(
                "имя папки для документов не в кодировке UTF-8 (так бывает после распаковки архива из Windows); переименуйте папку или укажите другую".to_owned(),
            ));
        }
        let (parent, name) = split(out).ok_or_else(|| {
            refuse(
                "у папки для документов нет имени; укажите папку по имени, например out".to_owned(),
            )
        })?;
        let created = create_parents(&parent)?;
        let parent = fs::canonicalize(&parent)
            .map_err(|e| Error::io(format!("не удалось найти папку {}", parent.display()), e))?;
        let out_abs = parent.join(&name);
        let lock = Lock::take(&parent, &name, &shown);
        let mut target = Target {
            shown: shown.clone(),
            out: out_abs,
            parent,
            name,
            force,
            offers_force,
            lock: Lock::None,
            created,
            written: false,
        };
        // From here a failure drops `target`, which removes what it created.
        target.lock = lock?;
        target.refuse_inputs(protected)?;
        target.remove_stale()?;
        target.check_contents()?;
        Ok(target)
    }

    /// Writes `files` and `manifest` (its JSON) into a temporary folder
    /// beside `--out`, then swaps it into place.
    pub fn write(self, files: &[(String, Vec<u8>)], manifest: &[u8]) -> Result<()> {
        self.write_with(|tmp| {
            files
                .iter()
                .map(|(file, bytes)| (file.as_str(), bytes.as_slice()))
                .chain([(MANIFEST_FILE, manifest)])
                .try_for_each(|(file, bytes)| {
                    let path = tmp.join(file);
                    fs::write(&path, bytes).map_err(|e| {
                        Error::io(format!("не удалось записать файл {}", path.display()), e)
                    })
                })
        })
    }

    /// Lets `fill` write into a temporary folder beside `--out` (`batch`
    /// writes school after school, never holding them all in memory), then
    /// swaps it into place; on any failure the temporary folder is removed.
    pub fn write_with(mut self, fill: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
        // The folder may have changed while the documents were rendered.
        self.check_contents()?;
        let tmp = self.make_tmp()?;
        if let Err(e) = fill(&tmp) {
            let _ = fs::remove_dir_all(&tmp);
            return Err(e);
        }
        let swapped = self.swap(&tmp);
        if swapped.is_err() {
            let _ = fs::remove_dir_all(&tmp);
        }
        swapped?;
        self.written = true;
        Ok(())
    }

    fn swap(&self, tmp: &Path) -> Result<()> {
        let unmark = |dir: &Path| {
            let path = dir.join(MARKER_FILE);
            fs::remove_file(&path)
                .map_err(|e| Error::io(format!("не удалось удалить файл {}", path.display()), e))
        };
        if !self.out.exists() {
            // Killed after this, the folder is left alone (no marker): a
            // package too many beside --out, never a file lost.
            unmark(tmp)?;
            return fs::rename(tmp, &self.out).map_err(|e| self.rename_error(e));
        }
        // Move the old folder aside first so that a failure leaves it
        // intact; marked first, so that a killed run's next one knows it.
        let old_name = format!(".{}.old-{}", self.name, std::process::id());
        let old = self.parent.join(&old_name);
        write_marker(&self.out, &old_name)?;
        if let Err(e) = fs::rename(&self.out, &old) {
            let _ = unmark(&self.out);
            return Err(Error::io(
                format!(
                    "не удалось убрать прежнюю папку {} (переименовать в {})",
                    self.shown,
                    old.display()
                ),
                e,
            ));
        }
        let put_back = || {
            if fs::rename(&old, &self.out).is_ok() {
                let _ = unmark(&self.out);
            }
        };
        if let Err(e) = unmark(tmp) {
            put_back();
            return Err(e);
        }
        if let Err(e) = fs::rename(tmp, &self.out) {
            put_back();
            return Err(self.rename_error(e));
        }
        fs::remove_dir_all(&old).map_err(|e| {
            Error::io(
                format!(
                    "документы записаны в {}, но прежняя папка {} не удалена",
                    self.shown,
                    old.display()
                ),
                e,
            )
        })
    }

    fn rename_error(&self, e: io::Error) -> Error {
        Error::io(
            format!(
                "не удалось переименовать временную папку в {}; прежнее содержимое не тронуто",
                self.shown
            ),
            e,
        )
    }

    /// `.NAME.tmp-PID-N`, the first N free (a user's folder of that name
    /// that was not removed as stale is passed by).
    fn make_tmp(&self) -> Result<PathBuf> {
        let pid = std::process::id();
        let mut n = 0u32;
        loop {
            let name = format!(".{}.tmp-{pid}-{n}", self.name);
            let path = self.parent.join(&name);
            match fs::create_dir(&path) {
                Ok(()) => {
                    // The proof that the folder is ours, before anything else
                    // goes in.
                    if let Err(e) = write_marker(&path, &name) {
                        let _ = fs::remove_dir_all(&path);
                        return Err(e);
                    }
                    return Ok(path);
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 100 => n += 1,
                Err(e) => {
                    return Err(Error::io(
                        format!("не удалось создать временную папку {}", path.display()),
                        e,
                    ))
                }
            }
        }
    }

    /// `--out` may not be any input of the run nor hold one.
    fn refuse_inputs(&self, protected: &[PathBuf]) -> Result<()> {
        for input in protected {
            let Ok(input) = fs::canonicalize(input) else {
                continue;
            };
            if input.starts_with(&self.out) {
                let what = if input.is_dir() {
                    "папку"
                } else {
                    "файл"
                };
                return Err(Error::input(Problem::new(
                    folder(&self.shown),
                    format!(
                        "документы нельзя записывать сюда: эта папка содержит входные данные программы ({what} {}); укажите отдельную папку, например out",
                        input.display()
                    ),
                )));
            }
        }
        Ok(())
    }

    /// Removes the temporary and set-aside folders of killed runs: those
    /// that prove to be nastavnik's (see the module doc), whatever they hold.
    fn remove_stale(&self) -> Result<()> {
        // Killed between marking the old package and moving it aside: the
        // marker (naming a set-aside folder, exactly) goes.
        let in_out = self.out.join(MARKER_FILE);
        let regular = fs::symlink_metadata(&in_out).is_ok_and(|m| m.is_file() && m.len() < 4096);
        let set_aside = regular
            && fs::read_to_string(&in_out).is_ok_and(|t| {
                marker_name(&t).is_some_and(|n| own_name(n, &self.name) == Some(true))
            });
        if set_aside {
            fs::remove_file(&in_out).map_err(|e| {
                Error::io(format!("не удалось удалить файл {}", in_out.display()), e)
            })?;
        }
        let entries = fs::read_dir(&self.parent).map_err(|e| {
            Error::io(
                format!("не удалось прочитать папку {}", self.parent.display()),
                e,
            )
        })?;
        let mut stale = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| {
                Error::io(
                    format!("не удалось прочитать папку {}", self.parent.display()),
                    e,
                )
            })?;
            let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
                continue;
            };
            let Some(old) = own_name(&name, &self.name) else {
                continue;
            };
            let dir = entry.path();
            let folder = fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir());
            if folder && has_marker(&dir, &name) {
                stale.push((name, old));
            } else if folder && !old {
                // A run killed between creating its temporary folder and
                // writing the marker leaves it empty, or holding only the
                // marker cut short (killed inside the write: documents come
                // only after it): an empty folder of exactly that name, or
                // one with nothing but the start of our own marker's text,
                // holds nothing of anyone's. `remove_dir` removes only an
                // empty one.
                if only_partial_marker(&dir, &name) {
                    let _ = fs::remove_file(dir.join(MARKER_FILE));
                }
                let _ = fs::remove_dir(&dir);
            }
        }
        stale.sort();
        for (name, old) in stale {
            let path = self.parent.join(&name);
            // A run killed between its two renames: the old package is the
            // only one there is, so it goes back.
            if old && !self.out.exists() {
                let marker = path.join(MARKER_FILE);
                fs::remove_file(&marker).map_err(|e| {
                    Error::io(format!("не удалось удалить файл {}", marker.display()), e)
                })?;
                fs::rename(&path, &self.out).map_err(|e| {
                    Error::io(
                        format!(
                            "не удалось вернуть прежнюю папку {} на место {}",
                            path.display(),
                            self.shown
                        ),
                        e,
                    )
                })?;
                continue;
            }
            fs::remove_dir_all(&path).map_err(|e| {
                Error::io(
                    format!(
                        "не удалось удалить временную папку прерванного запуска {}",
                        path.display()
                    ),
                    e,
                )
            })?;
        }
        Ok(())
    }

    /// An empty or absent `--out` may be written; a non-empty one only with
    /// `--force`, and only when it holds a previous package and nothing else.
    fn check_contents(&self) -> Result<()> {
        let entries = match fs::read_dir(&self.out) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => {
                return Err(Error::io(
                    format!("не удалось прочитать папку {}", self.shown),
                    e,
                ))
            }
        };
        let mut names = Vec::new();
        for entry in entries {
            let entry = entry
                .map_err(|e| Error::io(format!("не удалось прочитать папку {}", self.shown), e))?;
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
        if names.is_empty() {
            return Ok(());
        }
        let refuse = |message: String| Error::input(Problem::new(folder(&self.shown), message));
        if !self.offers_force {
            return Err(refuse(
                "папка не пуста; укажите новую или пустую папку".to_owned(),
            ));
        }
        if !self.force {
            return Err(refuse(
                "папка не пуста; чтобы заменить в ней прежний пакет документов, добавьте --force"
                    .to_owned(),
            ));
        }
        names.sort();
        previous_package(&self.out, &names).map_err(refuse)
    }
}

impl Drop for Target {
    fn drop(&mut self) {
        // The lock file goes before the lock is released (when `lock`
        // drops after this), so nobody takes a lock on a file being removed
        // (see `Lock::take`).
        self.lock.remove_file();
        if !self.written {
            // Folders made only to hold --out go again; remove_dir leaves
            // any that something else has written into meanwhile.
            for dir in &self.created {
                if fs::remove_dir(dir).is_err() {
                    break;
                }
            }
        }
    }
}

/// The place of `--out` in messages.
fn folder(shown: &str) -> Place {
    Place::File {
        file: shown.to_owned(),
    }
}

/// `--out` as its parent folder and its own name; `.` and `..` resolved.
fn split(out: &Path) -> Option<(PathBuf, String)> {
    let absolute = if out.is_dir() {
        fs::canonicalize(out).ok()?
    } else {
        out.to_path_buf()
    };
    let name = absolute.file_name()?.to_string_lossy().into_owned();
    let parent = match absolute.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Some((parent, name))
}

/// Creates `dir` and its missing ancestors; returns those created, deepest first.
fn create_parents(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut missing = Vec::new();
    let mut at = Some(dir);
    while let Some(d) = at {
        if d.as_os_str().is_empty() || d.exists() {
            break;
        }
        missing.push(d.to_path_buf());
        at = d.parent();
    }
    fs::create_dir_all(dir)
        .map_err(|e| Error::io(format!("не удалось создать папку {}", dir.display()), e))?;
    Ok(missing)
}

/// Checks that `names` (the entries of `out`, sorted) are a previous
/// package: its manifest, written by nastavnik, and the documents it
/// lists, each unchanged. The error is the Russian reason.
fn previous_package(out: &Path, names: &[String]) -> std::result::Result<(), String> {
    let not_ours = "--force заменяет только пакет документов, записанный nastavnik; перенесите свои файлы или укажите другую папку";
    if !names.iter().any(|n| n == MANIFEST_FILE) {
        return Err(format!(
            "в папке есть {}, но нет {MANIFEST_FILE}: это не пакет документов nastavnik; {not_ours}",
            quoted(names)
        ));
    }
    let listed = manifest_files(&out.join(MANIFEST_FILE))
        .map_err(|why| format!("{MANIFEST_FILE} в этой папке {why}; {not_ours}"))?;
    let foreign: Vec<String> = names
        .iter()
        .filter(|n| *n != MANIFEST_FILE && !listed.iter().any(|(f, _)| f == *n))
        .cloned()
        .collect();
    if !foreign.is_empty() {
        return Err(format!(
            "кроме пакета документов, в папке есть: {}; {not_ours}",
            quoted(&foreign)
        ));
    }
    for (file, sha256) in &listed {
        let path = out.join(file);
        let Ok(meta) = fs::symlink_metadata(&path) else {
            continue; // listed but gone: nothing to lose
        };
        if !meta.is_file() {
            return Err(format!("«{file}» — не обычный файл; {not_ours}"));
        }
        if hash_file(&path).as_deref() != Some(sha256.as_str()) {
            return Err(format!(
                "«{file}» изменён после того, как nastavnik его записал (sha256 не совпадает с {MANIFEST_FILE}); {not_ours}"
            ));
        }
    }
    Ok(())
}

/// The package now in `out`, for `generate --only … --force`, which
/// replaces the documents it renders and keeps the others: each document
/// the previous manifest lists and `written` (this run's file names) does
/// not is copied from `out` into `tmp`, its bytes checked against the
/// sha256 the manifest lists (a document edited since `--out` was claimed
/// is refused, not carried over nor lost: `--out` is not touched). A
/// listed document that is gone is dropped. Returns the previous manifest
/// and the files kept, in its order; `None` when `out` holds no package.
pub fn carry_over(
    out: &Path,
    tmp: &Path,
    written: &[&str],
) -> Result<Option<(serde_json::Value, Vec<String>)>> {
    let path = out.join(MANIFEST_FILE);
    if fs::symlink_metadata(&path).is_err() {
        return Ok(None);
    }
    let shown = out.display().to_string();
    let not_ours = "--force заменяет только пакет документов, записанный nastavnik; перенесите свои файлы или укажите другую папку";
    let refuse = |message: String| Error::input(Problem::new(folder(&shown), message));
    let listed = manifest_files(&path)
        .map_err(|why| refuse(format!("{MANIFEST_FILE} в этой папке {why}; {not_ours}")))?;
    let text = fsread::read_text(&path, fsread::Kind::Manifest)
        .map_err(|e| refuse(format!("{MANIFEST_FILE} не читается: {}", e.message())))?;
    let manifest: serde_json::Value = serde_json::from_str(&text)
        .map_err(|_| refuse(format!("{MANIFEST_FILE} не является JSON; {not_ours}")))?;
    let mut kept = Vec::new();
    for (file, sha256) in listed {
        if written.contains(&file.as_str()) || kept.contains(&file) {
            continue;
        }
        let from = out.join(&file);
        let Ok(meta) = fs::symlink_metadata(&from) else {
            continue; // listed but gone: nothing to keep
        };
        if !meta.is_file() {
            return Err(refuse(format!("«{file}» — не обычный файл; {not_ours}")));
        }
        // Copied as a stream and hashed on the way: a document of any
        // size costs a buffer, not its size in memory.
        let to = tmp.join(&file);
        let copied = (|| -> io::Result<String> {
            let mut hasher = Sha256::new();
            let mut reader = File::open(&from)?;
            let mut writer = io::BufWriter::new(File::create(&to)?);
            let mut buf = vec![0u8; 64 << 10];
            loop {
                let n = io::Read::read(&mut reader, &mut buf)?;
                if n == 0 {
                    break;
                }
                hasher.update(&buf[..n]);
                writer.write_all(&buf[..n])?;
            }
            writer.flush()?;
            Ok(hex(&hasher.finalize()))
        })()
        .map_err(|e| {
            Error::io(
                format!(
                    "не удалось скопировать файл {} в новый пакет",
                    from.display()
                ),
                e,
            )
        })?;
        if copied != sha256 {
            return Err(refuse(format!(
                "«{file}» изменён после того, как nastavnik его записал (sha256 не совпадает с {MANIFEST_FILE}); {not_ours}"
            )));
        }
        kept.push(file);
    }
    Ok(Some((manifest, kept)))
}

/// `«a», «b»`, the first five names and how many more.
fn quoted(names: &[String]) -> String {
    let mut out: Vec<String> = names.iter().take(5).map(|n| format!("«{n}»")).collect();
    if names.len() > 5 {
        out.push(format!("и ещё {}", names.len() - 5));
    }
    out.join(", ")
}

/// The documents a manifest lists, as (file, sha256); the error says why
/// the manifest is not one nastavnik wrote.
fn manifest_files(path: &Path) -> std::result::Result<Vec<(String, String)>, String> {
    let text = fsread::read_text(path, fsread::Kind::Manifest)
        .map_err(|e| format!("не читается: {}", e.message()))?;
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|_| "не является JSON".to_owned())?;
    let by_us = value
        .get("generator")
        .and_then(|g| g.as_str())
        .is_some_and(|g| g.starts_with("nastavnik "));
    if !by_us {
        return Err("записан не nastavnik (нет поля generator)".to_owned());
    }
    let documents = value
        .get("documents")
        .and_then(|d| d.as_array())
        .ok_or_else(|| "не содержит списка documents".to_owned())?;
    // The documents' PDFs (`generate --pdf`), when there are some.
    let pdfs = match value.get("pdfs") {
        None => &Vec::new(),
        Some(p) => p
            .as_array()
            .ok_or_else(|| "содержит pdfs не списком".to_owned())?,
    };
    let mut out = Vec::new();
    for d in documents.iter().chain(pdfs) {
        let file = d.get("file").and_then(|f| f.as_str());
        let sha = d.get("sha256").and_then(|f| f.as_str());
        let (Some(file), Some(sha)) = (file, sha) else {
            return Err("описывает документ без file или sha256".to_owned());
        };
        // nastavnik names documents `ID.docx`, never a path.
        let plain = (file.ends_with(".docx") || file.ends_with(".pdf"))
            && !file.starts_with('.')
            && !file.contains(['/', '\\']);
        if !plain {
            return Err(format!("называет файл «{file}», какого nastavnik не пишет"));
        }
        out.push((file.to_owned(), sha.to_owned()));
    }
    Ok(out)
}

/// The sha256 of a regular file, in hex; `None` when it cannot be read.
fn hash_file(path: &Path) -> Option<String> {
    let mut file = File::open(path).ok()?;
    let mut hasher = Sha256::new();
    io::copy(&mut file, &mut hasher).ok()?;
    Some(hex(&hasher.finalize()))
}

pub use crate::text::hex;

/// The OS lock on `.NAME.lock` beside `--out`.
#[derive(Debug)]
enum Lock {
    /// Not taken (yet).
    None,
    Held {
        file: File,
        path: PathBuf,
    },
}

impl Lock {
    /// Takes the lock, or refuses naming the run that holds it.
    fn take(parent: &Path, name: &str, shown: &str) -> Result<Lock> {
        let path = parent.join(format!(".{name}.lock"));
        let io_error = |e: io::Error| {
            Error::io(
                format!("не удалось создать файл блокировки {}", path.display()),
                e,
            )
        };
        // A run that finishes removes the lock file while holding the lock;
        // one that opened the old file meanwhile gets a lock on a removed
        // file, sees that and tries again.
        let not_ours = || {
            Error::input(Problem::new(
                Place::File {
                    file: path.display().to_string(),
                },
                "этот файл не похож на блокировку nastavnik (в нём не номер процесса); nastavnik его не тронет — уберите его сами",
            ))
        };
        for _ in 0..10 {
            let mut file = open_lock_file(&path).map_err(|e| {
                // O_NOFOLLOW on a symlink fails with ELOOP, no kind of its own.
                if fs::symlink_metadata(&path).is_ok_and(|m| !m.is_file()) {
                    not_ours()
                } else {
                    io_error(e)
                }
            })?;
            let meta = file.metadata().map_err(io_error)?;
            if !meta.is_file() || nlink(&meta) > 1 {
                return Err(not_ours());
            }
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    let holder = pid_in(&mut file).unwrap_or_default();
                    let who = if holder.is_empty() {
                        "другой запуск nastavnik".to_owned()
                    } else {
                        format!("другой запуск nastavnik (процесс {holder})")
                    };
                    return Err(Error::input(Problem::new(
                        folder(shown),
                        format!(
                            "в эту папку сейчас пишет {who}; дождитесь его окончания (блокировка {})",
                            path.display()
                        ),
                    )));
                }
                Err(fs::TryLockError::Error(e)) => {
                    return Err(Error::io(
                        format!("не удалось заблокировать файл {}", path.display()),
                        e,
                    ))
                }
            }
            if !same_file(&file, &path) {
                continue;
            }
            // A file of that name the user wrote is not truncated or removed.
            if pid_in(&mut file).is_none() {
                return Err(not_ours());
            }
            file.set_len(0).map_err(io_error)?;
            writeln!(file, "{}", std::process::id()).map_err(io_error)?;
            return Ok(Lock::Held { file, path });
        }
        Err(Error::io(
            format!("не удалось заблокировать файл {}", path.display()),
            io::Error::other("файл блокировки всё время пересоздаётся"),
        ))
    }

    fn remove_file(&mut self) {
        if let Lock::Held { file, path } = self {
            if same_file(file, path) {
                let _ = fs::remove_file(&*path);
            }
        }
    }
}

/// Opens (creating) the lock file: never through a symlink, never blocking.
fn open_lock_file(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW);
    }
    options.open(path)
}

/// The PID a lock file holds: `Some("")` for an empty one, `None` when it
/// holds anything but a number.
fn pid_in(file: &mut File) -> Option<String> {
    use std::io::{Read, Seek};
    let mut text = String::new();
    file.rewind().ok()?;
    file.take(32).read_to_string(&mut text).ok()?;
    let text = text.trim();
    text.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| text.to_owned())
}

fn nlink(meta: &fs::Metadata) -> u64 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta.nlink()
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        1
    }
}

/// Whether `path` still names the open `file`.
fn same_file(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}
