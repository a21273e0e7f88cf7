//! The «Анкеты» sheet: respondent, role, monitoring phase, then one column
//! per question with a score from 1 to 10. Every header that is not one of
//! the first three (nor a row number) is a question.

use super::cell;
use super::sheet::{Cells, Column, Sheet};
use crate::diag::Problem;
use crate::model::{Survey, SurveyResponse, SurveyRole};
use crate::text::key;
use calamine::Data;

pub const RESPONDENT: Column = Column {
    id: "respondent",
    title: "Респондент",
    synonyms: &["ФИО", "ФИО респондента", "Участник", "Ф.И.О."],
    required: false,
    cells: Cells::Text,
    hint: "ФИО участника, как в списках. Пусто — анонимная анкета.",
};
pub const ROLE: Column = Column {
    id: "role",
    title: "Роль",
    synonyms: &["Роль в программе", "Роль участника"],
    required: true,
    cells: Cells::Role,
    hint: "Выберите: наставник или наставляемый.",
};
pub const PHASE: Column = Column {
    id: "phase",
    title: "Этап мониторинга",
    synonyms: &["Этап", "Этап мониторинга (1 / 2)", "Этап анкетирования"],
    required: false,
    cells: Cells::Phase,
    hint: "Этап мониторинга: 1 (промежуточный) или 2 (итоговый).",
};
pub const ALL: [Column; 3] = [RESPONDENT, ROLE, PHASE];

/// What a question's column holds, for the blank forms: every header that
/// is not one of [`ALL`] is a question scored 1 to 10 ([`score`]).
pub const QUESTION_HINT: &str =
    "Оценка от 1 до 10, целым числом (10 — лучшая). Пусто — участник не ответил на вопрос.";

/// Headers that are not questions: row numbers, dates, classes.
const NOT_QUESTIONS: &[&str] = &["", "пп", "n", "номер", "дата", "датаанкетирования", "класс"];

fn role(d: &Data) -> Result<Option<SurveyRole>, String> {
    let Some(t) = cell::text(d)? else {
        return Ok(None);
    };
    let k = key(&t);
    if k.starts_with("наставляем") {
        Ok(Some(SurveyRole::Mentee))
    } else if k.starts_with("наставни") {
        Ok(Some(SurveyRole::Mentor))
    } else {
        Err(format!(
            "неизвестная роль «{t}»; допустимые: наставник, наставляемый"
        ))
    }
}

fn phase(d: &Data) -> Result<Option<u8>, String> {
    match cell::whole(d) {
        Ok(Some(n @ (1 | 2))) => Ok(u8::try_from(n).ok()),
        Ok(None) => Ok(None),
        _ => Err(format!(
            "этап мониторинга должен быть 1 или 2, а {}",
            cell::written(d)
        )),
    }
}

fn score(d: &Data) -> Result<Option<u8>, String> {
    match cell::whole(d) {
        Ok(Some(n)) if (1..=10).contains(&n) => Ok(u8::try_from(n).ok()),
        Ok(None) => Ok(None),
        _ => Err(format!(
            "оценка должна быть целым числом от 1 до 10, а {}",
            cell::written(d)
        )),
    }
}

/// Is a header no column takes a question?
pub fn is_question(header: &str) -> bool {
    !NOT_QUESTIONS.contains(&key(header).as_str())
}

pub fn read(sheet: &Sheet, problems: &mut Vec<Problem>) -> Survey {
    let questions: Vec<(usize, String)> = sheet
        .other_headers
        .iter()
        .filter(|(_, t)| is_question(t))
        .cloned()
        .collect();
    let mut responses = Vec::new();
    for row in sheet.rows() {
        let respondent = row.read(&RESPONDENT, cell::text, problems);
        let role = row.require(&ROLE, role, problems);
        let phase = if sheet.has(PHASE.id) {
            row.require(&PHASE, phase, problems)
        } else {
            // Without the column every answer belongs to the first phase.
            Some(1)
        };
        let mut scores = Vec::with_capacity(questions.len());
        for (j, q) in &questions {
            match score(row.get_at(*j)) {
                Ok(v) => scores.push(v),
                Err(message) => {
                    problems.push(Problem::new(row.place_at(*j), format!("«{q}»: {message}")));
                    scores.push(None);
                }
            }
        }
        let (Some(role), Some(phase)) = (role, phase) else {
            continue;
        };
        responses.push(SurveyResponse {
            respondent,
            role,
            phase,
            scores,
            source: row.source(),
        });
    }
    Survey {
        questions: questions.into_iter().map(|(_, q)| q).collect(),
        responses,
    }
}
