//! Blank forms of the tables (`nastavnik init --blank`, the page's
//! «Таблицы»): the workbooks a school fills by hand, made from the very
//! column declarations the reader matches headers against
//! (`ingest::{people, pairs, roadmap, survey}::ALL`: title, required,
//! [`Cells`], hint). Nothing here lists a column of its own, so a column
//! the reader gains is in the forms at once.
//!
//! Each data sheet has a title row, the header row (the columns' titles,
//! frozen), widths by what a column holds, and on every column a data
//! validation over [`ROWS`] rows: a dropdown for categories, forms of the
//! programme (of the organisation's kind for a new one), да/нет and roles;
//! whole numbers for stages (1–7), monitoring stages (1–2) and scores
//! (1–10); dates; and on every column an input message with its hint. A
//! sheet «Инструкция» explains each column. Bytes are the same on every
//! run.

use crate::diag::{Error, Result};
use crate::ingest::sheet::{Cells, Column};
use crate::ingest::{
    pairs, people, roadmap, survey, Input, Inputs, MENTEES_SHEET, MENTORS_SHEET, PAIRS_SHEET,
    ROADMAP_SHEET, SURVEY_SHEET,
};
use crate::model::{Form, MenteeCategory, MentorCategory, Model, OrgKind};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, ExcelDateTime,
    Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

/// Data rows below the header each column's validation covers.
pub const ROWS: u32 = 5_000;
/// The instructions' sheet.
pub const INSTRUCTIONS_SHEET: &str = "Инструкция";
/// Row (0-based) of the header in every data sheet; a title row above it.
const HEADER_ROW: u32 = 1;

/// What the blank forms are made for.
#[derive(Debug, Clone)]
pub struct Blank {
    /// The organisation's short name for the title rows; empty: none.
    pub organisation: String,
    pub academic_year: Option<String>,
    pub kind: OrgKind,
    /// The forms the «Форма» dropdown offers (the programme's).
    pub forms: Vec<Form>,
    /// The survey's questions, one column each.
    pub questions: Vec<String>,
    /// Where each table goes: files and sheet names.
    pub inputs: Inputs,
}

impl Blank {
    /// The forms of a programme: its forms, questions, names of files and
    /// sheets (`inputs`).
    pub fn of_model(m: &Model, inputs: Inputs) -> Blank {
        let questions = if m.survey.questions.is_empty() {
            crate::example::model().survey.questions
        } else {
            m.survey.questions.clone()
        };
        Blank {
            organisation: m.organisation.short_name.clone(),
            academic_year: m.programme.academic_year.clone(),
            kind: m.organisation.kind,
            forms: m.programme.forms.clone(),
            questions,
            inputs,
        }
    }

    /// The forms for a new organisation of `kind`: the forms and questions
    /// of that kind's example, the example's files, no name.
    pub fn of_kind(kind: OrgKind) -> Blank {
        let m = crate::example::model_of(kind);
        Blank {
            organisation: String::new(),
            academic_year: None,
            ..Blank::of_model(&m, crate::example::inputs())
        }
    }

    /// The mentors' and mentees' categories the programme's forms take
    /// (`form_categories` of the base parameters), in the enums' order;
    /// every category when the forms name none.
    pub fn categories(&self) -> (Vec<String>, Vec<String>) {
        let table = crate::rules::params::load(None, None)
            .and_then(|p| p.in_force(None))
            .map(|p| p.values["form_categories"].clone())
            .unwrap_or_default();
        let wanted = |role: &str, name: &str| {
            self.forms.iter().any(|f| {
                table[f.name()][role]
                    .as_array()
                    .is_some_and(|a| a.iter().any(|c| c.as_str() == Some(name)))
            })
        };
        let pick = |role: &str, all: Vec<String>| {
            let some: Vec<String> = all.iter().filter(|c| wanted(role, c)).cloned().collect();
            if some.is_empty() {
                all
            } else {
                some
            }
        };
        let mentors = [
            MentorCategory::Educator,
            MentorCategory::Pupil,
            MentorCategory::Student,
            MentorCategory::Employer,
        ]
        .iter()
        .map(serde_name)
        .collect();
        let mentees = [
            MenteeCategory::Pupil,
            MenteeCategory::Educator,
            MenteeCategory::Student,
        ]
        .iter()
        .map(serde_name)
        .collect();
        (pick("mentor", mentors), pick("mentee", mentees))
    }
}

