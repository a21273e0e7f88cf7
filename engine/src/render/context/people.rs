//! Who the documents name: people and what is in force (the cast), groups and pairs, role models, consent persons.

use super::*;

/// The person a per-person document (a consent form) is about, from the
/// tables as read: the form is to be signed by exactly those the check
/// holds back, so they are looked up in the full model.
pub(super) fn person(full: &Model, cast: &Cast, name: &str, extra: &Value, kind: &Value) -> Value {
    let mentor = full.mentors.iter().find(|m| m.name == name);
    let mentee = full.mentees.iter().find(|m| m.name == name);
    let role = extra.get("role").and_then(Value::as_str).unwrap_or("");
    // A pair the check rejects (its form, the mentor's limit, its term) is
    // in no consent: the form asks consent to what the orders may fix.
    let rejected: BTreeSet<&str> = cast
        .held_back
        .iter()
        .filter(|h| h.role == crate::cast::PAIR)
        .map(|h| h.name.as_str())
        .collect();
    let refused = cast.refused();
    let own: Vec<&crate::model::Pair> = full
        .pairs
        .iter()
        .filter(|p| p.mentor == name || p.mentee == name)
        .filter(|p| !rejected.contains(format!("{} — {}", p.mentor, p.mentee).as_str()))
        // Nor a pair whose other member refused: it will not be formed.
        .filter(|p| !refused.contains(p.mentor.as_str()) && !refused.contains(p.mentee.as_str()))
        .collect();
    let forms: BTreeSet<&str> = own.iter().map(|p| p.form.name()).collect();
    // Whom the person works with, for the consent's «содержание»: the
    // mentees of a mentor, the mentor of a mentee.
    let partners: Vec<&str> = own
        .iter()
        .map(|p| {
            if role == "mentor" {
                p.mentee.as_str()
            } else {
                p.mentor.as_str()
            }
        })
        .collect();
    let start = own.iter().map(|p| p.start).min();
    let end = own
        .iter()
        .map(|p| p.end.unwrap_or(full.programme.end))
        .max();
    let (category, position, organisation) = match (role, mentor, mentee) {
        ("mentor", Some(m), _) => (
            mentor_category(m.category),
            mentor_study(kind, full, m),
            m.organisation.as_deref(),
        ),
        (_, _, Some(m)) => (
            match m.category {
                MenteeCategory::Pupil => "обучающийся",
                MenteeCategory::Educator => "педагог",
                MenteeCategory::Student => "студент",
            },
            mentee_study(kind, full, m),
            None,
        ),
        (_, Some(m), None) => (
            mentor_category(m.category),
            mentor_study(kind, full, m),
            m.organisation.as_deref(),
        ),
        _ => ("", None, None),
    };
    let position = position.as_deref();
    // The person's birth date and age at the start of the first pair, in
    // the role the form is for.
    let (birth_date, age) = match (role, mentor, mentee) {
        ("mentor", Some(m), _) | (_, Some(m), None) => (m.birth_date, m.age),
        (_, _, Some(m)) => (m.birth_date, m.age),
        _ => (None, None),
    };
    json!({
        "name": name,
        "female": female(full, name),
        "number": extra.get("number").cloned().unwrap_or(Value::Null),
        "mentor": role == "mentor",
        "mentee": role == "mentee",
        "category": category,
        "position": opt(position),
        "organisation": opt(organisation),
        // «начальник конструкторского бюро АО «…»»: one phrase, as the
        // orders print it (no comma before a name opening with its form).
        "position_at": opt(russian::position_at(position, organisation).as_deref()),
        "birth_date": opt_date(birth_date),
        "age": age,
        // A minor of 14 and over signs beside the parent (common practice:
        // ГК РФ ст. 26 gives a minor of 14 a will of their own); a student
        // mentor too.
        "signs_too": age.is_some_and(|a| (14..18).contains(&a)),
        "consent_pd": if role == "mentor" { mentor.and_then(|m| m.consent_pd) } else { mentee.and_then(|m| m.consent_pd) },
        "consent_mentoring": mentor.and_then(|m| m.consent_mentoring),
        "forms": forms.into_iter().collect::<Vec<_>>(),
        "partners": partners,
        "outside": super::partners::of_person(full, name, role, &own),
        "start": opt_date(start),
        "end": opt_date(end),
    })
}

