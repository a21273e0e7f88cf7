//! Reading the XLSX tables: header row detection, forgiving header matching,
//! dates, yes/no values, with `file › sheet › cell` on every problem.
//!
//! - [`limits`]: the bounds a file is read within;
//! - [`archive`] and [`scan`]: the zip and its XML checked against them,
//!   as a stream, before calamine reads it;
//! - [`workbook`]: opening a file, finding a sheet;
//! - [`grid`]: the filled cells of a sheet, read as a stream;
//! - [`sheet`]: the header row below title rows, rows by column id;
//! - [`cell`]: one value (text, date, yes/no, number);
//! - [`categories`]: participant categories as typed;
//! - [`hidden`]: hidden sheets, rows and columns, read and said;
//! - one module per table: [`people`] (mentors, mentees), [`pairs`],
//!   [`roadmap`], [`survey`].
//!
//! Every problem of every table is collected; nothing stops at the first.

pub mod archive;
pub mod categories;
pub mod cell;
pub mod grid;
pub mod header;
pub mod hidden;
pub mod limits;
pub mod pairs;
pub mod people;
pub mod roadmap;
pub mod scan;
pub mod sheet;
pub mod survey;
pub mod workbook;

use crate::diag::Problem;
use crate::model::{InputFile, Mentee, Mentor, Pair, RoadmapEvent, Survey, TableLayout};
use archive::Checked;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sheet::{Column, Sheet};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;
use workbook::Workbook;

/// Where one table lives: a file relative to programme.json and a sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Input {
    pub file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// Headers as typed read as a column of the table (header → column
    /// id): `{"Доп. сведения": "position"}`. The schema allows each table's
    /// own ids only.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub columns: BTreeMap<String, String>,
}

/// `/inputs` of programme.json.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inputs {
    pub mentors: Input,
    pub mentees: Input,
    pub pairs: Input,
    pub roadmap: Input,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub survey: Option<Input>,
}

/// Default sheet names of the contract.
pub const MENTORS_SHEET: &str = "Наставники";
pub const MENTEES_SHEET: &str = "Наставляемые";
pub const PAIRS_SHEET: &str = "Пары";
pub const ROADMAP_SHEET: &str = "Дорожная карта";
pub const SURVEY_SHEET: &str = "Анкеты";

/// Absolute 0-based columns of the cells cross-checks point at.
#[derive(Debug, Clone, Default)]
pub struct Columns {
    pub mentor_name: Option<u32>,
    pub mentee_name: Option<u32>,
    pub pair_mentor: Option<u32>,
    pub pair_mentee: Option<u32>,
    pub pair_end: Option<u32>,
    pub survey_respondent: Option<u32>,
    pub survey_role: Option<u32>,
}

/// Every table as read (rows that could not be read are left out; their
/// problems are in the list returned alongside).
#[derive(Debug, Clone, Default)]
pub struct Tables {
    pub mentors: Vec<Mentor>,
    pub mentees: Vec<Mentee>,
    pub pairs: Vec<Pair>,
    pub roadmap: Vec<RoadmapEvent>,
    pub survey: Survey,
    pub columns: Columns,
    /// Where each table's columns are, in the order of the tables.
    pub layouts: Vec<TableLayout>,
    /// The workbooks read, with their hashes, in the order first named.
    pub files: Vec<crate::model::InputFile>,
    /// What is not read and is no error: columns no header of which is
    /// known, repeated or without a header, mapped headers not found; each
    /// at its header cell (`validate`, `check` and `generate` print them).
    pub notices: Vec<Problem>,
}

/// The workbooks' bytes by file name, read and checked once; a file that
/// cannot be read or opened is reported once, however many tables it holds.
struct Books {
    bytes: BTreeMap<String, Option<Checked>>,
    /// The workbook opened to see that the file opens at all, kept for
    /// the first table that reads the file: one open fewer a file
    /// (calamine parses the shared strings and styles at each open).
    opened: BTreeMap<String, Mutex<Option<Workbook>>>,
    /// Each workbook read, hashed, in the order first named.
    files: Vec<InputFile>,
}

