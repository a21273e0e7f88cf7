//! The organisation, its programme, councils and the parameters in force.

use super::*;

pub(super) fn organisation(model: &Model) -> Value {
    let o = &model.organisation;
    let kind = match o.kind {
        OrgKind::School => "school",
        OrgKind::College => "college",
        OrgKind::AdditionalEducation => "additional_education",
    };
    json!({
        "full_name": o.full_name,
        "short_name": o.short_name,
        "kind": kind,
        "school": o.kind == OrgKind::School,
        "college": o.kind == OrgKind::College,
        "additional_education": o.kind == OrgKind::AdditionalEducation,
        "learners": match o.kind { OrgKind::College => "студенты", _ => "обучающиеся" },
        "city": o.city,
        "address": opt(o.address.as_deref()),
        "founder": opt(o.founder.as_deref()),
        "head": staff(model, &o.head),
        "students": o.students,
        "teachers": o.teachers,
        "pay_act": opt(o.pay_act.as_deref()),
    })
}

/// A goal or task as typed («Улучшить показатели.») made fit for a list
/// item inside a sentence («улучшить показатели»): trailing punctuation
/// dropped, the first letter lowered unless the word is an abbreviation.
pub fn list_item(text: &str) -> String {
    let t = crate::text::clean(text);
    let t = t.trim_end_matches(['.', ';', ',', ' ']);
    let mut chars = t.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() => {
            a.to_lowercase().chain(t.chars().skip(1)).collect()
        }
        _ => t.to_owned(),
    }
}

pub(super) fn programme(model: &Model) -> Value {
    let p = &model.programme;
    json!({
        "title": p.title,
        "named": programme_named(&p.title),
        // The title names the organisation: texts do not add it again.
        "names_org": !model.organisation.short_name.trim().is_empty()
            && russian::typograph(&p.title)
                .contains(&russian::typograph(model.organisation.short_name.trim())),
        "start": date(p.start),
        "end": date(p.end),
        "academic_year": opt(p.academic_year.as_deref()),
        // «Программа … на 2025/2026 учебный год» already names its year:
        // templates then do not repeat it in parentheses.
        "title_names_year": p
            .academic_year
            .as_deref()
            .is_some_and(|y| !y.is_empty() && p.title.contains(y.split_whitespace().next().unwrap_or(y))),
        // «учебный год» only for a school year (`calendar::Term`).
        "term": {
            "gen": crate::calendar::Term::of(p.start, p.end).genitive(),
            "acc": crate::calendar::Term::of(p.start, p.end).accusative(),
        },
        "forms": p.forms.iter().map(|f| f.name()).collect::<Vec<_>>(),
        "goals": p.goals.iter().map(|g| list_item(g)).collect::<Vec<_>>(),
        "tasks": p.tasks.iter().map(|t| list_item(t)).collect::<Vec<_>>(),
    })
}

/// What follows «программа наставничества» in a text: a title that itself
/// starts with those words gives only its rest («… МБОУ «СОШ № 17» на
/// 2025/2026 учебный год»), else the title in quotes — never «программу
/// наставничества «Программа наставничества …»».
pub(super) fn programme_named(title: &str) -> String {
    const KIND: &str = "программа наставничества";
    let trimmed = title.trim();
    let (head, tail) = trimmed
        .char_indices()
        .nth(KIND.chars().count())
        .map_or((trimmed, ""), |(at, _)| trimmed.split_at(at));
    // The kind ends at a word boundary: «… наставничестваX» is another word.
    if head.to_lowercase() == KIND && !tail.starts_with(char::is_alphanumeric) {
        let tail = tail
            .trim_start_matches([' ', ',', '—', '–', '-', ':'])
            .trim();
        if tail.starts_with(char::is_alphanumeric) || tail.starts_with('«') {
            return tail.to_owned();
        }
    }
    russian::quote(trimmed)
}

/// Which forms the programme uses, as flags the templates test.
pub(super) fn uses(model: &Model) -> Value {
    let mut forms: BTreeSet<Form> = model.programme.forms.iter().copied().collect();
    forms.extend(model.groups.iter().map(|g| g.form));
    let has = |f: Form| forms.contains(&f);
    let pupils = forms.iter().any(|f| *f != Form::TeacherTeacher);
    json!({
        "pupil_pupil": has(Form::PupilPupil),
        "teacher_teacher": has(Form::TeacherTeacher),
        "student_pupil": has(Form::StudentPupil),
        "employer_pupil": has(Form::EmployerPupil),
        "employer_student": has(Form::EmployerStudent),
        "educator_learner": has(Form::EducatorLearner),
        "student_student": has(Form::StudentStudent),
        "pupils": pupils,
        "teachers": has(Form::TeacherTeacher),
        "employers": has(Form::EmployerPupil) || has(Form::EmployerStudent),
        "forms": forms.iter().map(|f| f.name()).collect::<Vec<_>>(),
    })
}

pub(super) fn council(model: &Model) -> Value {
    match &model.council {
        Some(c) => json!({
            "date": date(c.date),
            "number": c.number,
            "chair": opt(c.chair.as_deref()),
            "secretary": opt(c.secretary.as_deref()),
            "present": c.present,
            "votes_for": c.votes_for,
            "votes_against": c.votes_against,
            "abstained": c.abstained,
            "has_votes": c.votes_for.is_some() || c.votes_against.is_some() || c.abstained.is_some(),
        }),
        None => Value::Null,
    }
}

/// The parameters with the keys templates rely on always present.
pub(super) fn parameters(params: &Value) -> Value {
    let mut map = params.as_object().cloned().unwrap_or_default();
    for key in ["region_name", "regional_centre"] {
        map.entry(key).or_insert(Value::Null);
    }
    let acts = match map.get("regional_acts") {
        Some(Value::Array(a)) => Value::Array(a.clone()),
        _ => Value::Array(vec![]),
    };
    map.insert("regional_acts".into(), acts);
    let target = coverage_target(params);
    map.insert("coverage_target_percent".into(), json!(target));
    map.insert(
        "coverage_target_text".into(),
        Value::String(russian::percent(target)),
    );
    Value::Object(map)
}

pub(crate) fn coverage_target(params: &Value) -> f64 {
    params
        .get("coverage_target_percent")
        .and_then(Value::as_f64)
        .filter(|x| x.is_finite() && *x >= 0.0)
        .unwrap_or(DEFAULT_COVERAGE_TARGET)
}

/// The protocol of a council, or `null` where it is not given.
pub(super) fn protocol(p: Option<&crate::model::Protocol>) -> Value {
    match p {
        Some(p) => json!({"number": p.number, "date": date(p.date)}),
        None => Value::Null,
    }
}