/// The dates terms run from; `null` while the order creating them is not
/// registered.
pub(super) fn terms(t: &Terms) -> Value {
    json!({
        "mentors_from": opt_date(t.mentors_from),
        "pairs_from": opt_date(t.pairs_from),
        "regulation_from": opt_date(t.regulation_from),
    })
}

/// The people held back from the documents, for the reports.
pub(super) fn held_back(cast: &Cast) -> Value {
    Value::Array(
        cast.held_back
            .iter()
            .map(|h| {
                json!({
                    "name": h.name,
                    "role": h.role_text(),
                    "rule": h.rule,
                    "reason": h.reason,
                    "place": h.source.to_string(),
                })
            })
            .collect(),
    )
}

/// A mentor's «Должность или класс»; for a learner, with the group,
/// course, specialty of their own columns in the kind's words
/// ([`crate::render::kinds::study_phrase`]).
fn mentor_study(kind: &Value, model: &Model, m: &crate::model::Mentor) -> Option<String> {
    match m.category {
        MentorCategory::Pupil | MentorCategory::Student => crate::render::kinds::study_phrase(
            kind,
            m.position.as_deref(),
            &m.study,
            gender(model, &m.name),
        ),
        MentorCategory::Educator | MentorCategory::Employer => m.position.clone(),
    }
}

/// A mentee's «Класс или должность»; for a learner, with the group,
/// course, specialty of their own columns in the kind's words.
fn mentee_study(kind: &Value, model: &Model, m: &crate::model::Mentee) -> Option<String> {
    match m.category {
        MenteeCategory::Pupil | MenteeCategory::Student => crate::render::kinds::study_phrase(
            kind,
            m.class_or_position.as_deref(),
            &m.study,
            gender(model, &m.name),
        ),
        MenteeCategory::Educator => m.class_or_position.clone(),
    }
}

/// A person's gender: the one given in `declensions`, else by the name.
fn gender(model: &Model, name: &str) -> russian::Gender {
    let given = model
        .declensions
        .get(name)
        .and_then(|d| d.gender.as_deref());
    russian::person_gender(name, given)
}

/// Lookups by name over the participants' tables.
pub(super) struct People<'a> {
    pub(super) mentors: HashMap<&'a str, &'a crate::model::Mentor>,
    pub(super) mentees: HashMap<&'a str, &'a crate::model::Mentee>,
    /// The words of the organisation's kind (a learner's study).
    kind: &'a Value,
    model: &'a Model,
}

impl<'a> People<'a> {
    pub(super) fn new(model: &'a Model, kind: &'a Value) -> Self {
        People {
            mentors: model.mentors.iter().map(|m| (m.name.as_str(), m)).collect(),
            mentees: model.mentees.iter().map(|m| (m.name.as_str(), m)).collect(),
            kind,
            model,
        }
    }

    /// «Должность или класс» of a mentor (a learner's group, course,
    /// specialty), with the outside organisation.
    pub(super) fn mentor_position(&self, name: &str) -> Value {
        let Some(m) = self.mentors.get(name) else {
            return Value::Null;
        };
        let position = mentor_study(self.kind, self.model, m);
        match russian::position_at(position.as_deref(), m.organisation.as_deref()) {
            Some(text) => Value::String(text),
            None => Value::Null,
        }
    }

    /// «Класс или должность» of a mentee (a learner's group, course, specialty).
    pub(super) fn mentee_class(&self, name: &str) -> Value {
        opt(self
            .mentees
            .get(name)
            .and_then(|m| mentee_study(self.kind, self.model, m))
            .as_deref())
    }

    /// A minor: under 18 on the programme's start, or a pupil of unknown age.
    pub(super) fn mentee_minor(&self, name: &str) -> bool {
        match self.mentees.get(name) {
            Some(m) => match m.age {
                Some(age) => age < 18,
                None => m.category == MenteeCategory::Pupil,
            },
            None => false,
        }
    }
}

pub(super) fn staff(model: &Model, s: &crate::model::Staff) -> Value {
    json!({"name": s.name, "position": s.position, "role": opt(s.role.as_deref()),
           "female": female(model, &s.name)})
}

/// Whether a person is a woman (for «именуемая», «действующей»): the gender
/// given in `declensions` wins, then the patronymic; `null` when unknown.
pub(super) fn female(model: &Model, name: &str) -> Value {
    match gender(model, name) {
        russian::Gender::Female => Value::Bool(true),
        russian::Gender::Male => Value::Bool(false),
        russian::Gender::Androgynous => Value::Null,
    }
}