impl Books {
    fn read(base: &Path, inputs: &Inputs, problems: &mut Vec<Problem>) -> Books {
        let mut files: Vec<&str> = Vec::new();
        for input in [
            &inputs.mentors,
            &inputs.mentees,
            &inputs.pairs,
            &inputs.roadmap,
        ]
        .into_iter()
        .chain(inputs.survey.as_ref())
        {
            if !files.contains(&input.file.as_str()) {
                files.push(&input.file);
            }
        }
        // Files are read and checked in parallel (the check is a pass over
        // every part); their problems are reported in the order above.
        let books: Vec<Result<(Checked, InputFile, Workbook), Problem>> = files
            .par_iter()
            .map(|file| {
                Workbook::read(&base.join(file), file)
                    .and_then(|b| {
                        let hash = InputFile::of(file, &b);
                        Workbook::check(b, file).map(|c| (c, hash))
                    })
                    .and_then(|(b, hash)| {
                        Workbook::from_checked(b.clone(), file).map(|w| (b, hash, w))
                    })
            })
            .collect();
        let mut bytes = BTreeMap::new();
        let mut opened = BTreeMap::new();
        let mut hashed = Vec::new();
        for (file, book) in files.into_iter().zip(books) {
            let book = match book {
                Ok((b, hash, workbook)) => {
                    hashed.push(hash);
                    opened.insert(file.to_owned(), Mutex::new(Some(workbook)));
                    Some(b)
                }
                Err(p) => {
                    problems.push(p);
                    None
                }
            };
            bytes.insert(file.to_owned(), book);
        }
        Books {
            bytes,
            opened,
            files: hashed,
        }
    }

    /// A workbook of its own for one table, so that tables are read in
    /// parallel (calamine reads a sheet through `&mut`); the file opened
    /// once already, so this does not fail.
    fn open(&self, file: &str) -> Option<Workbook> {
        let kept = self.opened.get(file).and_then(|slot| {
            slot.lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .take()
        });
        if kept.is_some() {
            return kept;
        }
        let bytes = self.bytes.get(file)?.as_ref()?;
        Workbook::from_checked(bytes.clone(), file).ok()
    }
}

/// One table as read: the rows and layout (when its sheet and header were
/// found), its problems, and its notices (what is not read, [`Tables::notices`]).
type Read<T> = (Option<(T, TableLayout)>, Vec<Problem>, Vec<Problem>);

/// One table of `/inputs`: its name there (`mentors`), its default sheet,
/// its columns, and which other headers it reads itself (the survey's questions).
struct Spec<'a> {
    name: &'a str,
    default_sheet: &'a str,
    columns: &'a [Column],
    reads_itself: fn(&str) -> bool,
}

/// Headers of row numbers («№», «№ п/п»): nothing to read, nothing to say.
const ROW_NUMBERS: &[&str] = &["", "пп", "n", "no", "номер", "нпп", "номерпп"];

fn reads_nothing(_: &str) -> bool {
    false
}

/// Reads one table with `read`, after finding its sheet and header row.
/// When no sheet name is given and the default one is missing, a workbook
/// with a single sheet is read from that sheet. Returns the table, its
/// problems and its notices.
fn table<T>(
    books: &Books,
    input: &Input,
    spec: &Spec,
    read: impl FnOnce(&Sheet, &mut Vec<Problem>) -> T,
) -> Read<T> {
    let (rows, problems) = table_problems(books, input, spec, read);
    match rows {
        Some((rows, layout, notices)) => (Some((rows, layout)), problems, notices),
        None => (None, problems, Vec::new()),
    }
}

type Found<T> = Option<(T, TableLayout, Vec<Problem>)>;

