//! PDF of the documents through LibreOffice (`soffice --headless
//! --convert-to pdf`), PDF/A-2b, for `generate --pdf` and the page.
//!
//! LibreOffice is not part of nastavnik: it is found on `PATH` (`soffice`,
//! then `libreoffice`) or named by `NASTAVNIK_SOFFICE`; without it the
//! caller says so in Russian ([`NOT_INSTALLED`]) and writes nothing. Each
//! run has a private LibreOffice profile in a temporary folder (runs at
//! once never share one, a user's open LibreOffice is not disturbed) and
//! a bounded time ([`time_limit`]): past it the whole process group is
//! killed and the conversion refused. Documents are converted in chunks
//! of [`CHUNK`] per process, so a package of a thousand documents
//! neither waits for one huge process nor starts a thousand.

use crate::diag::{Error, Result};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Said when LibreOffice is not found.
pub const NOT_INSTALLED: &str = "PDF не сформированы: на этом компьютере не найден LibreOffice (команда soffice). Установите LibreOffice (Debian, Ubuntu, Astra Linux: sudo apt-get install libreoffice-writer; Windows: libreoffice.org) или откройте документы DOCX в Word, Р7-Офис, МойОфис и сохраните их как PDF.";

/// Documents one LibreOffice process converts.
pub const CHUNK: usize = 100;

/// The filter: PDF/A-2b (`SelectPdfVersion` 2), fonts embedded.
const FILTER: &str = r#"pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}"#;

/// LibreOffice's command: `$NASTAVNIK_SOFFICE` (a path; empty: none), else
/// `soffice` or `libreoffice` on `PATH`.
pub fn soffice() -> Option<PathBuf> {
    if let Some(given) = std::env::var_os("NASTAVNIK_SOFFICE") {
        let p = PathBuf::from(given);
        return (!p.as_os_str().is_empty() && p.is_file()).then_some(p);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["soffice", "libreoffice"].map(|n| dir.join(n)))
        .find(|p| p.is_file())
}

/// The time one process may take for `n` documents: a minute to start
/// and two seconds a document (a consent form takes a tenth of that);
/// `NASTAVNIK_PDF_SECONDS` sets it whole (the tests' hung LibreOffice).
pub fn time_limit(n: usize) -> Duration {
    let given = std::env::var("NASTAVNIK_PDF_SECONDS")
        .ok()
        .and_then(|s| s.parse::<u64>().ok());
    Duration::from_secs(given.unwrap_or(60 + 2 * n as u64))
}

/// Converts `docx` files into PDFs of the same stem in `out`, calling
/// `progress(done, total)` after each chunk. All or an error: a PDF
/// missing after its process is an error naming the document.
pub fn convert(
    soffice: &Path,
    docx: &[PathBuf],
    out: &Path,
    progress: &dyn Fn(usize, usize),
) -> Result<Vec<PathBuf>> {
    let profile = tempfile::Builder::new()
        .prefix("nastavnik-soffice-")
        .tempdir()
        .map_err(|e| Error::io("не удалось создать временную папку для LibreOffice", e))?;
    let mut done = Vec::with_capacity(docx.len());
    progress(0, docx.len());
    for chunk in docx.chunks(CHUNK) {
        run(soffice, profile.path(), chunk, out)?;
        for f in chunk {
            let pdf = out.join(Path::new(f.file_name().unwrap_or_default()).with_extension("pdf"));
            let ok = std::fs::metadata(&pdf).is_ok_and(|m| m.is_file() && m.len() > 0);
            if !ok {
                return Err(failed(format!(
                    "LibreOffice не сохранил PDF документа {}",
                    f.display()
                )));
            }
            done.push(pdf);
        }
        progress(done.len(), docx.len());
    }
    Ok(done)
}

/// One LibreOffice process over `files`, killed with its children past
/// [`time_limit`].
fn run(soffice: &Path, profile: &Path, files: &[PathBuf], out: &Path) -> Result<()> {
    let mut cmd = Command::new(soffice);
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        profile.display()
    ))
    .args([
        "--headless",
        "--norestore",
        "--nologo",
        "--nolockcheck",
        "--convert-to",
        FILTER,
        "--outdir",
    ])
    .arg(out)
    .args(files)
    .stdin(Stdio::null())
    .stdout(Stdio::null())
    .stderr(Stdio::piped());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
    }
    let mut child = cmd.spawn().map_err(|e| {
        Error::io(
            format!("не удалось запустить LibreOffice ({})", soffice.display()),
            e,
        )
    })?;
    let limit = time_limit(files.len());
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => {
                let mut err = String::new();
                if let Some(mut e) = child.stderr.take() {
                    use std::io::Read;
                    let _ = e.by_ref().take(4096).read_to_string(&mut err);
                }
                return Err(failed(format!(
                    "LibreOffice завершился с ошибкой ({status}): {}",
                    err.trim()
                )));
            }
            Ok(None) if start.elapsed() > limit => {
                kill_group(&mut child);
                return Err(failed(format!(
                    "LibreOffice не успел за {} с и остановлен",
                    limit.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => {
                kill_group(&mut child);
                return Err(Error::io("не удалось дождаться LibreOffice", e));
            }
        }
    }
}

/// LibreOffice failed: the system's refusal (exit 2), not a bug of ours.
fn failed(why: String) -> Error {
    Error::io(
        "PDF не сформированы (документы DOCX не затронуты)",
        std::io::Error::other(why),
    )
}

fn kill_group(child: &mut std::process::Child) {
    #[cfg(unix)]
    if let Ok(pid) = i32::try_from(child.id()) {
        // SAFETY: kill(2) on the process group this child leads (it was
        // started with process_group(0)); no memory is touched.
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}