fn serde_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// One table of a form: where it goes, what it is, its columns.
struct Table<'a> {
    input: &'a Input,
    sheet: String,
    title: &'static str,
    columns: Vec<&'static Column>,
    /// The survey's question columns after `columns`.
    questions: &'a [String],
}

/// A participants' table's columns for `kind`: the group, course,
/// specialty and profession in their own columns for a college only (a
/// school's and a centre's learners have a class or an association).
fn participants(all: &'static [Column], kind: OrgKind) -> Vec<&'static Column> {
    all.iter()
        .filter(|c| kind == OrgKind::College || !people::study_columns::IDS.contains(&c.id))
        .collect()
}

fn tables(b: &Blank) -> Vec<Table<'_>> {
    let sheet = |input: &Input, default: &str| input.sheet.clone().unwrap_or(default.to_owned());
    let i = &b.inputs;
    let mut out = vec![
        Table {
            input: &i.mentors,
            sheet: sheet(&i.mentors, MENTORS_SHEET),
            title: "Список наставников",
            columns: participants(&people::mentor_columns::ALL, b.kind),
            questions: &[],
        },
        Table {
            input: &i.mentees,
            sheet: sheet(&i.mentees, MENTEES_SHEET),
            title: "Список наставляемых",
            columns: participants(&people::mentee_columns::ALL, b.kind),
            questions: &[],
        },
        Table {
            input: &i.pairs,
            sheet: sheet(&i.pairs, PAIRS_SHEET),
            title: "Наставнические пары и группы",
            columns: pairs::ALL.iter().collect(),
            questions: &[],
        },
        Table {
            input: &i.roadmap,
            sheet: sheet(&i.roadmap, ROADMAP_SHEET),
            title: "Дорожная карта реализации программы наставничества",
            columns: roadmap::ALL.iter().collect(),
            questions: &[],
        },
    ];
    if let Some(s) = &i.survey {
        out.push(Table {
            input: s,
            sheet: sheet(s, SURVEY_SHEET),
            title:
                "Результаты анкетирования участников программы наставничества (оценки от 1 до 10)",
            columns: survey::ALL.iter().collect(),
            questions: &b.questions,
        });
    }
    out
}

/// The blank workbooks as (path relative to programme.json, bytes), one
/// per file `inputs` names, its tables' sheets in the order mentors,
/// mentees, pairs, roadmap, survey, after «Инструкция».
pub fn workbooks(b: &Blank) -> Result<Vec<(String, Vec<u8>)>> {
    let all = tables(b);
    let mut files: Vec<&str> = Vec::new();
    for t in &all {
        if !files.contains(&t.input.file.as_str()) {
            files.push(&t.input.file);
        }
    }
    let (mentor_categories, mentee_categories) = b.categories();
    let lists = Lists {
        mentor_categories,
        mentee_categories,
        forms: b.forms.iter().map(|f| f.name().to_owned()).collect(),
    };
    files
        .into_iter()
        .map(|file| {
            let mine: Vec<&Table> = all.iter().filter(|t| t.input.file == file).collect();
            workbook(b, &mine, &lists)
                .map(|bytes| (file.to_owned(), bytes))
                .map_err(|e| Error::internal(format!("пустая форма {file} не записывается: {e}")))
        })
        .collect()
}

/// The dropdowns' values.
struct Lists {
    mentor_categories: Vec<String>,
    mentee_categories: Vec<String>,
    forms: Vec<String>,
}