fn table_problems<T>(
    books: &Books,
    input: &Input,
    spec: &Spec,
    read: impl FnOnce(&Sheet, &mut Vec<Problem>) -> T,
) -> (Found<T>, Vec<Problem>) {
    let default_sheet = spec.default_sheet;
    let mut problems = Vec::new();
    let Some(mut book) = books.open(&input.file) else {
        return (None, problems);
    };
    let wanted = input.sheet.as_deref().unwrap_or(default_sheet);
    let found = match book.sheet(wanted) {
        Ok(found) => found,
        Err(p) => {
            let names = book.sheet_names();
            match (&input.sheet, names.as_slice()) {
                (None, [only]) => match book.sheet(&only.clone()) {
                    Ok(found) => found,
                    Err(p) => {
                        problems.push(p);
                        return (None, problems);
                    }
                },
                _ => {
                    problems.push(p);
                    return (None, problems);
                }
            }
        }
    };
    let (name, mut grid) = found;
    problems.append(&mut grid.problems);
    match Sheet::find_mapped(&input.file, &name, &grid, spec.columns, &input.columns) {
        Ok(sheet) => {
            let rows = read(&sheet, &mut problems);
            let mut notices = notices(&sheet, input, spec);
            notices.extend(hidden::notices(&sheet, spec.name));
            (Some((rows, sheet.layout(), notices)), problems)
        }
        Err(mut ps) => {
            problems.append(&mut ps);
            (None, problems)
        }
    }
}

/// What a table leaves unread, each at its header cell: a header no column
/// takes (with the closest known title), a column read twice, values
/// under no header; and a header `inputs.NAME.columns` maps that the sheet
/// does not have.
fn notices(sheet: &Sheet, input: &Input, spec: &Spec) -> Vec<Problem> {
    let mut out = Vec::new();
    let mapping = format!("inputs.{}.columns", spec.name);
    for (j, typed, why) in &sheet.unread {
        let k = crate::text::key(typed);
        if ROW_NUMBERS.contains(&k.as_str())
            || (*why == header::Unread::Unknown && (spec.reads_itself)(typed))
        {
            continue;
        }
        let letter = sheet.letter(*j);
        let shown = crate::schema::shown(&serde_json::Value::String(typed.clone()));
        let shown = shown.strip_prefix('«').unwrap_or(&shown);
        let typed = shown.strip_suffix('»').unwrap_or(shown);
        let message = match why {
            header::Unread::Repeated { id, at } => {
                let title = spec
                    .columns
                    .iter()
                    .find(|c| c.id == *id)
                    .map_or(*id, |c| c.title);
                format!(
                    "столбец {letter} «{typed}» не читается: столбец «{title}» уже прочитан из столбца {} «{}»",
                    sheet.letter(*at),
                    sheet.header_of(id).unwrap_or_default()
                )
            }
            header::Unread::Unknown => match header::nearest(spec.columns, typed) {
                Some((column, name)) => format!(
                    "столбец {letter} «{typed}» не читается: заголовок не узнан; ближе всего «{name}». Переименуйте столбец или сопоставьте его полю в programme.json: {mapping}: {{{}: \"{}\"}}",
                    serde_json::Value::String(typed.to_owned()),
                    column.id
                ),
                None => format!(
                    "столбец {letter} «{typed}» не читается: заголовок не узнан. Если в нём нужные данные, сопоставьте его полю в programme.json ({mapping})"
                ),
            },
        };
        out.push(Problem::new(sheet.header_place(*j), message));
    }
    for j in &sheet.headerless {
        out.push(Problem::new(
            sheet.header_place(*j),
            format!(
                "в столбце {} есть значения, но нет заголовка: они не читаются",
                sheet.letter(*j)
            ),
        ));
    }
    for (typed, id) in &input.columns {
        if !sheet.has_header(typed) {
            out.push(Problem::new(
                crate::diag::Place::Sheet {
                    file: sheet.file.clone(),
                    sheet: sheet.sheet.clone(),
                },
                format!(
                    "в programme.json ({mapping}) столбцу «{id}» сопоставлен заголовок «{typed}», но в строке заголовков листа его нет"
                ),
            ));
        }
    }
    out
}

