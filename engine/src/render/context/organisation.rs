//! The organisation, its programme, councils and the parameters in force.
//!
//! Statements are typed, as in [`super::orders`].

use super::*;
use serde::Serialize;

/// The organisation (`org`).
#[derive(Debug, Clone, Serialize)]
pub struct Organisation {
    pub full_name: String,
    pub short_name: String,
    /// `school`, `college`, `additional_education`.
    pub kind: &'static str,
    /// One flag per kind, for `{{#if org.college}}`.
    pub school: bool,
    pub college: bool,
    pub additional_education: bool,
    /// «студенты» in a college, else «обучающиеся».
    pub learners: &'static str,
    pub city: String,
    pub address: Option<String>,
    pub founder: Option<String>,
    /// The head who signs.
    pub head: StaffMember,
    /// Headcounts as programme.json gives them.
    pub students: u32,
    pub teachers: u32,
    /// The local act on pay for mentoring, as typed.
    pub pay_act: Option<String>,
}

pub(super) fn organisation(model: &Model) -> Organisation {
    let o = &model.organisation;
    Organisation {
        full_name: o.full_name.clone(),
        short_name: o.short_name.clone(),
        kind: match o.kind {
            OrgKind::School => "school",
            OrgKind::College => "college",
            OrgKind::AdditionalEducation => "additional_education",
        },
        school: o.kind == OrgKind::School,
        college: o.kind == OrgKind::College,
        additional_education: o.kind == OrgKind::AdditionalEducation,
        learners: match o.kind {
            OrgKind::College => "студенты",
            _ => "обучающиеся",
        },
        city: o.city.clone(),
        address: text(o.address.as_deref()),
        founder: text(o.founder.as_deref()),
        head: staff(model, &o.head),
        students: o.students,
        teachers: o.teachers,
        pay_act: text(o.pay_act.as_deref()),
    }
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

/// The programme's term as texts name it (`programme.term`).
#[derive(Debug, Clone, Serialize)]
pub struct TermWords {
    /// «учебного года», «календарного года», «периода реализации программы».
    pub gen: &'static str,
    /// «учебный год», «календарный год», «период реализации программы».
    pub acc: &'static str,
}

impl TermWords {
    fn of(term: crate::calendar::Term) -> TermWords {
        TermWords {
            gen: term.genitive(),
            acc: term.accusative(),
        }
    }
}

/// The programme (`programme`).
#[derive(Debug, Clone, Serialize)]
pub struct Programme {
    pub title: String,
    /// What follows «программа наставничества» in a text ([`programme_named`]).
    pub named: String,
    /// The title names the organisation: texts do not add it again.
    pub names_org: bool,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub academic_year: Option<String>,
    /// «Программа … на 2025/2026 учебный год» already names its year:
    /// templates then do not repeat it in parentheses.
    pub title_names_year: bool,
    /// The programme's term in words: «учебный год» only for a school
    /// year ([`crate::calendar::Term`]).
    pub term: TermWords,
    /// The forms' names as programme.json lists them.
    pub forms: Vec<&'static str>,
    /// The most mentees one mentor may have in each form the programme
    /// uses (the profile's `max_mentees_per_mentor`): the regulation states
    /// them, so the check's limit is the approved act's.
    pub limits: Vec<FormLimit>,
    /// The youngest mentee's age, «10 лет» (the profile's
    /// `min_mentee_age`): the regulation states the check's number.
    pub mentee_age_from: Option<String>,
    /// Goals and tasks as list items inside a sentence ([`list_item`]).
    pub goals: Vec<String>,
    pub tasks: Vec<String>,
}

/// A form's limit of mentees per mentor (`programme.limits`).
#[derive(Debug, Clone, Serialize)]
pub struct FormLimit {
    pub form: &'static str,
    pub max: u64,
}

pub(super) fn programme(model: &Model, params: &Value) -> Programme {
    let p = &model.programme;
    Programme {
        title: p.title.clone(),
        named: programme_named(&p.title),
        names_org: !model.organisation.short_name.trim().is_empty()
            && russian::typograph(&p.title)
                .contains(&russian::typograph(model.organisation.short_name.trim())),
        start: p.start,
        end: p.end,
        academic_year: text(p.academic_year.as_deref()),
        title_names_year: p.academic_year.as_deref().is_some_and(|y| {
            !y.is_empty() && p.title.contains(y.split_whitespace().next().unwrap_or(y))
        }),
        term: TermWords::of(crate::calendar::Term::of(p.start, p.end)),
        forms: p.forms.iter().map(|f| f.name()).collect(),
        limits: p
            .forms
            .iter()
            .filter_map(|f| {
                let max = params
                    .get("max_mentees_per_mentor")?
                    .get(f.name())?
                    .as_u64()?;
                Some(FormLimit {
                    form: f.name(),
                    max,
                })
            })
            .collect(),
        mentee_age_from: params
            .get("min_mentee_age")
            .and_then(Value::as_f64)
            .map(russian::years_genitive),
        goals: p.goals.iter().map(|g| list_item(g)).collect(),
        tasks: p.tasks.iter().map(|t| list_item(t)).collect(),
    }
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

/// Which forms the programme uses, as flags the templates test (`uses`):
/// its own and those of its pairs.
#[derive(Debug, Clone, Serialize)]
pub struct Uses {
    pub pupil_pupil: bool,
    pub teacher_teacher: bool,
    pub student_pupil: bool,
    pub employer_pupil: bool,
    pub employer_student: bool,
    pub educator_learner: bool,
    pub student_student: bool,
    /// A form with learners as mentees (any but «учитель – учитель»).
    pub pupils: bool,
    /// «учитель – учитель».
    pub teachers: bool,
    /// A form with an employer.
    pub employers: bool,
    /// The forms' names, in the order of [`Form`].
    pub forms: Vec<&'static str>,
}

pub(super) fn uses(model: &Model) -> Uses {
    let mut forms: BTreeSet<Form> = model.programme.forms.iter().copied().collect();
    forms.extend(model.groups.iter().map(|g| g.form));
    let has = |f: Form| forms.contains(&f);
    Uses {
        pupil_pupil: has(Form::PupilPupil),
        teacher_teacher: has(Form::TeacherTeacher),
        student_pupil: has(Form::StudentPupil),
        employer_pupil: has(Form::EmployerPupil),
        employer_student: has(Form::EmployerStudent),
        educator_learner: has(Form::EducatorLearner),
        student_student: has(Form::StudentStudent),
        pupils: forms.iter().any(|f| *f != Form::TeacherTeacher),
        teachers: has(Form::TeacherTeacher),
        employers: has(Form::EmployerPupil) || has(Form::EmployerStudent),
        forms: forms.iter().map(|f| f.name()).collect(),
    }
}

/// The pedagogical council's protocol approving the programme (`council`).
#[derive(Debug, Clone, Serialize)]
pub struct Council {
    pub date: NaiveDate,
    pub number: String,
    pub chair: Option<String>,
    pub secretary: Option<String>,
    pub present: Option<u32>,
    pub votes_for: Option<u32>,
    pub votes_against: Option<u32>,
    pub abstained: Option<u32>,
    /// Any of the votes is given.
    pub has_votes: bool,
}

pub(super) fn council(model: &Model) -> Option<Council> {
    let c = model.council.as_ref()?;
    Some(Council {
        date: c.date,
        number: c.number.clone(),
        chair: text(c.chair.as_deref()),
        secretary: text(c.secretary.as_deref()),
        present: c.present,
        votes_for: c.votes_for,
        votes_against: c.votes_against,
        abstained: c.abstained,
        has_votes: c.votes_for.is_some() || c.votes_against.is_some() || c.abstained.is_some(),
    })
}

/// The parameters in force (`params`): the layered map of `params.json` as
/// given — a region adds its own keys, so it stays a map —, with the keys
/// templates rely on always present (`region_name`, `regional_centre`,
/// `regional_acts`) and the coverage target read once
/// ([`crate::figures::coverage_target`]) with its text.
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
    let target = crate::figures::coverage_target(params);
    map.insert("coverage_target_percent".into(), Value::from(target));
    map.insert(
        "coverage_target_text".into(),
        Value::String(russian::percent(target)),
    );
    Value::Object(map)
}

/// A council's protocol (`pupils_council`, `parents_council`).
#[derive(Debug, Clone, Serialize)]
pub struct Protocol {
    pub number: String,
    pub date: NaiveDate,
}

/// The protocol of a council, or `None` where it is not given.
pub(super) fn protocol(p: Option<&crate::model::Protocol>) -> Option<Protocol> {
    p.map(|p| Protocol {
        number: p.number.clone(),
        date: p.date,
    })
}