impl Lists {
    /// The values a column's dropdown offers; `None`: no dropdown.
    fn of(&self, cells: Cells) -> Option<Vec<String>> {
        let strs = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect();
        match cells {
            Cells::YesNo => Some(strs(&["да", "нет"])),
            Cells::Role => Some(strs(&["наставник", "наставляемый"])),
            Cells::MentorCategory => Some(self.mentor_categories.clone()),
            Cells::MenteeCategory => Some(self.mentee_categories.clone()),
            Cells::Form if !self.forms.is_empty() => Some(self.forms.clone()),
            _ => None,
        }
    }
}

fn width(c: &Column) -> f64 {
    let base: f64 = match c.cells {
        Cells::Text if c.id == "name" || c.id == "mentor" || c.id == "mentee" => 34.0,
        Cells::Text if c.id == "title" => 50.0,
        Cells::Text => 26.0,
        Cells::Number | Cells::Stage | Cells::Phase | Cells::Course => 10.0,
        Cells::Date | Cells::YesNo => 14.0,
        Cells::MentorCategory | Cells::MenteeCategory | Cells::Role => 16.0,
        Cells::Form => 26.0,
        Cells::Reference | Cells::Deadline => 20.0,
    };
    // Headers wrap: a long one needs about half its length.
    base.max(c.title.chars().count() as f64 * 0.6 + 2.0)
}

/// The first `max` UTF-16 units of `text` (Excel's limits on a
/// validation's title and message), cut at a character.
fn cut(text: &str, max: usize) -> String {
    let mut n = 0;
    text.chars()
        .take_while(|c| {
            n += c.len_utf16();
            n <= max
        })
        .collect()
}

/// The validation of a column: its rule, its input message; `cells`
/// `None`: a survey question, scored 1 to 10.
fn validation(
    title: &str,
    hint: &str,
    required: bool,
    cells: Option<Cells>,
    lists: &Lists,
) -> std::result::Result<DataValidation, XlsxError> {
    let message = if required {
        format!("{hint} Обязательный столбец.")
    } else {
        hint.to_owned()
    };
    let v = DataValidation::new()
        .set_input_title(cut(title, 32))?
        .set_input_message(cut(&message, 255))?;
    let whole = |v: DataValidation, from: i32, to: i32, what: &str| {
        v.allow_whole_number(DataValidationRule::Between(from, to))
            .set_error_title("Недопустимое значение")
            .and_then(|v| v.set_error_message(format!("{what}: целое число от {from} до {to}.")))
    };
    let Some(cells) = cells else {
        return whole(v, 1, 10, "Оценка");
    };
    Ok(match cells {
        Cells::Stage => whole(
            v,
            i32::from(*crate::model::STAGE_NUMBERS.start()),
            i32::from(*crate::model::STAGE_NUMBERS.end()),
            "Этап программы",
        )?,
        Cells::Phase => whole(v, 1, 2, "Этап мониторинга")?,
        Cells::Course => whole(
            v,
            i32::from(*people::COURSES.start()),
            i32::from(*people::COURSES.end()),
            "Курс",
        )?,
        Cells::Number => v
            .allow_decimal_number(DataValidationRule::Between(0.0, 80.0))
            .set_error_title("Недопустимое значение")?
            .set_error_message("Стаж — число лет от 0 до 80.")?,
        Cells::Date => v
            .allow_date(DataValidationRule::Between(
                ExcelDateTime::from_ymd(1900, 1, 2)?,
                ExcelDateTime::from_ymd(2100, 12, 31)?,
            ))
            .set_error_style(DataValidationErrorStyle::Warning)
            .set_error_title("Это не дата")?
            .set_error_message(
                "Введите дату: ДД.ММ.ГГГГ. Текст «01.09.2025» тоже читается, если оставить его.",
            )?,
        _ => match lists.of(cells) {
            Some(values) => v
                .allow_list_strings(&values)?
                .set_error_style(DataValidationErrorStyle::Warning)
                .set_error_title("Значение не из списка")?
                .set_error_message(cut(
                    &format!(
                        "Выберите из списка: {}. Другое значение может быть не прочитано.",
                        values.join(", ")
                    ),
                    255,
                ))?,
            None => v.allow_any_value(),
        },
    })
}

