//! Reading the XLSX tables: header row detection, forgiving header matching,
//! dates, yes/no values, with `file › sheet › cell` on every problem.
//!
//! - [`workbook`]: opening a file, finding a sheet;
//! - [`sheet`]: the header row below title rows, rows by column id;
//! - [`cell`]: one value (text, date, yes/no, number);
//! - [`categories`]: participant categories as typed;
//! - one module per table: [`people`] (mentors, mentees), [`pairs`],
//!   [`roadmap`], [`survey`].
//!
//! Every problem of every table is collected; nothing stops at the first.

pub mod categories;
pub mod cell;
pub mod pairs;
pub mod people;
pub mod roadmap;
pub mod sheet;
pub mod survey;
pub mod workbook;

use crate::diag::Problem;
use crate::model::{Mentee, Mentor, Pair, RoadmapEvent, Survey};
use serde::{Deserialize, Serialize};
use sheet::{Column, Sheet};
use std::collections::BTreeMap;
use std::path::Path;
use workbook::Workbook;

/// Where one table lives: a file relative to programme.json and a sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Input {
    pub file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
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
}

/// Opened workbooks by file name; a file that failed to open is reported once.
struct Books<'a> {
    base: &'a Path,
    open: BTreeMap<String, Option<Workbook>>,
}

impl Books<'_> {
    fn get(&mut self, file: &str, problems: &mut Vec<Problem>) -> Option<&mut Workbook> {
        if !self.open.contains_key(file) {
            let book = match Workbook::open(&self.base.join(file), file) {
                Ok(b) => Some(b),
                Err(p) => {
                    problems.push(p);
                    None
                }
            };
            self.open.insert(file.to_owned(), book);
        }
        self.open.get_mut(file).and_then(Option::as_mut)
    }
}

/// Reads one table with `read`, after finding its sheet and header row.
/// When no sheet name is given and the default one is missing, a workbook
/// with a single sheet is read from that sheet.
fn table<T>(
    books: &mut Books,
    input: &Input,
    default_sheet: &str,
    columns: &[Column],
    problems: &mut Vec<Problem>,
    read: impl FnOnce(&Sheet, &mut Vec<Problem>) -> T,
) -> Option<T> {
    let book = books.get(&input.file, problems)?;
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
                        return None;
                    }
                },
                _ => {
                    problems.push(p);
                    return None;
                }
            }
        }
    };
    let (name, range) = found;
    match Sheet::find(&input.file, &name, &range, columns) {
        Ok(sheet) => Some(read(&sheet, problems)),
        Err(mut ps) => {
            problems.append(&mut ps);
            None
        }
    }
}

/// Reads every table of `inputs`, paths relative to `base`, collecting all problems.
pub fn read_all(base: &Path, inputs: &Inputs) -> (Tables, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut books = Books {
        base,
        open: BTreeMap::new(),
    };
    let mut t = Tables::default();
    let p = &mut problems;
    if let Some((rows, col)) = table(
        &mut books,
        &inputs.mentors,
        MENTORS_SHEET,
        &people::mentor_columns::ALL,
        p,
        |s, p| (people::mentors(s, p), s.column_index("name")),
    ) {
        t.mentors = rows;
        t.columns.mentor_name = col;
    }
    if let Some((rows, col)) = table(
        &mut books,
        &inputs.mentees,
        MENTEES_SHEET,
        &people::mentee_columns::ALL,
        p,
        |s, p| (people::mentees(s, p), s.column_index("name")),
    ) {
        t.mentees = rows;
        t.columns.mentee_name = col;
    }
    if let Some((rows, cols)) = table(
        &mut books,
        &inputs.pairs,
        PAIRS_SHEET,
        &pairs::ALL,
        p,
        |s, p| {
            (
                pairs::read(s, p),
                [
                    s.column_index("mentor"),
                    s.column_index("mentee"),
                    s.column_index("end"),
                ],
            )
        },
    ) {
        t.pairs = rows;
        [
            t.columns.pair_mentor,
            t.columns.pair_mentee,
            t.columns.pair_end,
        ] = cols;
    }
    if let Some(rows) = table(
        &mut books,
        &inputs.roadmap,
        ROADMAP_SHEET,
        &roadmap::ALL,
        p,
        roadmap::read,
    ) {
        t.roadmap = rows;
    }
    if let Some(input) = &inputs.survey {
        if let Some(s) = table(
            &mut books,
            input,
            SURVEY_SHEET,
            &survey::ALL,
            p,
            survey::read,
        ) {
            t.survey = s;
        }
    }
    (t, problems)
}
