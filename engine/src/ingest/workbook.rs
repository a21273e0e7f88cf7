//! Opening a workbook and finding a sheet, with Russian problems placed at
//! the file or the sheet. Several tables may share one workbook, so a
//! file is read and checked once ([`archive::check`]) and each table opens
//! its own workbook over the checked bytes.
//!
//! The file's bytes are read here with their own limit (a regular file of
//! at most [`limits::FILE_BYTES`]), so that a FIFO, a device or a huge file
//! named as an input is refused before it is read.

use super::archive::{self, Checked};
use super::grid::{Grid, Unread};
use super::limits::{self, bytes_shown};
use crate::diag::{Place, Problem};
use crate::fsread::{self, ReadError};
use crate::text::key;
use calamine::{open_workbook_from_rs, Reader, Xlsx, XlsxError};
use std::io::Cursor;
use std::path::Path;

/// An open XLSX workbook; `shown` is the file name as written in programme.json.
pub struct Workbook {
    pub shown: String,
    inner: Xlsx<Cursor<Checked>>,
    /// What the scan noted of each sheet ([`super::scan::Notes`]).
    notes: std::sync::Arc<std::collections::BTreeMap<String, super::scan::Notes>>,
}

impl Workbook {
    /// Opens `path`. A missing file, a folder, an unreadable file or bytes
    /// that are not an XLSX workbook are each one problem placed at the file.
    pub fn open(path: &Path, shown: &str) -> Result<Workbook, Problem> {
        Workbook::from_bytes(Workbook::read(path, shown)?, shown)
    }

    /// The bytes of `path`, with the problems of [`Workbook::open`] that
    /// come before looking inside.
    pub fn read(path: &Path, shown: &str) -> Result<Vec<u8>, Problem> {
        let place = || Place::File {
            file: shown.to_owned(),
        };
        let bytes = fsread::read(path, fsread::Kind::Table).map_err(|e| {
            let message = match e {
                ReadError::NotFound => format!(
                    "файл не найден (искали {}); проверьте путь в programme.json",
                    path.display()
                ),
                ReadError::NotRegular("папка") => "это папка, а не файл XLSX".to_owned(),
                e => e.message(),
            };
            Problem::new(place(), message)
        })?;
        // The file grew while it was read.
        if bytes.len() as u64 > limits::FILE_BYTES {
            return Err(too_big(place()));
        }
        Ok(bytes)
    }

    /// Opens a workbook from its bytes (used by [`Workbook::open`] and by tests).
    pub fn from_bytes(bytes: Vec<u8>, shown: &str) -> Result<Workbook, Problem> {
        Workbook::from_checked(Workbook::check(bytes, shown)?, shown)
    }

    /// Checks a workbook's bytes against the limits ([`archive::check`]),
    /// after the problems of bytes that are no zip at all.
    pub fn check(bytes: Vec<u8>, shown: &str) -> Result<Checked, Problem> {
        let place = || Place::File {
            file: shown.to_owned(),
        };
        if bytes.is_empty() {
            return Err(Problem::new(
                place(),
                "файл пуст (0 байт), а ожидается книга Excel (XLSX)",
            ));
        }
        let looks_zip = bytes.starts_with(b"PK");
        let is_ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
        if is_ole || !looks_zip {
            return Err(Problem::new(place(), not_zip(is_ole)));
        }
        archive::check(bytes, shown)
    }