fn col(j: usize) -> u16 {
    u16::try_from(j).unwrap_or(u16::MAX)
}

fn workbook(
    b: &Blank,
    tables: &[&Table],
    lists: &Lists,
) -> std::result::Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2025, 9, 1)?.and_hms(9, 0, 0)?;
    book.set_properties(
        &DocProperties::new()
            .set_author("nastavnik")
            .set_title("Пустая форма nastavnik")
            .set_creation_datetime(&created),
    );
    instructions(book.add_worksheet(), b, tables, lists)?;
    let title = Format::new()
        .set_bold()
        .set_font_size(13)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color("#DDEBF7");
    let required = header.clone().set_background_color("#FCE4D6");
    let date = Format::new().set_num_format("dd.mm.yyyy");
    let text = Format::new().set_num_format("@");
    let last_row = HEADER_ROW + ROWS;
    for t in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(&t.sheet)?;
        let n = t.columns.len() + t.questions.len();
        let heading = match (b.organisation.is_empty(), &b.academic_year) {
            (true, _) => t.title.to_owned(),
            (false, Some(y)) => format!("{}\n{}, {y}", t.title, b.organisation),
            (false, None) => format!("{}\n{}", t.title, b.organisation),
        };
        if n > 1 {
            sheet.merge_range(0, 0, 0, col(n - 1), &heading, &title)?;
        } else {
            sheet.write_string_with_format(0, 0, &heading, &title)?;
        }
        sheet.set_row_height(0, 36)?;
        sheet.set_row_height(HEADER_ROW, 45)?;
        for (j, c) in t.columns.iter().enumerate() {
            let format = if c.required { &required } else { &header };
            sheet.write_string_with_format(HEADER_ROW, col(j), c.title, format)?;
            sheet.set_column_width(col(j), width(c))?;
            match c.cells {
                Cells::Date => {
                    sheet.set_column_format(col(j), &date)?;
                }
                Cells::Text | Cells::Reference => {
                    sheet.set_column_format(col(j), &text)?;
                }
                _ => {}
            }
            let v = validation(c.title, c.hint, c.required, Some(c.cells), lists)?;
            sheet.add_data_validation(HEADER_ROW + 1, col(j), last_row, col(j), &v)?;
        }
        for (k, q) in t.questions.iter().enumerate() {
            let j = t.columns.len() + k;
            sheet.write_string_with_format(HEADER_ROW, col(j), q, &header)?;
            sheet.set_column_width(col(j), 18.0)?;
            let v = validation(q, survey::QUESTION_HINT, false, None, lists)?;
            sheet.add_data_validation(HEADER_ROW + 1, col(j), last_row, col(j), &v)?;
        }
        sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    }
    book.save_to_buffer()
}