/// Reads every table of `inputs`, paths relative to `base`, collecting all problems.
pub fn read_all(base: &Path, inputs: &Inputs) -> (Tables, Vec<Problem>) {
    let mut problems = Vec::new();
    let books = Books::read(base, inputs, &mut problems);
    let b = &books;
    // The tables are read in parallel; their problems are appended in a
    // fixed order (mentors, mentees, pairs, roadmap, survey).
    let ((mentors, mentees), (pairs, (roadmap, survey))) = rayon::join(
        || {
            rayon::join(
                || {
                    table(
                        b,
                        &inputs.mentors,
                        &Spec {
                            name: "mentors",
                            default_sheet: MENTORS_SHEET,
                            columns: &people::mentor_columns::ALL,
                            reads_itself: reads_nothing,
                        },
                        |s, p| (people::mentors(s, p), s.column_index("name")),
                    )
                },
                || {
                    table(
                        b,
                        &inputs.mentees,
                        &Spec {
                            name: "mentees",
                            default_sheet: MENTEES_SHEET,
                            columns: &people::mentee_columns::ALL,
                            reads_itself: reads_nothing,
                        },
                        |s, p| (people::mentees(s, p), s.column_index("name")),
                    )
                },
            )
        },
        || {
            rayon::join(
                || {
                    let spec = Spec {
                        name: "pairs",
                        default_sheet: PAIRS_SHEET,
                        columns: &pairs::ALL,
                        reads_itself: reads_nothing,
                    };
                    table(b, &inputs.pairs, &spec, |s, p| {
                        (
                            pairs::read(s, p),
                            [
                                s.column_index("mentor"),
                                s.column_index("mentee"),
                                s.column_index("end"),
                            ],
                        )
                    })
                },
                || {
                    rayon::join(
                        || {
                            table(
                                b,
                                &inputs.roadmap,
                                &Spec {
                                    name: "roadmap",
                                    default_sheet: ROADMAP_SHEET,
                                    columns: &roadmap::ALL,
                                    reads_itself: reads_nothing,
                                },
                                roadmap::read,
                            )
                        },
                        || {
                            inputs.survey.as_ref().map(|input| {
                                let spec = Spec {
                                    name: "survey",
                                    default_sheet: SURVEY_SHEET,
                                    columns: &survey::ALL,
                                    reads_itself: survey::is_question,
                                };
                                table(b, input, &spec, |s, p| {
                                    (
                                        survey::read(s, p),
                                        [s.column_index("respondent"), s.column_index("role")],
                                    )
                                })
                            })
                        },
                    )
                },
            )
        },
    );
    let mut t = Tables {
        files: books.files.clone(),
        ..Tables::default()
    };
    let (rows, mut p, mut n) = mentors;
    problems.append(&mut p);
    t.notices.append(&mut n);
    if let Some(((rows, col), layout)) = rows {
        t.mentors = rows;
        t.columns.mentor_name = col;
        t.layouts.push(layout);
    }
    let (rows, mut p, mut n) = mentees;
    problems.append(&mut p);
    t.notices.append(&mut n);
    if let Some(((rows, col), layout)) = rows {
        t.mentees = rows;
        t.columns.mentee_name = col;
        t.layouts.push(layout);
    }
    let (rows, mut p, mut n) = pairs;
    problems.append(&mut p);
    t.notices.append(&mut n);
    if let Some(((rows, cols), layout)) = rows {
        t.pairs = rows;
        t.layouts.push(layout);
        [
            t.columns.pair_mentor,
            t.columns.pair_mentee,
            t.columns.pair_end,
        ] = cols;
    }
    let (rows, mut p, mut n) = roadmap;
    problems.append(&mut p);
    t.notices.append(&mut n);
    if let Some((rows, layout)) = rows {
        t.roadmap = rows;
        t.layouts.push(layout);
    }
    if let Some((rows, mut p, mut n)) = survey {
        problems.append(&mut p);
        t.notices.append(&mut n);
        if let Some(((s, cols), layout)) = rows {
            t.survey = s;
            t.layouts.push(layout);
            [t.columns.survey_respondent, t.columns.survey_role] = cols;
        }
    }
    (t, problems)
}
