//! A signed survey answer counts in the figures of its role only: a
//! mentor's answer marked «наставляемый» used to be left out and the
//! monitoring report said it was of someone not in the pairs order. The
//! true reason is now given at the role cell, a respondent found on no
//! sheet is warned of at their cell, and a name typed in another case is
//! read as the sheet spells it.

use nastavnik_engine::model::SurveyRole;
use nastavnik_engine::{load, Error};
use rust_xlsxwriter::Workbook;

/// The example school with its survey replaced by `rows` (respondent,
/// role), phase 1, one question scored 7.
fn with_survey(rows: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    nastavnik_engine::example::write(dir.path(), None).expect("example");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Анкеты").expect("name");
    for (j, h) in ["Респондент", "Роль", "Этап мониторинга", "Цели понятны"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, j as u16, *h).expect("header");
    }
    for (i, (who, role)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string(r, 0, *who).expect("who");
        sheet.write_string(r, 1, *role).expect("role");
        sheet.write_number(r, 2, 1).expect("phase");
        sheet.write_number(r, 3, 7).expect("score");
    }
    book.save(dir.path().join("inputs/monitoring.xlsx"))
        .expect("save");
    dir
}

/// A mentor who is no mentee, and a mentee who is no mentor, of the example.
fn people() -> (String, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    nastavnik_engine::example::write(dir.path(), None).expect("example");
    let m = load::load(dir.path()).expect("loads").model;
    let mentor = m
        .mentors
        .iter()
        .find(|x| m.mentees.iter().all(|y| y.name != x.name))
        .expect("a mentor only")
        .name
        .clone();
    let mentee = m
        .mentees
        .iter()
        .find(|y| m.mentors.iter().all(|x| x.name != y.name))
        .expect("a mentee only")
        .name
        .clone();
    (mentor, mentee)
}

fn problems(dir: &tempfile::TempDir) -> Vec<String> {
    match load::load(dir.path()) {
        Ok(_) => Vec::new(),
        Err(Error::Input(ps)) => ps.iter().map(ToString::to_string).collect(),
        Err(e) => panic!("not an input error: {e}"),
    }
}

#[test]
fn an_answer_in_the_other_role_is_refused_at_its_role_cell() {
    let (mentor, mentee) = people();
    let dir = with_survey(&[
        (&mentee, "наставляемый"),
        (&mentor, "наставляемый"),
        (&mentee, "Наставник"),
    ]);
    let ps = problems(&dir);
    assert_eq!(ps.len(), 2, "{ps:#?}");
    assert!(
        ps[0].starts_with(&format!(
            "inputs/monitoring.xlsx › Анкеты › B3: «Роль»: указано «наставляемый», но «{mentor}» есть только на листе «Наставники» (строка "
        )),
        "{}",
        ps[0]
    );
    assert!(ps[0].contains("исправьте роль"), "{}", ps[0]);
    assert!(
        ps[1].starts_with(&format!(
            "inputs/monitoring.xlsx › Анкеты › B4: «Роль»: указано «наставник», но «{mentee}» есть только на листе «Наставляемые» (строка "
        )),
        "{}",
        ps[1]
    );
}

#[test]
fn a_respondent_typed_otherwise_is_read_as_the_sheet_spells_them() {
    let (mentor, mentee) = people();
    let shouted = mentor.to_uppercase();
    let dir = with_survey(&[
        (&shouted, "наставник"),
        (&format!(" {mentee} "), "наставляемый"),
    ]);
    let loaded = load::load(dir.path()).expect("loads");
    let answers: Vec<(Option<&str>, SurveyRole)> = loaded
        .model
        .survey
        .responses
        .iter()
        .map(|r| (r.respondent.as_deref(), r.role))
        .collect();
    assert_eq!(
        answers,
        [
            (Some(mentor.as_str()), SurveyRole::Mentor),
            (Some(mentee.as_str()), SurveyRole::Mentee)
        ]
    );
    assert!(
        loaded
            .notices
            .iter()
            .all(|n| !n.to_string().contains("респондент")),
        "{:#?}",
        loaded.notices
    );
}

#[test]
fn a_respondent_on_no_sheet_is_warned_of_at_their_cell() {
    let (mentor, _) = people();
    // One letter off a mentor's name, and someone unknown.
    let mut typo: Vec<char> = mentor.chars().collect();
    let last = typo.len() - 1;
    typo[last] = if typo[last] == 'а' { 'о' } else { 'а' };
    let typo: String = typo.into_iter().collect();
    let dir = with_survey(&[
        (&typo, "наставник"),
        ("Неизвестный Некто Никакович", "наставник"),
    ]);
    let loaded = load::load(dir.path()).expect("loads");
    let said: Vec<String> = loaded
        .notices
        .iter()
        .map(ToString::to_string)
        .filter(|n| n.contains("респондент"))
        .collect();
    assert_eq!(said.len(), 2, "{said:#?}");
    assert!(
        said[0].starts_with(&format!(
            "inputs/monitoring.xlsx › Анкеты › A2: респондент «{typo}» не найден ни на листе «Наставники», ни на листе «Наставляемые»; возможно, имелся в виду «{mentor}»"
        )),
        "{}",
        said[0]
    );
    assert!(said[1].starts_with("inputs/monitoring.xlsx › Анкеты › A3: респондент «Неизвестный Некто Никакович» не найден"), "{}", said[1]);
    // Read all the same (anonymous-like): the answers are in the model.
    assert_eq!(loaded.model.survey.responses.len(), 2);
}

#[test]
fn many_respondents_on_no_sheet_are_named_a_few_then_counted() {
    let names: Vec<String> = (0..8).map(|i| format!("Чужой Человек {i}")).collect();
    let mut rows: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "наставник")).collect();
    rows.push((&names[0], "наставник"));
    rows.push((&names[7], "наставник"));
    let dir = with_survey(&rows);
    let loaded = load::load(dir.path()).expect("loads");
    let said: Vec<String> = loaded
        .notices
        .iter()
        .map(ToString::to_string)
        .filter(|n| n.contains("Анкеты"))
        .collect();
    assert_eq!(said.len(), 6, "{said:#?}");
    assert!(
        said[0].starts_with(
            "inputs/monitoring.xlsx › Анкеты › A2: респондент «Чужой Человек 0» (строки 2, 10) не найден"
        ),
        "{}",
        said[0]
    );
    assert!(
        said[4].starts_with("inputs/monitoring.xlsx › Анкеты › A6: респондент «Чужой Человек 4»")
    );
    assert!(
        said[5].starts_with(
            "inputs/monitoring.xlsx › Анкеты: ещё 3\u{a0}респондента (4\u{a0}ответа) не найдены ни на листе «Наставники», ни на листе «Наставляемые», первый — «Чужой Человек 5» (строка 7)"
        ),
        "{}",
        said[5]
    );
}

/// A signed questionnaire pasted twice would count one person's answers
/// twice (the mean, the satisfied share, «анкет больше, чем участников»):
/// the repeat is refused at its respondent cell, naming the first row; the
/// same person answering in another stage or role is not a repeat.
#[test]
fn a_signed_answer_repeated_is_refused_at_the_repeat() {
    let (mentor, mentee) = people();
    let dir = with_survey(&[
        (&mentor, "наставник"),
        (&mentee, "наставляемый"),
        (&mentor, "наставник"),
    ]);
    let problems = problems(&dir);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].contains("Анкеты › A4")
            && problems[0].contains("уже есть в строке 2")
            && problems[0].contains(&mentor),
        "{problems:#?}"
    );
}
