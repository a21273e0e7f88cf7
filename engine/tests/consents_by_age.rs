//! Who signs a consent follows the participant's age at the start of
//! their pair (not at the programme's start): under 18 — the parent's form
//! (`consent-parent`), with a line for the minor's own signature from 14;
//! 18 and over — the participant's own (`consent-participant`), never a
//! parent's form for an adult (152-ФЗ ст. 9). A table test over ages 13,
//! 14, 17, 18, 19 at the pair's start, a college student turning 18
//! between the programme's start and the pair's, and the forms' text read
//! from the DOCX.

#[path = "support/package_text.rs"]
mod package_text;

use chrono::Months;
use nastavnik_engine::load::groups::ages_at_start;
use nastavnik_engine::model::{MenteeCategory, OrgKind};
use nastavnik_engine::render::catalogue::{self, Entries};
use nastavnik_engine::{Model, NaiveDate};

/// The example as a college whose first paired mentee is a student of
/// `age` full years on the day their pair starts, `late` days after the
/// programme's start; the mentee's name and the model.
fn student_aged(age: u32, late: u64) -> (String, Model) {
    let mut m = nastavnik_engine::example::model();
    m.organisation.kind = OrgKind::College;
    let start = m.programme.start + chrono::Days::new(late);
    let name = m.groups[0].mentees[0].clone();
    for p in m.pairs.iter_mut().filter(|p| p.mentee == name) {
        p.start = start;
    }
    for g in m.groups.iter_mut().filter(|g| g.mentees.contains(&name)) {
        g.start = start;
    }
    let birth = start
        .checked_sub_months(Months::new(12 * age))
        .expect("a date");
    let mentee = m
        .mentees
        .iter_mut()
        .find(|x| x.name == name)
        .expect("the mentee");
    mentee.category = MenteeCategory::Student;
    mentee.birth_date = Some(birth);
    mentee.consent_pd = None;
    let programme_start = m.programme.start;
    ages_at_start(&mut m.mentors, &mut m.mentees, &m.pairs, programme_start);
    (name, m)
}

/// The consent forms planned for `name`: the catalogue ids without their
/// number.
fn consents_of(m: &Model, name: &str) -> Vec<String> {
    let plan = catalogue::plan(&Entries::base().expect("catalogue"), m, m);
    plan.documents
        .iter()
        .filter(|d| d.id.starts_with("consent-"))
        .filter(|d| d.extra.as_ref().and_then(|s| s.person.as_deref()) == Some(name))
        .map(|d| {
            d.id.rsplit_once('-')
                .map_or(d.id.clone(), |(k, _)| k.to_owned())
        })
        .collect()
}

#[test]
fn the_consent_follows_the_age_at_the_pairs_start() {
    for (age, wanted) in [
        (13, "consent-parent"),
        (14, "consent-parent"),
        (17, "consent-parent"),
        (18, "consent-participant"),
        (19, "consent-participant"),
    ] {
        let (name, m) = student_aged(age, 0);
        assert_eq!(consents_of(&m, &name), vec![wanted.to_owned()], "age {age}");
    }
}

#[test]
fn eighteen_after_the_programme_started_but_before_the_pair_signs_herself() {
    // 17 on the programme's start, 18 on the day the pair starts.
    let (name, m) = student_aged(18, 40);
    let at_programme_start = m
        .mentees
        .iter()
        .find(|x| x.name == name)
        .and_then(|x| x.birth_date)
        .map(|b| nastavnik_engine::load::groups::age_on(b, m.programme.start));
    assert_eq!(at_programme_start, Some(17));
    assert_eq!(
        consents_of(&m, &name),
        vec!["consent-participant".to_owned()]
    );
}

fn texts_for(age: u32) -> (String, std::collections::BTreeMap<String, String>) {
    let (name, m) = student_aged(age, 0);
    let date = NaiveDate::from_ymd_opt(2025, 12, 15).expect("date");
    let (texts, _) = package_text::package_at(m, date);
    let mine = texts
        .into_iter()
        .filter(|(file, text)| file.starts_with("consent-") && text.contains(&surname(&name)))
        .collect();
    (name, mine)
}

fn surname(name: &str) -> String {
    name.split_whitespace().next().unwrap_or(name).to_owned()
}

#[test]
fn a_minor_of_14_signs_beside_the_parent_and_a_college_names_the_group() {
    let (name, texts) = texts_for(14);
    let (file, text) = texts
        .iter()
        .find(|(f, _)| f.starts_with("consent-parent"))
        .unwrap_or_else(|| panic!("no parent's form for {name}: {:?}", texts.keys()));
    assert!(
        text.contains("(подпись несовершеннолетне"),
        "{file}: {text}"
    );
    assert!(
        text.contains("учебная группа, курс, специальность (профессия)"),
        "{file}: {text}"
    );
    assert!(!text.contains("дата рождения; класс;"), "{file}: {text}");
    let (_, texts) = texts_for(13);
    let text = texts
        .iter()
        .find(|(f, _)| f.starts_with("consent-parent"))
        .map(|(_, t)| t.clone())
        .expect("a parent's form at 13");
    assert!(!text.contains("(подпись несовершеннолетне"), "{text}");
}

