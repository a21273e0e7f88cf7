//! The organisation's folder as the page touches it: where each table is
//! saved, uploads streamed into place, the packages under `packages/`.
//! Upload names are never used as paths: a table goes where programme.json
//! says that table lives (inside `inputs/`), programme.json to its place.

use axum::extract::multipart::Multipart;
use nastavnik_engine::diag::os_text;
use nastavnik_engine::fsread::Kind;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

const MIB: usize = 1024 * 1024;
/// A table upload's body: the file's limit and the form around it.
pub(crate) const TABLE_BODY_LIMIT: usize = Kind::Table.limit() as usize + MIB;
pub(crate) const PROGRAMME_BODY_LIMIT: usize = Kind::Programme.limit() as usize + MIB;
/// Where the packages the page generates are kept, one dated folder each.
pub(crate) const PACKAGES: &str = "packages";

/// A table the page takes an upload for.
pub(crate) struct TableKind {
    pub slug: &'static str,
    pub title: &'static str,
    pub what: &'static str,
    /// Its `/inputs` entry in programme.json.
    pub input: &'static str,
    /// The example's file name (the default place).
    pub default_file: &'static str,
}

pub(crate) const TABLES: [TableKind; 3] = [
    TableKind {
        slug: "participants",
        title: "Участники",
        what: "Наставники, наставляемые и пары (листы «Наставники», «Наставляемые», «Пары»).",
        input: "mentors",
        default_file: "inputs/participants.xlsx",
    },
    TableKind {
        slug: "roadmap",
        title: "Дорожная карта",
        what: "Мероприятия программы по этапам, сроки и отметки о выполнении.",
        input: "roadmap",
        default_file: "inputs/roadmap.xlsx",
    },
    TableKind {
        slug: "monitoring",
        title: "Мониторинг (анкеты)",
        what: "Ответы наставников и наставляемых на анкеты мониторинга.",
        input: "survey",
        default_file: "inputs/monitoring.xlsx",
    },
];

/// The tables of programme.json a kind's upload is meant for, with each
/// one's default sheet: the participants' workbook holds three.
fn tables_of(kind: &TableKind) -> &'static [(&'static str, &'static str)] {
    use nastavnik_engine::ingest as i;
    match kind.input {
        "mentors" => &[
            ("mentors", i::MENTORS_SHEET),
            ("mentees", i::MENTEES_SHEET),
            ("pairs", i::PAIRS_SHEET),
        ],
        "roadmap" => &[("roadmap", i::ROADMAP_SHEET)],
        _ => &[("survey", i::SURVEY_SHEET)],
    }
}

/// What an upload of `kind` into `file` feeds: each of its tables that
/// programme.json reads from `file` as (table, sheet), and each it reads
/// from another file as (table, sheet, that file).
pub(crate) struct Feeds {
    pub here: Vec<(String, String)>,
    pub elsewhere: Vec<(String, String, String)>,
}

pub(crate) fn feeds(dir: &Path, kind: &TableKind, file: &str) -> Feeds {
    let inputs = programme_value(dir)
        .and_then(|v| {
            serde_json::from_value::<nastavnik_engine::ingest::Inputs>(v["inputs"].clone()).ok()
        })
        .unwrap_or_else(nastavnik_engine::example::inputs);
    let mut out = Feeds {
        here: Vec::new(),
        elsewhere: Vec::new(),
    };
    for (table, default) in tables_of(kind) {
        let input = match *table {
            "mentors" => Some(&inputs.mentors),
            "mentees" => Some(&inputs.mentees),
            "pairs" => Some(&inputs.pairs),
            "roadmap" => Some(&inputs.roadmap),
            _ => inputs.survey.as_ref(),
        };
        let (in_file, sheet) = match input {
            Some(i) => (
                i.file.clone(),
                i.sheet.clone().unwrap_or_else(|| (*default).to_owned()),
            ),
            None => (file.to_owned(), (*default).to_owned()),
        };
        if in_file == file {
            out.here.push(((*table).to_owned(), sheet));
        } else {
            out.elsewhere.push(((*table).to_owned(), sheet, in_file));
        }
    }
    out
}

