//! The «Пары» sheet: one row per mentee; a group is several rows with the
//! same mentor and form (group ids are given by the loader).

use super::cell;
use super::sheet::{Cells, Column, Sheet};
use crate::diag::Problem;
use crate::model::{Form, Pair};

pub const MENTOR: Column = Column {
    id: "mentor",
    title: "Наставник",
    synonyms: &["ФИО наставника", "Наставник (ФИО)", "Ф.И.О. наставника"],
    required: true,
    cells: Cells::Text,
    hint: "ФИО наставника точно так же, как на листе наставников.",
};
pub const MENTEE: Column = Column {
    id: "mentee",
    title: "Наставляемый",
    synonyms: &[
        "ФИО наставляемого",
        "Наставляемый (ФИО)",
        "Ф.И.О. наставляемого",
        "Наставляемая",
        "Наставляемые",
    ],
    required: true,
    cells: Cells::Text,
    hint: "ФИО наставляемого точно так же, как на листе наставляемых. Группа — несколько строк с одним наставником и формой.",
};
pub const FORM: Column = Column {
    id: "form",
    title: "Форма",
    synonyms: &["Форма наставничества"],
    required: true,
    cells: Cells::Form,
    hint: "Выберите форму наставничества из списка (формы программы из programme.json).",
};
pub const ROLE_MODEL: Column = Column {
    id: "role_model",
    title: "Ролевая модель",
    synonyms: &["Модель", "Модель взаимодействия", "Вариант"],
    required: false,
    cells: Cells::Text,
    hint: "Ролевая модель пары, например «успевающий – неуспевающий». Можно оставить пустым.",
};
pub const START: Column = Column {
    id: "start",
    title: "Дата начала",
    synonyms: &["Начало", "Дата начала работы", "Дата закрепления"],
    required: true,
    cells: Cells::Date,
    hint: "Дата закрепления пары: ДД.ММ.ГГГГ (не раньше приказа о закреплении).",
};
pub const END: Column = Column {
    id: "end",
    title: "Дата окончания",
    synonyms: &["Окончание", "Дата завершения", "Дата окончания работы"],
    required: false,
    cells: Cells::Date,
    hint: "Дата окончания работы пары: ДД.ММ.ГГГГ. Пусто — до конца программы.",
};
pub const ALL: [Column; 6] = [MENTOR, MENTEE, FORM, ROLE_MODEL, START, END];

/// A form of mentoring as typed; an unknown one lists the allowed forms.
pub fn form(d: &calamine::Data) -> Result<Option<Form>, String> {
    match cell::text(d)? {
        None => Ok(None),
        Some(t) => Form::parse(&t).map(Some).ok_or_else(|| {
            format!(
                "неизвестная форма наставничества «{t}»; допустимые: {}",
                Form::ALL
                    .iter()
                    .map(|f| format!("«{f}»"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }),
    }
}

pub fn read(sheet: &Sheet, problems: &mut Vec<Problem>) -> Vec<Pair> {
    let mut out = Vec::new();
    for row in sheet.rows() {
        let mentor = row.require(&MENTOR, cell::text, problems);
        let mentee = row.require(&MENTEE, cell::text, problems);
        let form = row.require(&FORM, form, problems);
        let role_model = row.read(&ROLE_MODEL, cell::text, problems);
        let start = row.require(&START, cell::date, problems);
        let end = row.read(&END, cell::date, problems);
        let (Some(mentor), Some(mentee), Some(form), Some(start)) = (mentor, mentee, form, start)
        else {
            continue;
        };
        out.push(Pair {
            mentor,
            mentee,
            form,
            role_model,
            start,
            end,
            group: String::new(),
            source: row.source(),
        });
    }
    out
}