pub(super) fn mentor_category(c: MentorCategory) -> &'static str {
    match c {
        MentorCategory::Educator => "педагог",
        MentorCategory::Pupil => "обучающийся",
        MentorCategory::Student => "студент",
        MentorCategory::Employer => "работодатель",
    }
}

pub(super) fn mentors(model: &Model, people: &People) -> Value {
    Value::Array(
        model
            .mentors
            .iter()
            .map(|m| {
                json!({
                    "name": m.name,
                    "category": mentor_category(m.category),
                    "position": people.mentor_position(&m.name),
                    "organisation": opt(m.organisation.as_deref()),
                    "employee": m.employee,
                    "partner": super::partners::of_mentor(model, m),
                    "pupil": m.category == MentorCategory::Pupil,
                    "experience": m.experience,
                })
            })
            .collect(),
    )
}

pub(super) fn mentees(model: &Model, people: &People) -> Value {
    Value::Array(
        model
            .mentees
            .iter()
            .map(|m| {
                json!({
                    "name": m.name,
                    "category": match m.category {
                        MenteeCategory::Pupil => "обучающийся",
                        MenteeCategory::Educator => "педагог",
                        MenteeCategory::Student => "студент",
                    },
                    "class_or_position": people.mentee_class(&m.name),
                    "age": m.age,
                    "request": opt(m.request.as_deref()),
                })
            })
            .collect(),
    )
}

/// Each mentee's role model in `g`, from the rows of «Пары».
pub(super) fn role_models_of<'a>(model: &'a Model, g: &Group) -> Vec<(&'a str, Option<&'a str>)> {
    model
        .pairs
        .iter()
        .filter(|p| p.group == g.id)
        .map(|p| (p.mentee.as_str(), p.role_model.as_deref()))
        .collect()
}

/// The group's role models, each once in the order of its rows: a group
/// merged from rows of several models is not printed under the first one,
/// and no model stands beside a child's name (a signed order and a group
/// plan are read by several families).
pub(super) fn group_role_models(model: &Model, g: &Group) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (_, m) in role_models_of(model, g) {
        if let Some(m) = m.map(str::trim).filter(|m| !m.is_empty()) {
            if !out.iter().any(|o| o == m) {
                out.push(m.to_owned());
            }
        }
    }
    if out.is_empty() {
        out.extend(g.role_model.clone());
    }
    out
}

/// The group's line of work in neutral words, what the pairs order and
/// the plan print beside named people instead of a role model
/// ([`crate::render::plan_activities::direction`]): each once, in the
/// order of the group's rows.
pub(super) fn group_direction(model: &Model, g: &Group, kind: &Value) -> String {
    use crate::render::plan_activities::{direction, track};
    let mut out: Vec<&str> = Vec::new();
    for (_, m) in role_models_of(model, g) {
        let d = direction(track(g.form, m));
        if !out.contains(&d) {
            out.push(d);
        }
    }
    if out.is_empty() {
        out.push(direction(track(g.form, g.role_model.as_deref())));
    }
    crate::render::kinds::fill(&out.join(", "), kind)
}

pub(super) fn group_value(model: &Model, g: &Group, people: &People) -> Value {
    let end = g.end.unwrap_or(model.programme.end);
    let models = group_role_models(model, g);
    json!({
        "id": g.id,
        // The id («007») names the file; a text numbers the pair «7».
        "number": match g.id.trim_start_matches('0') {
            "" => "0",
            n => n,
        },
        "mentor": g.mentor,
        "mentor_position": people.mentor_position(&g.mentor),
        "form": g.form.name(),
        "role_model": (!models.is_empty()).then(|| models.join("», «")),
        "role_models_plural": models.len() > 1,
        "direction": group_direction(model, g, people.kind),
        "start": date(g.start),
        "end": date(end),
        "is_group": g.is_group(),
        "kind": if g.is_group() { "группа" } else { "пара" },
        "mentees": g.mentees.iter().map(|n| json!({
            "name": n,
            "class_or_position": people.mentee_class(n),
            "minor": people.mentee_minor(n),
        })).collect::<Vec<_>>(),
    })
}

pub(super) fn groups(model: &Model, people: &People) -> Value {
    Value::Array(
        model
            .groups
            .iter()
            .map(|g| group_value(model, g, people))
            .collect(),
    )
}