/// Why an uploaded workbook is not the table it is uploaded as: it reads
/// (sheet names) and holds none of the sheets programme.json reads from
/// `file` — another table chosen by mistake would replace this one. A
/// workbook whose sheets cannot be read is left to the engine to report.
pub(crate) fn foreign_workbook(upload: &Path, file: &str, feeds: &Feeds) -> Option<String> {
    let book = nastavnik_engine::ingest::workbook::Workbook::open(upload, file).ok()?;
    let names = book.sheet_names();
    let key = nastavnik_engine::text::key;
    let any = feeds
        .here
        .iter()
        .any(|(_, sheet)| names.iter().any(|n| key(n) == key(sheet)));
    if any || feeds.here.is_empty() {
        return None;
    }
    let quote = |v: Vec<&String>| {
        v.iter()
            .take(10)
            .map(|n| format!("«{n}»"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Some(format!(
        "Файл не принят: в книге нет ни одного из листов, которые программа читает из {file} ({}); в ней листы {}. Похоже, выбрана другая таблица. {file} не изменён.",
        quote(feeds.here.iter().map(|(_, s)| s).collect()),
        quote(names.iter().collect())
    ))
}

pub(crate) fn table_kind(slug: &str) -> Option<&'static TableKind> {
    TABLES.iter().find(|t| t.slug == slug)
}

/// programme.json as JSON, if it reads (for where the tables are and the
/// organisation's fields); problems are the engine's to report.
pub(crate) fn programme_value(dir: &Path) -> Option<serde_json::Value> {
    let text = nastavnik_engine::fsread::read_text(
        &dir.join(nastavnik_engine::load::PROGRAMME_FILE),
        Kind::Programme,
    )
    .ok()?;
    serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(&text)).ok()
}

/// The version of programme.json a form was drawn from: its sha256, or
/// empty when there is none. A form carries it back (`_version`) so that
/// a save over a file changed meanwhile — another tab, an upload — is
/// refused instead of mixing the two.
pub(crate) fn programme_version(dir: &Path) -> String {
    std::fs::read(dir.join(nastavnik_engine::load::PROGRAMME_FILE))
        .map(|b| nastavnik_engine::model::InputFile::of("", &b).sha256)
        .unwrap_or_default()
}

/// Where a table lives, relative to the folder: programme.json's
/// `/inputs/NAME/file`, else the example's name. Refused unless it is a
/// plain `.xlsx` path inside `inputs/`.
pub(crate) fn table_file(dir: &Path, kind: &TableKind) -> Result<String, String> {
    let named = programme_value(dir).and_then(|v| {
        v.pointer(&format!("/inputs/{}/file", kind.input))
            .and_then(|f| f.as_str())
            .map(str::to_owned)
    });
    let file = named.unwrap_or_else(|| kind.default_file.to_owned());
    let path = Path::new(&file);
    let mut parts = path.components();
    let inside = parts.next() == Some(Component::Normal("inputs".as_ref()))
        && parts.clone().count() >= 1
        && parts.all(|c| matches!(c, Component::Normal(_)))
        && file.to_lowercase().ends_with(".xlsx");
    if inside {
        Ok(file)
    } else {
        Err(format!(
            "programme.json › /inputs/{}/file: «{file}» — не файл .xlsx в папке inputs; страница сохраняет таблицы только туда. Исправьте путь в programme.json или загрузите таблицу командной строкой.",
            kind.input
        ))
    }
}

/// Why an upload was not taken.
pub(crate) enum Refused {
    /// Over the limit (bytes).
    TooLarge(u64),
    /// The form had no file, or the stream broke.
    Form(String),
    Io(String),
}

impl Refused {
    pub fn message(&self, what: &str) -> String {
        match self {
            Refused::TooLarge(limit) => format!(
                "Файл не принят: {what} больше {} МиБ. Проверьте, тот ли это файл.",
                limit / MIB as u64
            ),
            Refused::Form(m) | Refused::Io(m) => m.clone(),
        }
    }
}

/// Streams the form's `file` field into a temporary file in `folder`,
/// counting bytes and stopping past `limit`. The name the browser sent is
/// ignored.
pub(crate) async fn receive(
    mut form: Multipart,
    folder: &Path,
    limit: u64,
) -> Result<tempfile::NamedTempFile, Refused> {
    std::fs::create_dir_all(folder).map_err(|e| {
        Refused::Io(format!(
            "не удалось создать папку {}: {}",
            folder.display(),
            os_text(&e)
        ))
    })?;
    let broken = |e: axum::extract::multipart::MultipartError| {
        if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            Refused::TooLarge(limit)
        } else {
            Refused::Form(format!(
                "Файл не принят: передача прервана ({})",
                e.body_text()
            ))
        }
    };
    while let Some(mut field) = form.next_field().await.map_err(broken)? {
        if field.name() != Some("file") {
            continue;
        }
        let mut temp = tempfile::Builder::new()
            .prefix(".upload-")
            .tempfile_in(folder)
            .map_err(|e| {
                Refused::Io(format!(
                    "не удалось записать в папку {}: {}",
                    folder.display(),
                    os_text(&e)
                ))
            })?;
        let mut count: u64 = 0;
        while let Some(chunk) = field.chunk().await.map_err(broken)? {
            count += chunk.len() as u64;
            if count > limit {
                return Err(Refused::TooLarge(limit));
            }
            temp.write_all(&chunk).map_err(|e| {
                Refused::Io(format!(
                    "не удалось записать загруженный файл: {}",
                    os_text(&e)
                ))
            })?;
        }
        if count == 0 {
            return Err(Refused::Form("Файл не выбран или пуст.".to_owned()));
        }
        temp.as_file().sync_all().map_err(|e| {
            Refused::Io(format!(
                "не удалось записать загруженный файл: {}",
                os_text(&e)
            ))
        })?;
        return Ok(temp);
    }
    Err(Refused::Form(
        "В форме нет файла: выберите файл и нажмите «Загрузить».".to_owned(),
    ))
}