    /// Opens a workbook over checked bytes: each table opens its own.
    pub fn from_checked(bytes: Checked, shown: &str) -> Result<Workbook, Problem> {
        let place = || Place::File {
            file: shown.to_owned(),
        };
        let notes = bytes.notes();
        match guarded(|| open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes))) {
            Some(Ok(inner)) => Ok(Workbook {
                shown: shown.to_owned(),
                inner,
                notes,
            }),
            Some(Err(e)) => Err(Problem::new(place(), open_error(&e))),
            None => Err(Problem::new(
                place(),
                "файл повреждён: книгу Excel (XLSX) не удаётся прочитать",
            )),
        }
    }

    /// Sheet names in workbook order.
    pub fn sheet_names(&self) -> Vec<String> {
        self.inner.sheet_names()
    }

    /// The sheet named `name` (exactly, or else ignoring case, spaces and
    /// `ё`); a missing sheet lists the sheets there are.
    pub fn sheet(&mut self, name: &str) -> Result<(String, Grid), Problem> {
        let names = self.sheet_names();
        // Two sheets that differ only in case, spaces or `ё` (a copy kept
        // beside the table): which one is meant cannot be guessed.
        let alike: Vec<&String> = names.iter().filter(|n| key(n) == key(name)).collect();
        if alike.len() > 1 {
            return Err(Problem::new(
                Place::File {
                    file: self.shown.clone(),
                },
                format!(
                    "в книге несколько листов «{name}»: {} — они различаются только регистром, пробелами или «ё»; оставьте один, а другие переименуйте или удалите",
                    alike
                        .iter()
                        .map(|n| format!("«{n}»"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        let found = names
            .iter()
            .find(|n| n.as_str() == name)
            .or_else(|| names.iter().find(|n| key(n) == key(name)))
            .cloned();
        let Some(found) = found else {
            return Err(Problem::new(
                Place::File {
                    file: self.shown.clone(),
                },
                format!(
                    "нет листа «{name}»; в книге есть листы: {}",
                    names
                        .iter()
                        .map(|n| format!("«{n}»"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        };
        let place = || Place::Sheet {
            file: self.shown.clone(),
            sheet: found.clone(),
        };
        let shown = self.shown.clone();
        let notes = self.notes.get(&found);
        let hidden_sheet = self
            .inner
            .sheets_metadata()
            .iter()
            .find(|s| s.name == found)
            .is_some_and(|s| s.visible != calamine::SheetVisible::Visible);
        match guarded(|| Grid::read(&mut self.inner, &found, &shown, &found, notes)) {
            Some(Ok(mut grid)) => {
                grid.hidden.sheet = hidden_sheet;
                Ok((found.clone(), grid))
            }
            Some(Err(Unread::Limit(p))) => Err(p),
            Some(Err(Unread::Calamine(e))) => Err(Problem::new(
                place(),
                format!(
                    "лист не читается, файл повреждён: {}; откройте его в Excel или LibreOffice и сохраните заново как «Книга Excel (*.xlsx)»",
                    error_text(&e)
                ),
            )),
            None => Err(Problem::new(place(), "лист не читается, файл повреждён")),
        }
    }
}

/// Runs calamine on untrusted bytes; a panic inside it becomes `None` so
/// that no input can crash the program.
fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok()
}

fn too_big(place: Place) -> Problem {
    Problem::new(
        place,
        format!(
            "файл больше {}: это не таблица школы; проверьте, что указан нужный файл",
            bytes_shown(limits::FILE_BYTES)
        ),
    )
}

fn not_zip(is_ole: bool) -> String {
    if is_ole {
        return "это файл старого формата Excel (XLS) или защищённый паролем; сохраните его как «Книга Excel (*.xlsx)»".to_owned();
    }
    "файл не является книгой Excel (XLSX): возможно, это CSV, текст или другой формат; сохраните его как «Книга Excel (*.xlsx)»".to_owned()
}

fn open_error(e: &XlsxError) -> String {
    match e {
        XlsxError::Zip(_) => "файл повреждён или обрезан: архив XLSX не читается".to_owned(),
        XlsxError::Password => {
            "книга защищена паролем; снимите защиту и сохраните её как «Книга Excel (*.xlsx)»"
                .to_owned()
        }
        _ => format!(
            "файл повреждён или это не книга Excel (XLSX): {}; откройте его в Excel или LibreOffice и сохраните заново как «Книга Excel (*.xlsx)»",
            error_text(e)
        ),
    }
}

/// calamine's error in Russian, wholly: what is wrong inside the file.
fn error_text(e: &XlsxError) -> String {
    match e {
        XlsxError::FileNotFound(part) => {
            format!("в архиве нет части «{part}», без которой книга не читается")
        }
        XlsxError::RelationshipNotFound => "в архиве нет связей между частями книги".to_owned(),
        XlsxError::WorksheetNotFound(_) => {
            "часть архива с этим листом отсутствует (в книге лист указан, а его данных нет)"
                .to_owned()
        }
        XlsxError::NotAWorksheet(_) => {
            "это не лист с ячейками (диаграмма или лист макросов)".to_owned()
        }
        XlsxError::Xml(_)
        | XlsxError::XmlAttr(_)
        | XlsxError::XmlEof(_)
        | XlsxError::UnexpectedNode(_)
        | XlsxError::Unexpected(_)
        | XlsxError::Encoding(_) => {
            "XML внутри файла обрывается или повреждён (файл обрезан или испорчен)".to_owned()
        }
        XlsxError::Password => "книга защищена паролем".to_owned(),
        XlsxError::Zip(_) | XlsxError::Io(_) => "архив XLSX не читается".to_owned(),
        _ => "в XML файла значение, какого в книгах Excel не бывает".to_owned(),
    }
}