/// One row per row of the «Пары» sheet, for the annex table of `order-pairs`.
pub(super) fn pair_rows(model: &Model, people: &People) -> Value {
    Value::Array(
        model
            .pairs
            .iter()
            .map(|p| {
                json!({
                    "group": p.group,
                    "mentor": p.mentor,
                    "mentor_position": people.mentor_position(&p.mentor),
                    "mentee": p.mentee,
                    "mentee_class": people.mentee_class(&p.mentee),
                    "form": p.form.name(),
                    "role_model": opt(p.role_model.as_deref()),
                    "start": date(p.start),
                    "end": opt_date(p.end.or(Some(model.programme.end))),
                })
            })
            .collect(),
    )
}

/// Those counted in the tables and not in the pairs order, grouped by why:
/// `{n, reasons: [{n, rule_title}]}`: for a finding of their own (the rule's title),
/// `{n, partner: true}` for a partner held back.
pub(super) fn not_included(
    src: &Sources,
    tables: &BTreeSet<String>,
    shown: &BTreeSet<String>,
) -> Value {
    // What a document says of a rule: the act's words (`ground`) where the
    // rule gives them, else its title.
    #[derive(PartialEq)]
    enum Said {
        Ground(String),
        Title(String),
    }
    // (partner held back, partner refused, refused, refused the written
    // consent to mentoring, the rule) → how many.
    type Reason = (bool, bool, bool, bool, Option<Said>);
    let mut by_reason: Vec<(Reason, usize)> = Vec::new();
    for name in tables.difference(shown) {
        // Their own finding, else a pair of theirs the check rejected.
        let held = src
            .cast
            .held_back
            .iter()
            .find(|h| &h.name == name)
            .or_else(|| {
                src.cast.held_back.iter().find(|h| {
                    h.role == crate::cast::PAIR
                        && (h.name.starts_with(&format!("{name} — "))
                            || h.name.ends_with(&format!(" — {name}")))
                })
            });
        let reason: Reason = match held {
            Some(h) if h.partner.is_some() => {
                (true, h.partner_refused, false, h.refused_mentoring, None)
            }
            Some(h) if h.refused => (false, false, true, h.refused_mentoring, None),
            // The act's words where the rule gives them (`ground`), else
            // its title.
            Some(h) => (
                false,
                false,
                false,
                false,
                Some(
                    src.report
                        .rules
                        .iter()
                        .find(|r| r.meta.id == h.rule)
                        .map_or_else(
                            || Said::Title(h.rule.clone()),
                            |r| match &r.meta.ground {
                                Some(g) => Said::Ground(g.clone()),
                                None => Said::Title(r.meta.title.clone()),
                            },
                        ),
                ),
            ),
            // Everyone the cast removes is held back or left without a
            // pair for a partner: anything else is the cast's bug.
            None => {
                debug_assert!(false, "{name} left out of the cast unlisted");
                (
                    false,
                    false,
                    false,
                    false,
                    Some(Said::Title(String::from("не включён по решению проверки"))),
                )
            }
        };
        match by_reason.iter_mut().find(|(r, _)| *r == reason) {
            Some((_, n)) => *n += 1,
            None => by_reason.push((reason, 1)),
        }
    }
    let total: usize = by_reason.iter().map(|(_, n)| n).sum();
    json!({
        "n": total,
        "reasons": by_reason
            .into_iter()
            .map(|((partner, partner_refused, refused, mentoring, title), n)| {
                let (ground, title) = match title {
                    Some(Said::Ground(g)) => (Some(g), None),
                    Some(Said::Title(t)) => (None, Some(t)),
                    None => (None, None),
                };
                json!({"n": n, "rule_title": title, "ground": ground, "partner": partner,
                       "partner_refused": partner_refused, "refused": refused,
                       "refused_mentoring": mentoring})
            })
            .collect::<Vec<_>>(),
    })
}

/// The mentors an order names, split by how they take part: employees are
/// appointed («назначить»), pupils and outside mentors take part on their
/// (or their parents') consent or an agreement with their organisation
/// («привлечь»). `staff`, `pupils`, `outside`: lists as in `mentors`.
pub(super) fn mentors_by_kind(mentors: &Value) -> Value {
    let all = mentors.as_array().map(Vec::as_slice).unwrap_or_default();
    let pick =
        |f: &dyn Fn(&Value) -> bool| Value::Array(all.iter().filter(|m| f(m)).cloned().collect());
    let employee = |m: &Value| m["employee"].as_bool() == Some(true);
    let pupil = |m: &Value| m["pupil"].as_bool() == Some(true);
    json!({
        "staff": pick(&employee),
        "pupils": pick(&|m| !employee(m) && pupil(m)),
        "outside": pick(&|m| !employee(m) && !pupil(m)),
    })
}