/// «Инструкция»: how to fill the workbook, then every column of its
/// sheets with what to type and the values its dropdown offers.
fn instructions(
    sheet: &mut Worksheet,
    b: &Blank,
    tables: &[&Table],
    lists: &Lists,
) -> std::result::Result<(), XlsxError> {
    sheet.set_name(INSTRUCTIONS_SHEET)?;
    let bold = Format::new().set_bold().set_text_wrap();
    let big = Format::new().set_bold().set_font_size(14);
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_background_color("#DDEBF7");
    sheet.set_column_width(0, 22)?;
    sheet.set_column_width(1, 30)?;
    sheet.set_column_width(2, 14)?;
    sheet.set_column_width(3, 80)?;
    let sheets: Vec<String> = tables.iter().map(|t| format!("«{}»", t.sheet)).collect();
    let whose = if b.organisation.is_empty() {
        String::new()
    } else {
        format!(" ({})", b.organisation)
    };
    let lines = [
        format!("Как заполнить эту таблицу{whose}"),
        format!(
            "1. Заполняйте листы {}: одна строка — один участник (пара, мероприятие, анкета), начиная с третьей строки.",
            sheets.join(", ")
        ),
        "2. Не меняйте названия листов и заголовки столбцов во второй строке: по ним nastavnik узнаёт столбцы. Столбцы с розовым заголовком обязательны.".to_owned(),
        "3. Выделите ячейку — появится подсказка, что в неё вписать. Где есть список, выберите значение из него; этапы и оценки — целые числа.".to_owned(),
        "4. Даты — в виде ДД.ММ.ГГГГ. ФИО — полностью, одинаково на всех листах.".to_owned(),
        "5. Сохраните как «Книга Excel (.xlsx)» и загрузите на странице nastavnik (раздел «Таблицы») или положите в папку организации на место, указанное в programme.json. Ошибки будут показаны с листом и ячейкой.".to_owned(),
    ];
    sheet.write_string_with_format(0, 0, &lines[0], &big)?;
    for (i, l) in lines.iter().enumerate().skip(1) {
        let r = u32::try_from(i).unwrap_or(0);
        sheet.merge_range(r, 0, r, 3, l, &Format::new().set_text_wrap())?;
        sheet.set_row_height(r, 32)?;
    }
    let mut r = u32::try_from(lines.len()).unwrap_or(0) + 1;
    for (j, h) in ["Лист", "Столбец", "Обязательный", "Что вписать"]
        .iter()
        .enumerate()
    {
        sheet.write_string_with_format(r, col(j), *h, &head)?;
    }
    sheet.set_freeze_panes(r + 1, 0)?;
    r += 1;
    let mut row = |sheet: &mut Worksheet, name: &str, title: &str, required: bool, what: String| {
        sheet.write_string_with_format(r, 0, name, &wrap)?;
        sheet.write_string_with_format(r, 1, title, &wrap)?;
        sheet.write_string_with_format(r, 2, if required { "да" } else { "" }, &wrap)?;
        sheet.write_string_with_format(r, 3, &what, &wrap)?;
        r += 1;
        Ok::<(), XlsxError>(())
    };
    for t in tables {
        for c in &t.columns {
            let mut what = c.hint.to_owned();
            if let Some(values) = lists.of(c.cells) {
                what.push_str(&format!(" Список: {}.", values.join(", ")));
            }
            row(sheet, &t.sheet, c.title, c.required, what)?;
        }
        if !t.questions.is_empty() {
            row(
                sheet,
                &t.sheet,
                "вопросы анкеты (остальные столбцы)",
                false,
                format!(
                    "{} Каждый столбец после «Этап мониторинга» — вопрос анкеты; можно заменить их своими вопросами.",
                    survey::QUESTION_HINT
                ),
            )?;
        }
    }
    sheet.write_string_with_format(r + 1, 0, "Сформировано nastavnik.", &bold)?;
    sheet.set_active(true);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every column's input message fits Excel's 255 characters whole.
    #[test]
    fn hints_fit_excel() {
        let all = people::mentor_columns::ALL
            .iter()
            .chain(&people::mentee_columns::ALL)
            .chain(&pairs::ALL)
            .chain(&roadmap::ALL)
            .chain(&survey::ALL);
        for c in all {
            let message = format!("{} Обязательный столбец.", c.hint);
            assert!(
                message.encode_utf16().count() <= 255,
                "{}: {}",
                c.id,
                c.hint
            );
            assert!(!c.hint.is_empty(), "{}", c.id);
        }
    }

    #[test]
    fn categories_follow_the_forms() {
        let college = Blank::of_kind(OrgKind::College);
        let (mentors, mentees) = college.categories();
        assert!(mentors.contains(&"студент".to_owned()), "{mentors:?}");
        assert!(!mentors.contains(&"обучающийся".to_owned()), "{mentors:?}");
        assert!(!mentees.contains(&"обучающийся".to_owned()), "{mentees:?}");
        let school = Blank::of_kind(OrgKind::School);
        assert!(school.categories().1.contains(&"обучающийся".to_owned()));
    }
}
