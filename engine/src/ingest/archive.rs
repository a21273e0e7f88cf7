//! The zip of a workbook, checked against [`limits`] before calamine reads
//! a byte of it.
//!
//! calamine trusts what a file says: it reserves memory for the declared
//! count of shared strings, allocates a sheet's whole rectangle, computes
//! cell references in `u32` arithmetic that overflows, and inflates a part
//! to whatever size it comes to. So every part is inflated here once, as a
//! stream through a counting reader (the sizes in the zip headers are never
//! trusted), and its XML scanned by [`scan`]; nothing inflated is kept.
//! Only a workbook that passed is handed to calamine, which then reads the
//! same bytes: what it can meet was seen here first.

use super::limits::{self, bytes_shown, count_shown};
use super::scan::{self, Scanned};
use crate::diag::{Place, Problem};
use quick_xml::events::Event;
use std::collections::BTreeMap;
use std::io::{BufReader, Cursor, Read};
use std::sync::Arc;
use zip::result::ZipError;
use zip::ZipArchive;

/// A workbook's bytes that passed [`check`]: calamine may open them. Cheap
/// to clone, so that each table reads its own workbook from one copy.
#[derive(Clone)]
pub struct Checked(Arc<[u8]>, Arc<BTreeMap<String, scan::Notes>>);

impl Checked {
    /// What the scan noted of each sheet (by its name) that calamine would
    /// read otherwise than the user means ([`scan::Notes`]).
    pub fn notes(&self) -> Arc<BTreeMap<String, scan::Notes>> {
        Arc::clone(&self.1)
    }
}

impl AsRef<[u8]> for Checked {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// Checks `bytes` (a zip) against the limits; `shown` names the file in
/// problems. The first problem found stops the check: past it nothing more
/// of the file is worth reading.
pub fn check(bytes: Vec<u8>, shown: &str) -> Result<Checked, Problem> {
    let file = || Place::File {
        file: shown.to_owned(),
    };
    let mut zip = ZipArchive::new(Cursor::new(bytes.as_slice()))
        .map_err(|_| Problem::new(file(), "файл повреждён или обрезан: архив XLSX не читается"))?;
    if let Some(what) = other_format(&mut zip) {
        return Err(Problem::new(
            file(),
            format!("{what}, а не книга Excel (XLSX); откройте файл и сохраните его как «Книга Excel (*.xlsx)»"),
        ));
    }
    if zip.len() > limits::PARTS {
        return Err(Problem::new(
            file(),
            format!(
                "в архиве XLSX {} частей, больше предела {}: это не книга с таблицами",
                count_shown(zip.len() as u64),
                count_shown(limits::PARTS as u64)
            ),
        ));
    }
    let mut total = 0u64;
    let sheets = sheet_parts(&mut zip, &mut total, shown)?;
    // The structure parts were counted once already; the total is of the
    // scan below, which inflates every part again.
    total = 0;
    let mut notes = BTreeMap::new();
    for index in 0..zip.len() {
        let part = zip.by_index(index).map_err(|e| part_error(&e, shown))?;
        let name = String::from_utf8_lossy(part.name_raw()).into_owned();
        let key = part_key(&name);
        let mut counted = Counted {
            inner: part,
            part: 0,
            total: &mut total,
        };
        let outcome = if is_xml(&key) {
            let sheet = sheets.get(&key).map(String::as_str);
            let context = scan::Context {
                file: shown,
                part: &name,
                sheet,
            };
            scan::part(BufReader::new(&mut counted), &context)
        } else {
            Ok(Scanned::default())
        };
        // Whatever the scan left (or a part it does not read) is inflated
        // to its end, so that its size is counted and its checksum checked.
        let drained = match &outcome {
            Ok(_) => std::io::copy(&mut counted, &mut std::io::sink()).map(|_| ()),
            Err(_) => Ok(()),
        };
        let (part_bytes, over_total) = (counted.part, *counted.total > limits::TOTAL_BYTES);
        if part_bytes > limits::PART_BYTES {
            return Err(Problem::new(
                file(),
                format!(
                    "часть «{name}» архива XLSX распаковывается больше чем в {}: это не таблица, а «zip-бомба» или повреждённый файл",
                    bytes_shown(limits::PART_BYTES)
                ),
            ));
        }
        if over_total {
            return Err(Problem::new(
                file(),
                format!(
                    "архив XLSX распаковывается больше чем в {}: это не таблица, а «zip-бомба» или повреждённый файл",
                    bytes_shown(limits::TOTAL_BYTES)
                ),
            ));
        }
        let scanned = outcome.map_err(|stop| match stop {
            scan::Stop::Problem(p) => p,
            scan::Stop::Io(e) => io_problem(&e, &name, shown),
        })?;
        drained.map_err(|e| io_problem(&e, &name, shown))?;
        if let Some(sheet) = sheets.get(&key) {
            if scanned.notes != scan::Notes::default() {
                notes.insert(sheet.clone(), scanned.notes);
            }
        }
        if let Some(declared) = scanned.declared_strings {
            if declared > limits::SHARED_STRINGS as u64 {
                return Err(Problem::new(
                    file(),
                    format!(
                        "файл повреждён: в таблице общих строк («{name}») объявлено {} строк, больше предела {}",
                        count_shown(declared),
                        count_shown(limits::SHARED_STRINGS as u64)
                    ),
                ));
            }
        }
    }
    drop(zip);
    Ok(Checked(Arc::from(bytes), Arc::new(notes)))
}

/// Reads a part's bytes through the limits: a part larger than the limit
/// stops the read at the limit.
struct Counted<'t, R> {
    inner: R,
    part: u64,
    total: &'t mut u64,
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.part > limits::PART_BYTES || *self.total > limits::TOTAL_BYTES {
            return Err(std::io::Error::other("предел распакованного размера"));
        }
        let n = self.inner.read(buf)?;
        self.part += n as u64;
        *self.total += n as u64;
        Ok(n)
    }
}