/// The role models the pairs and groups use, per form, for the programme:
/// `[{"form", "models": [...]}]`, forms in the order of [`Form::ALL`].
pub(super) fn role_models(model: &Model) -> Value {
    let mut out = Vec::new();
    for form in Form::ALL {
        let models: BTreeSet<&str> = model
            .groups
            .iter()
            .filter(|g| g.form == form)
            .filter_map(|g| g.role_model.as_deref())
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .collect();
        if !models.is_empty() {
            out.push(
                json!({"form": form.name(), "models": models.into_iter().collect::<Vec<_>>()}),
            );
        }
    }
    Value::Array(out)
}

/// The role models of each form as the regulation lists them (the
/// methodology's, Р-145), followed by any other the pairs use: a model
/// used in the programme is never missing from its regulation.
/// `{"pupil_pupil": "«успевающий – неуспевающий», …", …}`, keys as `uses`.
pub(super) fn role_models_text(model: &Model, kind: &Value) -> Value {
    const EMPLOYER: &[&str] = &[
        "активный профессионал – равнодушный потребитель",
        "коллега – молодой коллега",
        "работодатель – будущий сотрудник",
    ];
    const PEERS: &[&str] = &[
        "успевающий – неуспевающий",
        "лидер – пассивный",
        "равный – равному",
    ];
    let forms: [(&str, Form, &[&str]); 7] = [
        ("pupil_pupil", Form::PupilPupil, PEERS),
        (
            "teacher_teacher",
            Form::TeacherTeacher,
            &[
                "опытный педагог – молодой специалист",
                kind["teacher_role_model"]
                    .as_str()
                    .unwrap_or("опытный педагог – молодой специалист"),
                "лидер педагогического сообщества – педагог, испытывающий проблемы",
            ],
        ),
        (
            "student_pupil",
            Form::StudentPupil,
            &[
                "успевающий – неуспевающий",
                "лидер – равнодушный",
                "равный – другому",
                "куратор – автор проекта",
            ],
        ),
        ("employer_pupil", Form::EmployerPupil, EMPLOYER),
        ("employer_student", Form::EmployerStudent, EMPLOYER),
        ("educator_learner", Form::EducatorLearner, &[]),
        // A variation of «ученик – ученик» (seed 004): its role models.
        ("student_student", Form::StudentStudent, PEERS),
    ];
    let mut out = Map::new();
    for (key, form, standard) in forms {
        let mut list: Vec<String> = standard.iter().map(|m| (*m).to_owned()).collect();
        // Every pair's own role model: a group's pairs may differ, and the
        // regulation must allow each one the pairs order names.
        for p in model.pairs.iter().filter(|p| p.form == form) {
            if let Some(used) = p.role_model.as_deref().map(str::trim) {
                let known = list
                    .iter()
                    .any(|m| crate::text::key(m) == crate::text::key(used));
                if !used.is_empty() && !known {
                    list.push(used.to_owned());
                }
            }
        }
        let text = list
            .iter()
            .map(|m| russian::quote(m))
            .collect::<Vec<_>>()
            .join(", ");
        out.insert(key.into(), Value::String(text));
    }
    Value::Object(out)
}

/// Why the pairs the check rejects are not fixed, rule by rule, in the
/// act's words (`ground`) or else the rule's title: `[{n, ground}]`. Those
/// of one document (`doc`), or all.
pub(super) fn rejected_pair_reasons(src: &Sources, doc: Option<&str>) -> Value {
    let mut why: Vec<(String, usize)> = Vec::new();
    for h in src.cast.held_back.iter().filter(|h| {
        h.role == crate::cast::PAIR && doc.is_none_or(|d| h.documents.iter().any(|x| x == d))
    }) {
        let said = match src.report.rules.iter().find(|r| r.meta.id == h.rule) {
            Some(r) => match &r.meta.ground {
                Some(g) => g.clone(),
                None => format!("не выполнено требование {}", russian::quote(&r.meta.title)),
            },
            None => format!("не выполнено требование {}", russian::quote(&h.rule)),
        };
        match why.iter_mut().find(|(w, _)| *w == said) {
            Some((_, n)) => *n += 1,
            None => why.push((said, 1)),
        }
    }
    Value::Array(
        why.into_iter()
            .map(|(ground, n)| json!({"n": n, "ground": ground}))
            .collect(),
    )
}
