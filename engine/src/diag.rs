//! Problems found in the inputs, with their place, in Russian.
//!
//! Every layer (schema, tables, rules scripts, templates) reports through
//! these types so that the CLI prints them alike and exits with code 2.

use serde::Serialize;
use std::fmt;

/// Where a problem is, in terms the user can find.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Place {
    /// A file as a whole (missing, unreadable, not an XLSX).
    File { file: String },
    /// A position in a text file (JSON syntax, a Rhai script, a template).
    Text {
        file: String,
        line: usize,
        column: usize,
    },
    /// A JSON pointer into programme.json.
    Pointer { file: String, pointer: String },
    /// A sheet of a workbook (missing sheet, missing column).
    Sheet { file: String, sheet: String },
    /// A cell, `B12`.
    Cell {
        file: String,
        sheet: String,
        cell: String,
    },
    /// A whole row of a sheet.
    Row {
        file: String,
        sheet: String,
        row: u32,
    },
    /// Not tied to a place (usage errors).
    Nowhere,
}

impl Place {
    /// The file the place is in; `None` for [`Place::Nowhere`].
    pub fn file(&self) -> Option<&str> {
        match self {
            Place::File { file }
            | Place::Text { file, .. }
            | Place::Pointer { file, .. }
            | Place::Sheet { file, .. }
            | Place::Cell { file, .. }
            | Place::Row { file, .. } => Some(file),
            Place::Nowhere => None,
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::File { file } => write!(f, "{file}"),
            Place::Text { file, line, column } => write!(f, "{file}:{line}:{column}"),
            Place::Pointer { file, pointer } => {
                let p = if pointer.is_empty() { "/" } else { pointer };
                write!(f, "{file} › {p}")
            }
            Place::Sheet { file, sheet } => write!(f, "{file} › {sheet}"),
            Place::Cell { file, sheet, cell } => write!(f, "{file} › {sheet} › {cell}"),
            Place::Row { file, sheet, row } => write!(f, "{file} › {sheet} › строка {row}"),
            Place::Nowhere => Ok(()),
        }
    }
}

/// One problem: its place and a Russian message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub place: Place,
    pub message: String,
}

impl Problem {
    pub fn new(place: Place, message: impl Into<String>) -> Self {
        Problem {
            place,
            message: message.into(),
        }
    }

    pub fn nowhere(message: impl Into<String>) -> Self {
        Problem::new(Place::Nowhere, message)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.place {
            Place::Nowhere => write!(f, "{}", self.message),
            _ => write!(f, "{}: {}", self.place, self.message),
        }
    }
}

/// Spreadsheet column letters for a 0-based index: 0 → `A`, 27 → `AB`.
pub fn column_letters(mut index: u32) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

/// `B12` for a 0-based column and a 1-based row.
pub fn cell_name(column: u32, row: u32) -> String {
    format!("{}{}", column_letters(column), row)
}

/// The engine's error, in three kinds the CLI tells apart by exit code.
///
/// - [`Error::Input`]: the inputs are wrong; every problem is listed with
///   its place (exit code 2).
/// - [`Error::Io`]: the system refused something the run had to do (write
///   the package, take a lock); the context says what, in Russian, and the
///   operating system's own text follows (exit code 2, like bad input: the
///   user fixes the disk or the folder, not the program).
/// - [`Error::Internal`]: a bug: something that cannot fail failed (a
///   value that does not serialise, an embedded resource missing). Never
///   reported as bad input or as I/O (exit code 70, `EX_SOFTWARE`).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}", render_problems(.0))]
    Input(Vec<Problem>),
    #[error("{context}: {}", os_text(.source))]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    #[error("внутренняя ошибка nastavnik (сообщите разработчикам): {0}")]
    Internal(String),
}

impl Error {
    pub fn input(problem: Problem) -> Self {
        Error::Input(vec![problem])
    }

    /// `context` says in Russian what was being done and on which path
    /// («не удалось записать файл out/x.docx»).
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }

    /// A failure that is a bug, not the user's input or the system's refusal.
    pub fn internal(what: impl Into<String>) -> Self {
        Error::Internal(what.into())
    }

    /// The problems, when the inputs are at fault.
    pub fn problems(&self) -> &[Problem] {
        match self {
            Error::Input(p) => p,
            Error::Io { .. } | Error::Internal(_) => &[],
        }
    }

    /// The process exit code for this error: 2 for input and I/O, 70 for a bug.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Input(_) | Error::Io { .. } => 2,
            Error::Internal(_) => 70,
        }
    }
}