/// The key calamine looks a part up by: `/` separators, lower case, no
/// leading `/`.
fn part_key(name: &str) -> String {
    let name = name.replace('\\', "/").to_ascii_lowercase();
    name.strip_prefix('/').unwrap_or(&name).to_owned()
}

/// What a zip that is some other office format is (a table saved by
/// LibreOffice as ODS, a Word document), told by the parts only it has.
fn other_format(zip: &mut ZipArchive<Cursor<&[u8]>>) -> Option<&'static str> {
    let keys: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok().map(|n| part_key(&n)))
        .collect();
    let has = |k: &str| keys.iter().any(|x| x == k);
    let mut mimetype = String::new();
    if has("mimetype") {
        if let Ok(part) = zip.by_name("mimetype") {
            let _ = part.take(128).read_to_string(&mut mimetype);
        }
    }
    if mimetype.starts_with("application/vnd.oasis.opendocument.spreadsheet")
        || (!has("[content_types].xml")
            && has("content.xml")
            && !mimetype.starts_with("application/vnd.oasis.opendocument."))
    {
        return Some("это таблица OpenDocument (ODS, например из LibreOffice Calc)");
    }
    if mimetype.starts_with("application/vnd.oasis.opendocument.") {
        return Some("это документ OpenDocument (например, ODT из LibreOffice Writer)");
    }
    if has("word/document.xml") {
        return Some("это документ Word (DOCX)");
    }
    if has("ppt/presentation.xml") {
        return Some("это презентация PowerPoint (PPTX)");
    }
    None
}

fn is_xml(key: &str) -> bool {
    key.ends_with(".xml") || key.ends_with(".rels")
}

fn part_error(e: &ZipError, shown: &str) -> Problem {
    let message = match e {
        ZipError::UnsupportedArchive(what) if what.contains("ncrypt") || what.contains("assword") => {
            "книга защищена паролем; снимите защиту и сохраните её как «Книга Excel (*.xlsx)»"
                .to_owned()
        }
        ZipError::UnsupportedArchive(_) => {
            "файл сжат способом, которого нет в книгах Excel; сохраните его как «Книга Excel (*.xlsx)»"
                .to_owned()
        }
        _ => "файл повреждён или обрезан: архив XLSX не читается".to_owned(),
    };
    Problem::new(
        Place::File {
            file: shown.to_owned(),
        },
        message,
    )
}

fn io_problem(e: &std::io::Error, part: &str, shown: &str) -> Problem {
    Problem::new(
        Place::File {
            file: shown.to_owned(),
        },
        match crate::diag::os_text(e) {
            // A limit of the reader says itself; a broken stream is damage.
            why if why != "ошибка ввода-вывода" && e.raw_os_error().is_none() => {
                format!("файл повреждён: часть «{part}» архива XLSX не распаковывается ({why})")
            }
            _ => format!("файл повреждён: часть «{part}» архива XLSX не распаковывается"),
        },
    )
}

