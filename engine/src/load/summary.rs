//! The short Russian summary `validate` prints.

use crate::model::{Form, Model, SurveyRole};
use std::fmt::Write;

/// Mentors, mentees, pairs and groups per form, roadmap events per stage,
/// survey responses per role.
pub fn summary(model: &Model) -> String {
    let mut s = String::new();
    let p = &model.programme;
    let _ = writeln!(
        s,
        "Программа проверена: {} — «{}» ({} – {}).",
        model.organisation.short_name,
        p.title,
        crate::russian::date_short(p.start),
        crate::russian::date_short(p.end)
    );
    let _ = writeln!(
        s,
        "Наставников: {}, наставляемых: {}, строк на листе пар: {}.",
        model.mentors.len(),
        model.mentees.len(),
        model.pairs.len()
    );
    let _ = writeln!(s, "Пары и группы по формам:");
    for form in Form::ALL {
        let groups: Vec<_> = model.groups.iter().filter(|g| g.form == form).collect();
        if groups.is_empty() {
            continue;
        }
        let group_count = groups.iter().filter(|g| g.is_group()).count();
        let mentees: usize = groups.iter().map(|g| g.mentees.len()).sum();
        let _ = writeln!(
            s,
            "  {form}: пар {}, групп {group_count}, наставляемых {mentees}",
            groups.len() - group_count
        );
    }
    let stages: Vec<String> = crate::model::STAGE_NUMBERS
        .map(|st| {
            let n = model.roadmap.iter().filter(|e| e.stage == st).count();
            format!("{st} — {n}")
        })
        .collect();
    let _ = writeln!(
        s,
        "Дорожная карта, мероприятий по этапам: {}.",
        stages.join(", ")
    );
    let count = |role: SurveyRole| {
        model
            .survey
            .responses
            .iter()
            .filter(|r| r.role == role)
            .count()
    };
    let _ = write!(
        s,
        "Анкеты: вопросов {}, ответов наставников {}, наставляемых {}.",
        model.survey.questions.len(),
        count(SurveyRole::Mentor),
        count(SurveyRole::Mentee)
    );
    s
}