/// Renames the upload into place (atomic on one file system); the previous
/// file, if any, is kept as `NAME.bak` when `backup`.
pub(crate) fn put(
    temp: tempfile::NamedTempFile,
    target: &Path,
    backup: bool,
) -> Result<(), String> {
    if let Ok(meta) = std::fs::symlink_metadata(target) {
        if !meta.is_file() {
            return Err(format!(
                "{} — не обычный файл (папка или ссылка); не заменён",
                target.display()
            ));
        }
        // The upload takes the place of the file with its mode (a
        // temporary file is made readable by its owner only).
        let _ = std::fs::set_permissions(temp.path(), meta.permissions());
        if backup {
            let mut bak = target.as_os_str().to_owned();
            bak.push(".bak");
            std::fs::copy(target, PathBuf::from(bak)).map_err(|e| {
                format!(
                    "не удалось сохранить прежнюю версию {}: {}",
                    target.display(),
                    os_text(&e)
                )
            })?;
        }
    }
    temp.persist(target).map(|_| ()).map_err(|e| {
        format!(
            "не удалось сохранить {}: {}",
            target.display(),
            os_text(&e.error)
        )
    })
}

/// A package folder's name: the day it was generated, `ГГГГ-ММ-ДД`.
pub(crate) fn is_package_name(name: &str) -> bool {
    let b = name.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// The packages under `packages/`, newest first.
pub(crate) fn packages(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join(PACKAGES))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().map(|t| t.is_dir()).unwrap_or(false))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| {
            is_package_name(n) && dir.join(PACKAGES).join(n).join("manifest.json").is_file()
        })
        .collect();
    names.sort_unstable_by(|a, b| b.cmp(a));
    names
}

/// A package's manifest.json, as written by the engine.
pub(crate) fn manifest(dir: &Path, name: &str) -> Option<serde_json::Value> {
    if !is_package_name(name) {
        return None;
    }
    let text = nastavnik_engine::fsread::read_text(
        &dir.join(PACKAGES).join(name).join("manifest.json"),
        Kind::Manifest,
    )
    .ok()?;
    serde_json::from_str(&text).ok()
}

/// The document files a manifest lists.
pub(crate) fn document_files(manifest: &serde_json::Value) -> Vec<String> {
    manifest["documents"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["file"].as_str().map(str::to_owned))
        .filter(|f| !f.contains('/') && !f.contains('\\') && !f.starts_with('.'))
        .collect()
}

/// The whole package as a ZIP: its documents (stored: a DOCX is deflated
/// already) and manifest.json.
pub(crate) fn zip_package(dir: &Path, name: &str) -> Result<Vec<u8>, String> {
    use zip::write::SimpleFileOptions;
    let manifest = manifest(dir, name).ok_or_else(|| format!("пакета {name} нет"))?;
    let folder = dir.join(PACKAGES).join(name);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut files = document_files(&manifest);
    files.push("manifest.json".to_owned());
    for file in files {
        let bytes = std::fs::read(folder.join(&file)).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => format!(
                "в пакете {name} нет файла {file}, хотя manifest.json его перечисляет (файл удалён или перенесён): пакет неполон, ZIP не собран; сформируйте пакет снова (раздел «Документы»)"
            ),
            _ => format!(
                "не удалось прочитать {file} пакета {name}: {}",
                nastavnik_engine::diag::os_text(&e)
            ),
        })?;
        zip.start_file(file.as_str(), stored)
            .and_then(|_| zip.write_all(&bytes).map_err(Into::into))
            .map_err(|e| format!("ZIP не записывается: {e}"))?;
    }
    zip.finish()
        .map(|c| c.into_inner())
        .map_err(|e| format!("ZIP не записывается: {e}"))
}