/// Sheet name by the key of its part, read the way calamine reads it:
/// `_rels/.rels` names the workbook, the workbook's relationships give
/// each sheet's part. Used only to name sheets in problems; a workbook
/// whose structure cannot be read here gets an empty map (its parts are
/// then named by path), and calamine reports the structure itself.
fn sheet_parts(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    total: &mut u64,
    shown: &str,
) -> Result<BTreeMap<String, String>, Problem> {
    let keys: BTreeMap<String, usize> = zip
        .file_names()
        .enumerate()
        .filter_map(|(i, n)| n.ok().map(|n| (part_key(&n), i)))
        .collect();
    let mut read = |key: &str| -> Result<Option<Vec<Attrs>>, Problem> {
        let Some(&index) = keys.get(key) else {
            return Ok(None);
        };
        let part = zip.by_index(index).map_err(|e| part_error(&e, shown))?;
        let mut counted = Counted {
            inner: part,
            part: 0,
            total,
        };
        let elements = elements(BufReader::new(&mut counted));
        if counted.part > limits::PART_BYTES || *counted.total > limits::TOTAL_BYTES {
            return Err(Problem::new(
                Place::File {
                    file: shown.to_owned(),
                },
                format!(
                    "часть «{key}» архива XLSX распаковывается больше чем в {}: это не таблица, а «zip-бомба» или повреждённый файл",
                    bytes_shown(limits::PART_BYTES)
                ),
            ));
        }
        Ok(elements)
    };
    let mut sheets = BTreeMap::new();
    let Some(package) = read("_rels/.rels")? else {
        return Ok(sheets);
    };
    let target = package
        .iter()
        .filter(|a| a.name == "Relationship")
        .find(|a| {
            a.get("Type")
                .is_some_and(|t| t.ends_with("/relationships/officeDocument"))
        })
        .and_then(|a| a.get("Target"))
        .unwrap_or("xl/workbook.xml")
        .to_owned();
    let (dir, name) = match target.rfind('/') {
        Some(i) => target.split_at(i + 1),
        None => ("", target.as_str()),
    };
    let dir = dir.strip_prefix('/').unwrap_or(dir);
    let Some(rels) = read(&part_key(&format!("{dir}_rels/{name}.rels")))? else {
        return Ok(sheets);
    };
    let targets: BTreeMap<&str, &str> = rels
        .iter()
        .filter(|a| a.name == "Relationship")
        .filter_map(|a| Some((a.get("Id")?, a.get("Target")?)))
        .collect();
    let Some(workbook) = read(&part_key(&format!("{dir}{name}")))? else {
        return Ok(sheets);
    };
    for sheet in workbook.iter().filter(|a| a.name == "sheet") {
        let (Some(sheet_name), Some(id)) = (sheet.get("name"), sheet.get("id")) else {
            continue;
        };
        let Some(target) = targets.get(id) else {
            continue;
        };
        let path = match target.strip_prefix('/') {
            Some(absolute) => absolute.to_owned(),
            None => format!("{dir}{target}"),
        };
        sheets.insert(part_key(&path), sheet_name.to_owned());
    }
    Ok(sheets)
}

/// One element of a structure part: its local name and attributes (by
/// local name, values unescaped).
struct Attrs {
    name: String,
    values: Vec<(String, String)>,
}

impl Attrs {
    fn get(&self, key: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// The elements of a small structure part; `None` when it is not XML
/// (calamine then reports it). At most [`limits::PARTS`] elements are kept
/// of each kind that matters, so a huge relationships part costs no memory.
fn elements(reader: impl std::io::BufRead) -> Option<Vec<Attrs>> {
    let mut xml = quick_xml::Reader::from_reader(reader);
    let config = xml.config_mut();
    config.check_end_names = false;
    config.check_comments = false;
    config.expand_empty_elements = true;
    let mut buf = Vec::new();
    let mut out = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => {
                let name = e.local_name().as_ref().to_owned();
                if !matches!(name.as_str(), "Relationship" | "sheet") || out.len() >= limits::PARTS
                {
                    continue;
                }
                let values = e
                    .attributes()
                    .filter_map(Result::ok)
                    .filter_map(|a| {
                        let key = a.key.local_name().as_ref().to_owned();
                        let value = a
                            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .ok()?
                            .into_owned();
                        Some((key, value))
                    })
                    .collect();
                out.push(Attrs { name, values });
            }
            Ok(Event::Eof) => return Some(out),
            Err(_) => return None,
            Ok(_) => {}
        }
    }
}
