//! Reading a user's file, bounded: the one way every file a user gives is
//! read (programme.json, the XLSX tables, rules, templates, params.json,
//! rule cases).
//!
//! Users pass files from the internet and folders shared by others, so a
//! name may point at a FIFO (a read blocks forever), a device (`/dev/zero`
//! never ends) or something huge. Hence:
//! - only a regular file is opened: its type is checked before opening
//!   (following symlinks, as opening does) and again on the open handle, so
//!   a FIFO swapped in between is still refused; on unix the file is opened
//!   with `O_NONBLOCK`, so even that swap cannot block the open itself;
//! - each kind of file has a size limit ([`Kind::limit`], listed in
//!   README): a file whose size is over it is refused before reading, and
//!   the read goes through `take(limit + 1)`, so a file that grows or lies
//!   about its size stops at the limit too.

use crate::diag::{Place, Problem};
use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

const KIB: u64 = 1024;
const MIB: u64 = 1024 * KIB;

/// What a file is for; each kind has its own size limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// programme.json.
    Programme,
    /// An XLSX workbook named in `/inputs` (its bytes as stored on disk;
    /// what its parts inflate to is bounded by the XLSX reader).
    Table,
    /// A Rhai rule file of a `--rules` folder.
    Rule,
    /// A Handlebars template of a `--templates` folder.
    Template,
    /// params.json of a `--rules` folder.
    Params,
    /// A rule test case (`rules test DIR`).
    RuleCase,
    /// `manifest.json` of a previous package in `--out` (read by `--force`).
    Manifest,
    /// `batch.json` of a previous run (`batch --compare PREV_OUT`).
    Batch,
}

impl Kind {
    /// The largest file of this kind that is read, in bytes.
    ///
    /// programme.json: the example school's is 6 KB, and one with a team
    /// of hundreds and a thousand declensions stays under 1 MiB; 10 MiB is
    /// ten times that, and parses in well under a second into about
    /// 100 MiB of JSON values, while a 200 MB array in an unknown field is
    /// refused before parsing. A workbook of 1,000,000 rows is about 40 MiB
    /// of XLSX, hence 64 MiB for a table. Scripts, templates, parameters
    /// and cases are typed by hand: 1 MiB is far beyond any of them. A
    /// manifest holds about 200 bytes a document. A batch.json holds
    /// about 1 KB a school (10 MB for 1,000 schools with their problems
    /// listed); only its indicators are kept once parsed.
    pub const fn limit(self) -> u64 {
        match self {
            Kind::Programme | Kind::Manifest => 10 * MIB,
            Kind::Batch => 32 * MIB,
            Kind::Table => 64 * MIB,
            Kind::Rule | Kind::Template | Kind::Params | Kind::RuleCase => MIB,
        }
    }

    /// The kind's name in messages.
    fn what(self) -> &'static str {
        match self {
            Kind::Programme => "programme.json",
            Kind::Table => "таблицы XLSX",
            Kind::Rule => "файла правил",
            Kind::Template => "шаблона",
            Kind::Params => "файла параметров",
            Kind::RuleCase => "тестового случая правил",
            Kind::Manifest => "manifest.json",
            Kind::Batch => "batch.json",
        }
    }
}

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// Nothing at that path.
    NotFound,
    /// Something other than a regular file (its Russian name).
    NotRegular(&'static str),
    /// Over the limit of its kind.
    TooBig { kind: Kind, size: Option<u64> },
    /// The bytes are not UTF-8 (text files only).
    NotUtf8,
    /// No permission to read it.
    PermissionDenied,
    /// Any other refusal of the system.
    Io(io::Error),
}

impl ReadError {
    /// The Russian message, without the place (the caller knows how the
    /// user wrote the path).
    pub fn message(&self) -> String {
        match self {
            ReadError::NotFound => "файл не найден".to_owned(),
            ReadError::NotRegular(what) => {
                format!("это {what}, а не обычный файл; укажите файл")
            }
            ReadError::TooBig { kind, size } => {
                let limit = kind.limit();
                match size {
                    Some(size) => format!(
                        "файл слишком велик: {} байт, а для {} допускается не больше {}",
                        grouped(*size),
                        kind.what(),
                        shown_size(limit)
                    ),
                    None => format!(
                        "файл слишком велик: для {} допускается не больше {}",
                        kind.what(),
                        shown_size(limit)
                    ),
                }
            }
            ReadError::NotUtf8 => "файл не в кодировке UTF-8; сохраните его в UTF-8".to_owned(),
            ReadError::PermissionDenied => "нет прав на чтение файла".to_owned(),
            ReadError::Io(e) => format!("не удалось прочитать файл: {}", crate::diag::os_text(e)),
        }
    }