#[test]
fn an_adult_signs_her_own_consent_and_no_parent_is_asked() {
    let (name, texts) = texts_for(19);
    assert!(
        texts.keys().all(|f| !f.starts_with("consent-parent")),
        "a parent's form for an adult: {:?}",
        texts.keys()
    );
    let (file, text) = texts
        .iter()
        .find(|(f, _)| f.starts_with("consent-participant"))
        .unwrap_or_else(|| panic!("no own consent for {name}: {:?}", texts.keys()));
    assert!(text.contains(&format!("Я, {name}")), "{file}: {text}");
    assert!(!text.contains("родител"), "{file}: {text}");
}

/// A college's own student mentor: by the birth date the «Наставники»
/// table now reads, one under 18 at the start of her first pair gets the
/// parent's form (a reader found a 17-year-old signing her own consent,
/// 152-ФЗ ст. 9), one of 18 signs herself, one of unknown age signs
/// herself as before.
#[test]
fn a_student_mentor_under_18_gets_the_parents_form() {
    use nastavnik_engine::model::MentorCategory;
    let m = nastavnik_engine::example::model_of(OrgKind::College);
    let (i, name) = m
        .mentors
        .iter()
        .enumerate()
        .find(|(_, x)| {
            x.category == MentorCategory::Student
                && x.organisation
                    .as_deref()
                    .is_none_or(|o| o.trim().is_empty())
                && m.pairs.iter().any(|p| p.mentor == x.name)
        })
        .map(|(i, x)| (i, x.name.clone()))
        .expect("an own student mentor with a pair in the college example");
    let first = m
        .pairs
        .iter()
        .filter(|p| p.mentor == name)
        .map(|p| p.start)
        .min()
        .expect("a pair");
    let aged = |years: u32| {
        let mut m = m.clone();
        m.mentors[i].birth_date = first.checked_sub_months(Months::new(12 * years));
        let start = m.programme.start;
        ages_at_start(&mut m.mentors, &mut m.mentees, &m.pairs, start);
        m
    };
    assert_eq!(consents_of(&aged(17), &name), ["consent-parent"]);
    // The parent's form itself, read from the DOCX, is for her.
    let (texts, _) = package_text::package_at(aged(17), first);
    let surname = name.split_whitespace().next().expect("a surname");
    let form = texts
        .iter()
        .find(|(f, t)| f.starts_with("consent-parent-") && t.contains(surname))
        .map(|(_, t)| t.clone())
        .unwrap_or_else(|| panic!("no parent's form naming {surname}"));
    assert!(form.contains("несовершеннолетн"), "{form}");
    // At 17 she signs beside the parent, and her birth date is given.
    assert!(form.contains("(подпись несовершеннолетне"), "{form}");
    let born = aged(17).mentors[i].birth_date.expect("a birth date");
    assert!(
        form.contains(&format!("{}", born.format("%d.%m.%Y"))),
        "{form}"
    );
    assert_eq!(consents_of(&aged(18), &name), ["consent-participant"]);
    let mut unknown = m.clone();
    unknown.mentors[i].birth_date = None;
    let start = unknown.programme.start;
    ages_at_start(
        &mut unknown.mentors,
        &mut unknown.mentees,
        &unknown.pairs,
        start,
    );
    assert_eq!(consents_of(&unknown, &name), ["consent-participant"]);
}

/// A college's own student mentor under 18 at the start of her first pair
/// without a consent: the rule asks for her parent's (legal
/// representative's), not hers — a rule of its own, whose ground the
/// orders print —; a refusal is the parent's too. An adult student mentor
/// is asked, and refuses, herself.
#[test]
fn a_minor_student_mentors_missing_consent_names_the_parent() {
    use nastavnik_engine::model::MentorCategory;
    use nastavnik_engine::rules::RuleSet;
    let m = nastavnik_engine::example::model_of(OrgKind::College);
    let i = m
        .mentors
        .iter()
        .position(|x| {
            x.category == MentorCategory::Student
                && x.organisation.is_none()
                && m.pairs.iter().any(|p| p.mentor == x.name)
        })
        .expect("an own student mentor with a pair");
    let name = m.mentors[i].name.clone();
    let first = m
        .pairs
        .iter()
        .filter(|p| p.mentor == name)
        .map(|p| p.start)
        .min()
        .expect("a pair");
    let message = |years: u32, consent: Option<bool>, rule: &str| {
        let mut m = m.clone();
        m.mentors[i].birth_date = first.checked_sub_months(Months::new(12 * years));
        m.mentors[i].consent_pd = consent;
        let start = m.programme.start;
        ages_at_start(&mut m.mentors, &mut m.mentees, &m.pairs, start);
        let report = RuleSet::load(None, None)
            .and_then(|r| r.check(&m))
            .unwrap_or_else(|e| panic!("{e}"));
        report
            .findings
            .iter()
            .find(|f| f.rule == rule && f.message.starts_with(&name))
            .map(|f| f.message.clone())
            .unwrap_or_else(|| panic!("{rule}: nothing about {name}"))
    };
    let minor = message(17, None, "stage3.mentor-parent-consent");
    assert!(
        minor.contains("родителя (законного представителя)"),
        "{minor}"
    );
    let refused = message(17, Some(false), "stage3.consent-refused");
    assert!(
        refused.contains("родитель (законный представитель)") && !refused.contains("не дал(а)"),
        "{refused}"
    );
    let adult = message(19, None, "stage3.mentor-consent");
    assert!(!adult.contains("родител"), "{adult}");
    let adult = message(19, Some(false), "stage3.consent-refused");
    assert!(adult.contains("не дал(а)"), "{adult}");
}
