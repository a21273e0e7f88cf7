//! Loading a programme: programme.json → schema → tables → cross-checks → [`Model`].
//!
//! Every problem found is collected, in the order found: JSON syntax stops
//! everything (nothing can be read), but schema problems do not stop the
//! tables from being read when `/inputs` itself is readable, so a user sees
//! all that is wrong in one run.

pub mod checks;
pub mod groups;
mod summary;

pub use summary::summary;

use crate::diag::{Error, Place, Problem, Result};
use crate::fsread::{self, ReadError};
use crate::ingest::{self, Inputs};
use crate::model::{
    Council, FinalEvent, Layout, Model, NameForms, Organisation, Partner, PositionForms,
    ProgrammeInfo, Protocol, RegisteredOrder, Reward, Staff, TrainingEvent,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The name programme.json is looked for under in a folder.
pub const PROGRAMME_FILE: &str = "programme.json";

/// A programme loaded and validated.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub model: Model,
    /// The programme.json that was read.
    pub programme_path: PathBuf,
    /// Its folder: paths inside programme.json are relative to it.
    pub base_dir: PathBuf,
    /// The table files read, as paths (`generate` never writes over them).
    pub inputs: Vec<PathBuf>,
    /// What the tables leave unread and is no error ([`ingest::Tables::notices`]):
    /// printed as warnings, never a reason to refuse.
    pub notices: Vec<Problem>,
}

/// programme.json as deserialised after the schema has passed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProgrammeJson {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layout: Option<Layout>,
    pub organisation: Organisation,
    pub programme: ProgrammeInfo,
    pub curator: Staff,
    #[serde(default)]
    pub team: Vec<Staff>,
    #[serde(default)]
    pub orders: BTreeMap<String, RegisteredOrder>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub council: Option<Council>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pupils_council: Option<Protocol>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parents_council: Option<Protocol>,
    #[serde(default)]
    pub mentor_training: Vec<TrainingEvent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_event: Option<FinalEvent>,
    #[serde(default)]
    pub rewards: Vec<Reward>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partners: Vec<Partner>,
    #[serde(default)]
    pub declensions: BTreeMap<String, NameForms>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_date: Option<chrono::NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_number: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub position_forms: BTreeMap<String, PositionForms>,
    pub inputs: Inputs,
}

/// Where programme.json is: `path` itself, or `path/programme.json` for a folder.
pub fn programme_path(path: &Path) -> PathBuf {
    if path.is_dir() {
        path.join(PROGRAMME_FILE)
    } else {
        path.to_path_buf()
    }
}

/// Loads `path` (a programme.json or the folder holding one), reporting every problem found.
pub fn load(path: &Path) -> Result<Loaded> {
    let programme_path = programme_path(path);
    let shown = programme_path.display().to_string();
    let base_dir = programme_path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let file_place = || Place::File {
        file: shown.clone(),
    };
    let text = fsread::read_text(&programme_path, fsread::Kind::Programme).map_err(|e| {
        let message = match e {
            ReadError::NotFound if path.is_dir() => {
                format!("в папке нет файла {PROGRAMME_FILE}")
            }
            ReadError::NotUtf8 => {
                "файл не в кодировке UTF-8; сохраните programme.json в UTF-8".to_owned()
            }
            e => e.message(),
        };
        Error::input(Problem::new(file_place(), message))
    })?;
    let programme_file = crate::model::InputFile::of(PROGRAMME_FILE, text.as_bytes());
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut value = crate::schema::parse(text, &shown).map_err(Error::input)?;
    integral_floats_as_integers(&mut value);
    let mut problems = crate::schema::validate(&value, &shown)?;

    // With a valid schema everything deserialises; otherwise try `/inputs`
    // alone so the tables are still checked.
    // The schema bounds every value the model holds (each integer has a
    // maximum its Rust type takes, a test in `schema` checks it), so a
    // programme that passed it and does not deserialise is a bug.
    let programme: Option<ProgrammeJson> = if problems.is_empty() {
        Some(serde_json::from_value(value.clone()).map_err(|e| {
            Error::internal(format!(
                "{shown} прошёл проверку по схеме, но не читается в модель: {e}"
            ))
        })?)
    } else {
        None
    };
    let inputs: Option<Inputs> = match &programme {
        Some(p) => Some(p.inputs.clone()),
        None => value
            .get("inputs")
            .cloned()
            .and_then(|v| serde_json::from_value::<Inputs>(v).ok()),
    };
    let Some(inputs) = inputs else {
        return Err(Error::Input(problems));
    };
    let (mut tables, mut table_problems) = ingest::read_all(&base_dir, &inputs);
    problems.append(&mut table_problems);
    checks::run(&mut tables, &mut problems);
    let Some(mut programme) = programme else {
        return Err(Error::Input(problems));
    };
    let mut number_notices = Vec::new();
    document_numbers(&mut programme, &shown, &mut problems, &mut number_notices);
    check_programme(&programme, &tables, &shown, &mut problems);
    if let Some(region) = &programme.region {
        // Resolved again by the run's profile; refused here so `validate`
        // says what `check` would.
        problems.extend(crate::layers::check_written_region(
            region, &base_dir, &shown,
        ));
    }
    if !problems.is_empty() {
        return Err(Error::Input(problems));
    }
    let inputs = input_files(&base_dir, &programme.inputs);
    let mut notices = number_notices;
    notices.append(&mut tables.notices);
    let mut model = assemble(programme, tables);
    let over = headcounts_below_tables(&model, &shown);
    if !over.is_empty() {
        return Err(Error::Input(over));
    }
    model.files.insert(0, programme_file);
    Ok(Loaded {
        model,
        programme_path,
        base_dir,
        inputs,
        notices,
    })
}

