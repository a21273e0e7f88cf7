//! Numbers in the rules' messages read as Russian prints them: a length of
//! service typed as 9 (read as 9.0) is «стаж 9 лет», never «9.0 лет»; the
//! noun agrees with the number («41 год», «9 лет»).

use nastavnik_engine::model::{Form, MenteeCategory};
use nastavnik_engine::rules::RuleSet;

#[test]
fn ages_and_experience_print_whole_years_with_the_agreeing_noun() {
    let mut model = nastavnik_engine::example::model();
    let teacher = model
        .groups
        .iter()
        .find(|g| g.form == Form::TeacherTeacher)
        .and_then(|g| g.mentees.first())
        .cloned()
        .expect("the example has a teacher mentee");
    let pupil = model
        .mentees
        .iter()
        .find(|m| m.category == MenteeCategory::Pupil)
        .map(|m| m.name.clone())
        .expect("the example has a pupil mentee");
    for m in &mut model.mentees {
        if m.name == teacher {
            m.experience = Some(9.0);
            m.age = Some(41);
        }
        if m.name == pupil {
            m.age = Some(9);
        }
    }
    let report = RuleSet::load(None, None)
        .unwrap_or_else(|e| panic!("{e}"))
        .check(&model)
        .unwrap_or_else(|e| panic!("{e}"));
    let message = |rule: &str, who: &str| -> String {
        report
            .findings
            .iter()
            .find(|f| f.rule == rule && f.message.contains(who))
            .map(|f| f.message.clone())
            .unwrap_or_else(|| panic!("{rule} did not report {who}"))
    };
    let experience = message("stage5.young-specialist-experience", &teacher);
    assert!(
        experience.contains("стаж 9\u{a0}лет больше 3\u{a0}лет"),
        "{experience}"
    );
    let age = message("stage5.young-specialist-age", &teacher);
    assert!(age.contains("41\u{a0}год — старше 35\u{a0}лет"), "{age}");
    let young = message("stage2.mentee-min-age", &pupil);
    assert!(
        young.contains("9\u{a0}лет на начало наставничества — моложе 10\u{a0}лет"),
        "{young}"
    );
    // No «9.0 лет»: a «.0» not followed by a digit (dates «05.06.2026» are).
    for f in &report.findings {
        let float = f
            .message
            .match_indices(".0")
            .any(|(i, _)| !f.message[i + 2..].starts_with(|c: char| c.is_ascii_digit()));
        assert!(!float, "{}: {}", f.rule, f.message);
    }
}