    /// The problem at the file, shown as `shown`.
    pub fn problem(&self, shown: &str) -> Problem {
        Problem::new(
            Place::File {
                file: shown.to_owned(),
            },
            self.message(),
        )
    }
}

/// A size for messages: `10 МиБ`, `512 КиБ`, `300 байт`.
pub fn shown_size(bytes: u64) -> String {
    if bytes >= MIB {
        let whole = bytes / MIB;
        let tenth = (bytes % MIB) * 10 / MIB;
        if tenth == 0 {
            format!("{whole} МиБ")
        } else {
            format!("{whole},{tenth} МиБ")
        }
    } else if bytes >= KIB {
        format!("{} КиБ", bytes / KIB)
    } else {
        format!("{bytes} байт")
    }
}

/// `1048577` as `1 048 577`.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// The bytes of the regular file at `path`, at most `kind.limit()` of them.
pub fn read(path: &Path, kind: Kind) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path).map_err(from_io)?;
    regular(&meta)?;
    let limit = kind.limit();
    if meta.len() > limit {
        return Err(ReadError::TooBig {
            kind,
            size: Some(meta.len()),
        });
    }
    let file = open(path)?;
    // The path may have been swapped for a FIFO or a device since the check.
    let meta = file.metadata().map_err(from_io)?;
    regular(&meta)?;
    let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(from_io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooBig { kind, size: None });
    }
    Ok(bytes)
}

/// The text of the regular file at `path` (UTF-8), bounded like [`read`].
pub fn read_text(path: &Path, kind: Kind) -> Result<String, ReadError> {
    String::from_utf8(read(path, kind)?).map_err(|_| ReadError::NotUtf8)
}

fn open(path: &Path) -> Result<File, ReadError> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path).map_err(from_io)
}

fn regular(meta: &std::fs::Metadata) -> Result<(), ReadError> {
    let t = meta.file_type();
    if t.is_file() {
        return Ok(());
    }
    if t.is_dir() {
        return Err(ReadError::NotRegular("папка"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Err(ReadError::NotRegular("именованный канал (FIFO)"));
        }
        if t.is_char_device() || t.is_block_device() {
            return Err(ReadError::NotRegular("устройство"));
        }
        if t.is_socket() {
            return Err(ReadError::NotRegular("сокет"));
        }
    }
    Err(ReadError::NotRegular("не файл"))
}

fn from_io(e: io::Error) -> ReadError {
    match e.kind() {
        io::ErrorKind::NotFound => ReadError::NotFound,
        io::ErrorKind::PermissionDenied => ReadError::PermissionDenied,
        io::ErrorKind::IsADirectory => ReadError::NotRegular("папка"),
        _ => ReadError::Io(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_is_read_whole() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.json");
        std::fs::write(&path, "{}").expect("write");
        assert_eq!(read(&path, Kind::Programme).expect("read"), b"{}");
        assert_eq!(read_text(&path, Kind::Params).expect("read"), "{}");
    }

    #[test]
    fn a_folder_a_missing_file_and_a_device_are_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(
            read(dir.path(), Kind::Rule).expect_err("folder").message(),
            "это папка, а не обычный файл; укажите файл"
        );
        assert!(matches!(
            read(&dir.path().join("nope"), Kind::Rule),
            Err(ReadError::NotFound)
        ));
        #[cfg(unix)]
        assert_eq!(
            read(Path::new("/dev/zero"), Kind::Template)
                .expect_err("device")
                .message(),
            "это устройство, а не обычный файл; укажите файл"
        );
    }

    #[test]
    fn a_file_over_the_limit_is_refused_with_the_limit() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("x.rhai");
        std::fs::write(&path, vec![b' '; (MIB + 1) as usize]).expect("write");
        assert_eq!(
            read(&path, Kind::Rule).expect_err("big").message(),
            "файл слишком велик: 1 048 577 байт, а для файла правил допускается не больше 1 МиБ"
        );
        std::fs::write(&path, vec![b' '; MIB as usize]).expect("write");
        assert_eq!(
            read(&path, Kind::Rule).expect("at the limit").len(),
            MIB as usize
        );
    }

    #[test]
    fn bytes_that_are_not_utf8_are_named() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.json");
        std::fs::write(&path, [0xff, 0xfe, 0x00]).expect("write");
        assert!(matches!(
            read_text(&path, Kind::Params),
            Err(ReadError::NotUtf8)
        ));
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(shown_size(10 * MIB), "10 МиБ");
        assert_eq!(shown_size(MIB + MIB / 2), "1,5 МиБ");
        assert_eq!(shown_size(2048), "2 КиБ");
        assert_eq!(shown_size(12), "12 байт");
        assert_eq!(grouped(209_715_200), "209 715 200");
        assert_eq!(grouped(999), "999");
    }
}