/// The table files of `/inputs`, resolved against programme.json's folder.
fn input_files(base_dir: &Path, inputs: &Inputs) -> Vec<PathBuf> {
    [
        Some(&inputs.mentors),
        Some(&inputs.mentees),
        Some(&inputs.pairs),
        Some(&inputs.roadmap),
        inputs.survey.as_ref(),
    ]
    .into_iter()
    .flatten()
    .map(|input| base_dir.join(&input.file))
    .collect()
}

/// The numbers of documents as typed in programme.json (each order's,
/// the councils' protocols', the report's): «№» the documents print
/// themselves is taken off, said as a warning at its pointer («№ № 163-о»
/// was printed); a number that carries a date («156-о от 10.10.2025»,
/// printed «от 10.10.2025 № 156-о от 10.10.2025») or is empty is refused
/// there — the date has a field of its own.
fn document_numbers(
    p: &mut ProgrammeJson,
    shown: &str,
    problems: &mut Vec<Problem>,
    notices: &mut Vec<Problem>,
) {
    let mut numbers: Vec<(String, &mut String)> = Vec::new();
    for (key, order) in &mut p.orders {
        numbers.push((format!("/orders/{key}/number"), &mut order.number));
    }
    if let Some(c) = &mut p.council {
        numbers.push(("/council/number".to_owned(), &mut c.number));
    }
    if let Some(c) = &mut p.pupils_council {
        numbers.push(("/pupils_council/number".to_owned(), &mut c.number));
    }
    if let Some(c) = &mut p.parents_council {
        numbers.push(("/parents_council/number".to_owned(), &mut c.number));
    }
    if let Some(n) = &mut p.report_number {
        numbers.push(("/report_number".to_owned(), n));
    }
    for (pointer, number) in numbers {
        let at = || Place::Pointer {
            file: shown.to_owned(),
            pointer: pointer.clone(),
        };
        let typed = number.trim().to_owned();
        let bare = typed
            .strip_prefix('№')
            .map(|n| n.trim_start_matches([' ', '\u{a0}', '№']).trim());
        let rest = bare.unwrap_or(&typed).to_owned();
        if rest.is_empty() {
            problems.push(Problem::new(
                at(),
                format!("номер «{typed}» пуст: укажите номер документа без «№»"),
            ));
            continue;
        }
        match crate::docref::parse(&rest) {
            Ok(r) if r.date.is_some() => {
                let only = r.number.map(|n| format!(" («{n}»)")).unwrap_or_default();
                problems.push(Problem::new(
                    at(),
                    format!(
                        "в номере «{typed}» есть дата: дата документа указывается в поле date рядом, а в number — только номер{only}; иначе документы напечатают дату дважды"
                    ),
                ));
                continue;
            }
            Err(why) => {
                problems.push(Problem::new(
                    at(),
                    format!("номер «{typed}» не читается: {why}; в number — только номер, дата — в поле date"),
                ));
                continue;
            }
            Ok(_) => {}
        }
        if bare.is_some() {
            notices.push(Problem::new(
                at(),
                format!(
                    "номер записан со знаком «№» («{typed}»): читается как «{rest}» — «№» документы печатают сами"
                ),
            ));
            *number = rest;
        }
    }
}