/// An I/O error in Russian, wholly: the name of its kind (from the
/// system's error number where there is one, else from its kind) and the
/// number, never the system's English text. An error nastavnik made
/// itself (a limit of a reader) keeps its own text, which is Russian.
pub fn os_text(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    if let Some(code) = e.raw_os_error() {
        let what = errno_text(code).or_else(|| kind_text(e.kind()));
        return match what {
            Some(what) => format!("{what} (код ошибки системы {code})"),
            None => format!("система отказала (код ошибки системы {code})"),
        };
    }
    let own = e.get_ref().map(ToString::to_string).filter(|t| {
        t.chars()
            .any(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'))
    });
    match (kind_text(e.kind()), own) {
        (_, Some(own)) if e.kind() == K::Other => own,
        (Some(what), Some(own)) => format!("{what} ({own})"),
        (Some(what), None) => what.to_owned(),
        (None, Some(own)) => own,
        (None, None) => "ошибка ввода-вывода".to_owned(),
    }
}

/// The Russian name of an I/O error's kind, where it has one.
fn kind_text(kind: std::io::ErrorKind) -> Option<&'static str> {
    use std::io::ErrorKind as K;
    Some(match kind {
        K::NotFound => "нет такого файла или папки",
        K::PermissionDenied => "нет прав доступа",
        K::AlreadyExists => "уже существует",
        K::StorageFull => "нет места на диске",
        K::ReadOnlyFilesystem => "файловая система только для чтения",
        K::DirectoryNotEmpty => "папка не пуста",
        K::CrossesDevices => "папки на разных дисках",
        K::Interrupted => "операция прервана",
        K::NotADirectory => "часть пути — не папка",
        K::IsADirectory => "это папка, а не файл",
        K::FileTooLarge => "файл слишком велик",
        K::InvalidFilename => "недопустимое имя файла",
        K::TooManyLinks => "слишком много ссылок",
        K::ResourceBusy => "ресурс занят",
        K::UnexpectedEof => "файл кончился раньше, чем ожидалось",
        K::InvalidData => "данные файла повреждены",
        K::OutOfMemory => "не хватило памяти",
        K::WouldBlock => "операция заблокировала бы выполнение",
        K::TimedOut => "истекло время ожидания",
        K::Unsupported => "операция не поддерживается",
        K::QuotaExceeded => "превышена квота на диске",
        K::ExecutableFileBusy => "файл занят выполняющейся программой",
        K::StaleNetworkFileHandle => "сетевой файл больше недоступен",
        _ => return None,
    })
}

/// The Russian name of a system error number (Linux), for those whose
/// kind says too little.
fn errno_text(code: i32) -> Option<&'static str> {
    #[cfg(unix)]
    {
        Some(match code {
            libc::ELOOP => {
                "слишком много уровней символических ссылок: ссылка указывает сама на себя или по кругу"
            }
            libc::ENAMETOOLONG => "слишком длинное имя файла или пути",
            libc::EIO => "ошибка чтения или записи на устройстве",
            libc::EMFILE | libc::ENFILE => "открыто слишком много файлов",
            libc::ENXIO | libc::ENODEV => "нет такого устройства",
            libc::EPERM => "операция не разрешена",
            libc::EAGAIN => "ресурс временно недоступен",
            _ => return None,
        })
    }
    #[cfg(not(unix))]
    {
        let _ = code;
        None
    }
}

fn render_problems(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_os_error_is_named_in_russian_first() {
        let e = std::io::Error::from(std::io::ErrorKind::NotADirectory);
        assert_eq!(os_text(&e), "часть пути — не папка");
        let e = std::io::Error::from(std::io::ErrorKind::StorageFull);
        assert_eq!(os_text(&e), "нет места на диске");
        // The system's errors by number, without its English text.
        let e = std::io::Error::from_raw_os_error(40);
        assert_eq!(
            os_text(&e),
            "слишком много уровней символических ссылок: ссылка указывает сама на себя или по кругу (код ошибки системы 40)"
        );
        let e = std::io::Error::from_raw_os_error(28);
        assert_eq!(os_text(&e), "нет места на диске (код ошибки системы 28)");
        let e = std::io::Error::from_raw_os_error(9999);
        assert_eq!(os_text(&e), "система отказала (код ошибки системы 9999)");
        // nastavnik's own Russian text is kept.
        let e = std::io::Error::other("предел распакованного размера");
        assert_eq!(os_text(&e), "предел распакованного размера");
        let e = std::io::Error::other("disk on fire");
        assert_eq!(os_text(&e), "ошибка ввода-вывода");
    }

    #[test]
    fn column_letters_follow_spreadsheets() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
        assert_eq!(cell_name(2, 7), "C7");
    }
}
