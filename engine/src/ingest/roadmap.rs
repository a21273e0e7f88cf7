//! The «Дорожная карта» sheet: events of the seven stages.

use super::cell;
use super::sheet::{Cells, Column, Sheet};
use crate::diag::Problem;
use crate::model::RoadmapEvent;
use calamine::Data;

pub const STAGE: Column = Column {
    id: "stage",
    title: "Этап",
    synonyms: &["№ этапа", "Номер этапа", "Этап (1–7)", "Этап реализации"],
    required: true,
    cells: Cells::Stage,
    hint: "Номер этапа программы, целое число от 1 до 7.",
};
pub const TITLE: Column = Column {
    id: "title",
    title: "Мероприятие",
    synonyms: &[
        "Наименование мероприятия",
        "Мероприятия",
        "Содержание деятельности",
        "Содержание работы",
    ],
    required: true,
    cells: Cells::Text,
    hint: "Мероприятие дорожной карты: «Издание приказа о закреплении наставнических пар».",
};
pub const RESPONSIBLE: Column = Column {
    id: "responsible",
    title: "Ответственный",
    synonyms: &["Ответственные", "Ответственный исполнитель", "Исполнитель"],
    required: true,
    cells: Cells::Text,
    hint: "Ответственный: должность и ФИО или «куратор».",
};
pub const DEADLINE: Column = Column {
    id: "deadline",
    title: "Срок",
    synonyms: &[
        "Сроки",
        "Срок выполнения",
        "Сроки проведения",
        "Срок исполнения",
        "Дата проведения",
    ],
    required: true,
    cells: Cells::Deadline,
    hint: "Срок: дата (ДД.ММ.ГГГГ) или текст: «сентябрь 2025», «до 15.10.2025», «в течение года».",
};
pub const RESULT: Column = Column {
    id: "result",
    title: "Результат",
    synonyms: &["Ожидаемый результат", "Результаты", "Планируемый результат"],
    required: false,
    cells: Cells::Text,
    hint: "Ожидаемый результат мероприятия. Можно оставить пустым.",
};
pub const DONE: Column = Column {
    id: "done",
    title: "Отметка о выполнении",
    synonyms: &[
        "Отметка",
        "Выполнение",
        "Отметка о выполнении (да/нет)",
        "Выполнено",
    ],
    required: false,
    cells: Cells::YesNo,
    hint: "«да» — выполнено, «нет» — не выполнено, пусто — ещё не отмечено.",
};
pub const ALL: [Column; 6] = [STAGE, TITLE, RESPONSIBLE, DEADLINE, RESULT, DONE];

fn stage(d: &Data) -> Result<Option<u8>, String> {
    match cell::whole(d) {
        Ok(Some(n)) if (1..=7).contains(&n) => Ok(u8::try_from(n).ok()),
        Ok(Some(n)) => Err(format!("этап должен быть числом от 1 до 7, а записано {n}")),
        Ok(None) => Ok(None),
        Err(_) => Err(format!(
            "этап должен быть числом от 1 до 7, а {}",
            cell::written(d)
        )),
    }
}

/// The deadline as typed and, when it is one, as a date. A text that is not
/// a date («в течение года», «до 15.09.2025») is kept as text, never an error.
fn deadline(d: &Data) -> Result<Option<(String, Option<chrono::NaiveDate>)>, String> {
    match d {
        Data::DateTime(_) | Data::DateTimeIso(_) => {
            let date = cell::date(d)?;
            Ok(date.map(|x| (crate::russian::date_short(x), Some(x))))
        }
        _ => {
            let Some(t) = cell::text(d)? else {
                return Ok(None);
            };
            // «31.02.2026» or «до 31.02.2026»: a day the calendar has not is
            // a typo, not a deadline to read as «no date».
            for word in t.split(|c: char| !(c.is_ascii_digit() || c == '.')) {
                let word = word.trim_matches('.');
                if word.matches('.').count() == 2 {
                    if let Err(crate::russian::DateError::NoSuchDay) =
                        crate::russian::read_date(word)
                    {
                        return Err(format!("такой даты нет в календаре: «{word}»"));
                    }
                }
            }
            let date = cell::parse_date_text(&t).ok().flatten();
            Ok(Some((t, date)))
        }
    }
}

/// A done mark: kept as typed; read as yes/no where it is one.
fn done(d: &Data) -> Result<Option<(String, Option<bool>)>, String> {
    Ok(cell::text(d)?.map(|t| {
        let yes = cell::yes_no(d).ok().flatten();
        (t, yes)
    }))
}

pub fn read(sheet: &Sheet, problems: &mut Vec<Problem>) -> Vec<RoadmapEvent> {
    let mut out = Vec::new();
    for row in sheet.rows() {
        let stage = row.require(&STAGE, stage, problems);
        let title = row.require(&TITLE, cell::text, problems);
        let responsible = row.require(&RESPONSIBLE, cell::text, problems);
        let deadline = row.require(&DEADLINE, deadline, problems);
        let result = row.read(&RESULT, cell::text, problems);
        let done = row.read(&DONE, done, problems);
        let (Some(stage), Some(title), Some(responsible), Some((deadline, deadline_date))) =
            (stage, title, responsible, deadline)
        else {
            continue;
        };
        let (done_mark, done) = match done {
            Some((mark, yes)) => (Some(mark), yes),
            None => (None, None),
        };
        out.push(RoadmapEvent {
            stage,
            title,
            responsible,
            deadline,
            deadline_date,
            result,
            done_mark,
            done,
            source: row.source(),
        });
    }
    out
}

#[cfg(test)]
mod deadline_tests {
    use super::*;

    #[test]
    fn a_day_the_calendar_has_not_is_refused_in_any_deadline() {
        for typed in ["31.02.2026", "до 31.02.2026", "01.09.2025 – 30.02.2026"] {
            let got = deadline(&Data::String(typed.into()));
            assert!(
                got.as_ref().is_err_and(|e| e.contains("такой даты нет")),
                "{typed}: {got:?}"
            );
        }
        for typed in ["до 28.02.2026", "в течение года", "октябрь – ноябрь 2025"]
        {
            assert!(deadline(&Data::String(typed.into())).is_ok(), "{typed}");
        }
    }
}