/// Checks of programme.json against itself and the tables.
fn check_programme(
    p: &ProgrammeJson,
    tables: &ingest::Tables,
    shown: &str,
    problems: &mut Vec<Problem>,
) {
    let at = |pointer: &str| Place::Pointer {
        file: shown.to_owned(),
        pointer: pointer.to_owned(),
    };
    if p.programme.end < p.programme.start {
        problems.push(Problem::new(
            at("/programme/end"),
            format!(
                "дата окончания программы {} раньше даты начала {}",
                crate::russian::date_short(p.programme.end),
                crate::russian::date_short(p.programme.start)
            ),
        ));
    }
    // A part of a headcount cannot exceed the whole: each regional share
    // would be over 100 %.
    let o = &p.organisation;
    let parts = [
        (
            "students_10_19",
            "обучающихся от 10 до 19 лет",
            o.students_10_19,
            "обучающихся (/organisation/students)",
            Some(o.students),
        ),
        (
            "students_15_19",
            "обучающихся от 15 до 19 лет",
            o.students_15_19,
            "обучающихся от 10 до 19 лет (/organisation/students_10_19)",
            o.students_10_19,
        ),
        (
            "students_15_19",
            "обучающихся от 15 до 19 лет",
            o.students_15_19,
            "обучающихся (/organisation/students)",
            Some(o.students),
        ),
        (
            "young_teachers",
            "молодых специалистов",
            o.young_teachers,
            "педагогических работников (/organisation/teachers)",
            Some(o.teachers),
        ),
    ];
    let mut said = std::collections::BTreeSet::new();
    for (key, what, part, whole_what, whole) in parts {
        if let (Some(part), Some(whole)) = (part, whole) {
            if part > whole && said.insert(key) {
                problems.push(Problem::new(
                    at(&format!("/organisation/{key}")),
                    format!("число {what} ({part}) больше числа {whole_what} ({whole}): исправьте одно из чисел"),
                ));
            }
        }
    }
    // A mentor's organisation must name one partner: two partners under
    // one name (full or short) would make the documents cite either.
    for (i, partner) in p.partners.iter().enumerate() {
        let earlier = p.partners[..i]
            .iter()
            .position(|q| q.is_named(&partner.name) || q.is_named(&partner.short_name));
        if let Some(j) = earlier {
            problems.push(Problem::new(
                at(&format!("/partners/{i}")),
                format!(
                    "организация-партнёр «{}» уже указана (/partners/{j}): объедините записи, чтобы наставник из неё относился к одному соглашению",
                    partner.short_name
                ),
            ));
        }
    }
    // A birth date after the programme's start, or a century before it,
    // is a typo: the consent it decides (a parent's or one's own) and the
    // «г. р.» a parent signs would be false.
    for m in &tables.mentees {
        let Some(born) = m.birth_date else { continue };
        let start = p.programme.start;
        let wrong = if born > start {
            Some(format!(
                "дата рождения {} позже начала программы ({})",
                crate::russian::date_short(born),
                crate::russian::date_short(start)
            ))
        } else if start.years_since(born).is_some_and(|y| y >= 100) {
            Some(format!(
                "дата рождения {}: на начало программы ({}) наставляемому было бы больше 100 лет",
                crate::russian::date_short(born),
                crate::russian::date_short(start)
            ))
        } else {
            None
        };
        if let Some(wrong) = wrong {
            let place = checks::layout_cell(tables, &m.source, "birth_date");
            problems.push(Problem::new(
                place,
                format!("{}: {wrong}; исправьте дату", m.name),
            ));
        }
    }
    for (i, r) in p.rewards.iter().enumerate() {
        let key = crate::text::key(&r.mentor);
        if !tables
            .mentors
            .iter()
            .any(|m| crate::text::key(&m.name) == key)
        {
            let near = checks::nearest(&r.mentor, tables.mentors.iter().map(|m| m.name.as_str()));
            let mut message = format!("наставник «{}» не найден на листе «Наставники»", r.mentor);
            if let Some(near) = near {
                message.push_str(&format!("; возможно, имелся в виду «{near}»"));
            }
            problems.push(Problem::new(at(&format!("/rewards/{i}/mentor")), message));
        }
    }
}

/// A headcount smaller than the people of that kind the tables put in
/// pairs and groups: every share over it would be above 100 % («33 из 5
/// (660,0 %) — целевое значение достигнуто»). Compared with the tables'
/// own figures ([`crate::figures::Figures::of`], what the documents count
/// before anyone is held back), so what passes here never prints over 100 %.
fn headcounts_below_tables(model: &crate::model::Model, shown: &str) -> Vec<Problem> {
    let f = crate::figures::Figures::of(model);
    [
        ("students", "обучающихся", &f.learners),
        ("students_10_19", "обучающихся от 10 до 19 лет", &f.learners_10_19),
        ("students_15_19", "обучающихся от 15 до 19 лет", &f.learners_15_19),
        ("teachers", "педагогических работников", &f.teachers),
        ("young_teachers", "молодых специалистов", &f.young_teachers),
    ]
    .into_iter()
    .filter(|(_, _, c)| c.total > 0 && c.covered > c.total as usize)
    .map(|(key, what, c)| {
        Problem::new(
            Place::Pointer {
                file: shown.to_owned(),
                pointer: format!("/organisation/{key}"),
            },
            format!(
                "численность {what} организации — {}, а в парах и группах таблиц программы их {}: доля охвата была бы больше 100 %; укажите численность {what} всей организации",
                c.total, c.covered
            ),
        )
    })
    .collect()
}

/// JSON Schema counts `3.0` and `-0.0` as integers, serde's `u32` does not:
/// such numbers are read as the integers they are, so a programme the
/// schema accepts always deserialises.
fn integral_floats_as_integers(value: &mut Value) {
    match value {
        Value::Number(n) if !n.is_i64() && !n.is_u64() => {
            if let Some(f) = n.as_f64() {
                // 2^53: above it a float no longer names one integer.
                if f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_992.0 {
                    *value = Value::from(f as i64);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integral_floats_as_integers),
        Value::Object(map) => map.values_mut().for_each(integral_floats_as_integers),
        _ => {}
    }
}

/// Builds the model: groups, ages; `layout.gost` defaults to 2025.
fn assemble(p: ProgrammeJson, mut t: ingest::Tables) -> Model {
    let groups = groups::assign(&mut t.pairs);
    groups::ages_at_start(&mut t.mentors, &mut t.mentees, &t.pairs, p.programme.start);
    Model {
        region: p.region,
        layout: p.layout.unwrap_or_default(),
        organisation: p.organisation,
        programme: p.programme,
        curator: p.curator,
        team: p.team,
        orders: p.orders,
        orders_after_date: Default::default(),
        protocols_after_date: Default::default(),
        council: p.council,
        pupils_council: p.pupils_council,
        parents_council: p.parents_council,
        mentor_training: p.mentor_training,
        final_event: p.final_event,
        rewards: p.rewards,
        partners: p.partners,
        declensions: p.declensions,
        position_forms: p.position_forms,
        mentors: t.mentors,
        mentees: t.mentees,
        pairs: t.pairs,
        groups,
        roadmap: t.roadmap,
        survey: t.survey,
        layouts: t.layouts,
        files: t.files,
        report_date: p.report_date,
        report_number: p.report_number,
    }
}

/// The programme.json part of a model, for writing it back (`init`).
pub fn programme_json(model: &Model, inputs: Inputs) -> Result<Value> {
    let p = ProgrammeJson {
        region: model.region.clone(),
        layout: Some(model.layout.clone()),
        organisation: model.organisation.clone(),
        programme: model.programme.clone(),
        curator: model.curator.clone(),
        team: model.team.clone(),
        orders: model.orders.clone(),
        council: model.council.clone(),
        pupils_council: model.pupils_council.clone(),
        parents_council: model.parents_council.clone(),
        mentor_training: model.mentor_training.clone(),
        final_event: model.final_event.clone(),
        rewards: model.rewards.clone(),
        partners: model.partners.clone(),
        declensions: model.declensions.clone(),
        report_date: model.report_date,
        report_number: model.report_number.clone(),
        position_forms: model.position_forms.clone(),
        inputs,
    };
    let mut value = serde_json::to_value(p)
        .map_err(|e| Error::internal(format!("модель не сериализуется в programme.json: {e}")))?;
    drop_nulls(&mut value);
    Ok(value)
}

/// Removes `null` members: the schema wants an absent field, not a null one.
fn drop_nulls(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            map.values_mut().for_each(drop_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}
