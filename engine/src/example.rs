//! The example school written by `nastavnik init`: a complete, realistic
//! programme so that every command works at once and a school sees exactly
//! how its own tables should look.
//!
//! [`model`] is the single source: [`write()`] turns it into programme.json and
//! the XLSX tables, and reading those back gives the same model (tested).

mod kinds;
mod people;
mod plan;
mod scale;
mod school;
mod tables;
mod xlsx;

use crate::diag::{Error, Place, Problem, Result};
use crate::ingest::{Input, Inputs};
use crate::model::{Model, RowSource};
use std::path::Path;

pub(crate) const PARTICIPANTS_FILE: &str = "inputs/participants.xlsx";
pub(crate) const ROADMAP_FILE: &str = "inputs/roadmap.xlsx";
pub(crate) const MONITORING_FILE: &str = "inputs/monitoring.xlsx";
pub(crate) const MENTORS_SHEET: &str = "Наставники";
pub(crate) const MENTEES_SHEET: &str = "Наставляемые";
pub(crate) const PAIRS_SHEET: &str = "Пары";
pub(crate) const ROADMAP_SHEET: &str = "Дорожная карта";
pub(crate) const SURVEY_SHEET: &str = "Анкеты";

/// Row (1-based, as the spreadsheet shows it) of the first data row in every
/// example sheet: a merged title row, the header row, then data.
pub(crate) const FIRST_DATA_ROW: u32 = 3;

/// Where the `index`-th data row of an example sheet stands.
pub(crate) fn source(file: &str, sheet: &str, index: usize) -> RowSource {
    RowSource {
        file: file.to_owned(),
        sheet: sheet.to_owned(),
        row: FIRST_DATA_ROW + u32::try_from(index).unwrap_or(u32::MAX - FIRST_DATA_ROW),
    }
}

pub use kinds::model_of;

/// The example programme as a model (what `init` writes, read back).
pub fn model() -> Model {
    let programme = school::programme();
    let mut mentors = people::mentors();
    let mut mentees = people::mentees(programme.start);
    let mut pairs = people::pairs(&mentees);
    let groups = crate::load::groups::assign(&mut pairs);
    crate::load::groups::ages_at_start(&mut mentors, &mut mentees, &pairs, programme.start);
    let survey = plan::survey(&mentors, &mentees);
    Model {
        region: None,
        layout: school::layout(),
        organisation: school::organisation(),
        programme,
        curator: school::curator(),
        team: school::team(),
        orders: school::orders(),
        orders_after_date: Default::default(),
        protocols_after_date: Default::default(),
        council: Some(school::council()),
        pupils_council: Some(school::pupils_council()),
        parents_council: Some(school::parents_council()),
        mentor_training: school::mentor_training(),
        final_event: Some(school::final_event()),
        rewards: school::rewards(),
        partners: school::partners(),
        declensions: school::declensions(),
        position_forms: Default::default(),
        mentors,
        mentees,
        pairs,
        groups,
        roadmap: plan::roadmap(),
        survey,
        layouts: Vec::new(),
        files: Vec::new(),
        report_date: None,
        report_number: Some("14".into()),
    }
    .laid_out()
}

impl Model {
    /// The model with the layouts of the example's sheets, as reading the
    /// XLSX that [`files_of`] writes finds them.
    pub fn laid_out(mut self) -> Model {
        use crate::ingest::{pairs, people, roadmap, sheet::layout_of, survey};
        let files = inputs();
        let layout =
            |input: &Input, specs: &[xlsx::SheetSpec], columns: &[crate::ingest::sheet::Column]| {
                let sheet = input.sheet.as_deref().unwrap_or("");
                specs.iter().find(|s| s.name == sheet).map(|spec| {
                    let headers: Vec<&str> = spec.columns.iter().map(|(h, _)| *h).collect();
                    layout_of(&input.file, sheet, &headers, columns)
                })
            };
        let participants = tables::participants(&self);
        let road = tables::roadmap(&self);
        let monitoring = tables::monitoring(&self);
        let mut layouts = Vec::new();
        layouts.extend(layout(
            &files.mentors,
            &participants,
            &people::mentor_columns::ALL,
        ));
        layouts.extend(layout(
            &files.mentees,
            &participants,
            &people::mentee_columns::ALL,
        ));
        layouts.extend(layout(&files.pairs, &participants, &pairs::ALL));
        layouts.extend(layout(&files.roadmap, &road, &roadmap::ALL));
        if let Some(s) = &files.survey {
            layouts.extend(layout(s, &monitoring, &survey::ALL));
        }
        self.layouts = layouts;
        self
    }
}

pub use scale::{scaled, with_pairs};

/// Where the example's tables are, as written into its programme.json.
pub fn inputs() -> Inputs {
    let input = |file: &str, sheet: &str| Input {
        file: file.to_owned(),
        sheet: Some(sheet.to_owned()),
        columns: std::collections::BTreeMap::new(),
    };
    Inputs {
        mentors: input(PARTICIPANTS_FILE, MENTORS_SHEET),
        mentees: input(PARTICIPANTS_FILE, MENTEES_SHEET),
        pairs: input(PARTICIPANTS_FILE, PAIRS_SHEET),
        roadmap: input(ROADMAP_FILE, ROADMAP_SHEET),
        survey: Some(input(MONITORING_FILE, SURVEY_SHEET)),
    }
}

/// The example's files as (relative path, bytes), in writing order.
/// Same bytes on every run.
pub fn files(region: Option<&str>) -> Result<Vec<(String, Vec<u8>)>> {
    let mut m = model();
    m.region = region.map(str::to_owned);
    files_of(&m)
}

/// programme.json and the XLSX tables of any model laid out like the
/// example's (the benchmarks write scaled-up schools with it).
pub fn files_of(m: &Model) -> Result<Vec<(String, Vec<u8>)>> {
    let json = crate::load::programme_json(m, inputs())?;
    let mut text = serde_json::to_string_pretty(&json)
        .map_err(|e| Error::internal(format!("programme.json не сериализуется: {e}")))?;
    text.push('\n');
    let book = |name: &str, sheets: Vec<xlsx::SheetSpec>| {
        xlsx::workbook(&sheets)
            .map(|bytes| (name.to_owned(), bytes))
            .map_err(|e| Error::internal(format!("книга {name} примера не записывается: {e}")))
    };
    Ok(vec![
        (crate::load::PROGRAMME_FILE.to_owned(), text.into_bytes()),
        book(PARTICIPANTS_FILE, tables::participants(m))?,
        book(ROADMAP_FILE, tables::roadmap(m))?,
        book(MONITORING_FILE, tables::monitoring(m))?,
    ])
}

/// Refuses a file in place of `dir` and a non-empty folder, so that
/// nobody's work is overwritten.
fn check_empty(dir: &Path) -> Result<()> {
    let place = || Place::File {
        file: dir.display().to_string(),
    };
    if dir.is_file() {
        return Err(Error::input(Problem::new(
            place(),
            "это файл, а не папка; укажите новую или пустую папку",
        )));
    }
    if dir.is_dir() {
        let mut entries = std::fs::read_dir(dir)
            .map_err(|e| Error::io(format!("не удалось прочитать папку {}", dir.display()), e))?;
        if entries.next().is_some() {
            return Err(Error::input(Problem::new(
                place(),
                "папка не пуста; пример пишется только в новую или пустую папку, чтобы ничего не перезаписать",
            )));
        }
    }
    Ok(())
}

fn write_files(dir: &Path, files: Vec<(String, Vec<u8>)>) -> Result<()> {
    for (name, bytes) in files {
        let path = dir.join(&name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                Error::io(format!("не удалось создать папку {}", parent.display()), e)
            })?;
        }
        std::fs::write(&path, bytes)
            .map_err(|e| Error::io(format!("не удалось записать файл {}", path.display()), e))?;
    }
    Ok(())
}

/// Writes programme.json and inputs/*.xlsx into `dir`, refusing a non-empty
/// folder (so nobody's work is overwritten) and an unknown region.
pub fn write(dir: &Path, region: Option<&str>) -> Result<()> {
    if let Some(region) = region {
        crate::layers::check_region(region)?;
    }
    check_empty(dir)?;
    write_files(dir, files(region)?)
}

/// [`write`] for the example of `kind` ([`model_of`]).
pub fn write_kind(dir: &Path, region: Option<&str>, kind: crate::model::OrgKind) -> Result<()> {
    if let Some(region) = region {
        crate::layers::check_region(region)?;
    }
    check_empty(dir)?;
    let mut m = model_of(kind);
    m.region = region.map(str::to_owned);
    write_files(dir, files_of(&m)?)
}

/// `init --blank`: a programme.json skeleton of `kind` (the kind's forms,
/// goals, tasks and calendar, every name a placeholder saying what to
/// type, no orders, no people) and the blank forms of its tables
/// ([`crate::forms`]), into an empty folder.
pub fn write_blank(dir: &Path, region: Option<&str>, kind: crate::model::OrgKind) -> Result<()> {
    if let Some(region) = region {
        crate::layers::check_region(region)?;
    }
    check_empty(dir)?;
    write_files(dir, blank_files(region, kind)?)
}

/// The files of [`write_blank`]: programme.json, then the forms.
pub fn blank_files(
    region: Option<&str>,
    kind: crate::model::OrgKind,
) -> Result<Vec<(String, Vec<u8>)>> {
    let m = skeleton(region, kind);
    let json = crate::load::programme_json(&m, inputs())?;
    let mut text = serde_json::to_string_pretty(&json)
        .map_err(|e| Error::internal(format!("programme.json не сериализуется: {e}")))?;
    text.push('\n');
    let mut files = vec![(crate::load::PROGRAMME_FILE.to_owned(), text.into_bytes())];
    files.extend(crate::forms::workbooks(&crate::forms::Blank::of_kind(
        kind,
    ))?);
    Ok(files)
}

/// The example of `kind` with its organisation, people and acts taken out:
/// what `init --blank` writes as programme.json.
pub fn skeleton(region: Option<&str>, kind: crate::model::OrgKind) -> Model {
    use crate::model::Staff;
    let example = model_of(kind);
    let staff = |position: &str| Staff {
        name: PLACEHOLDER_PERSON.into(),
        position: position.into(),
        role: None,
    };
    let mut m = Model {
        region: region.map(str::to_owned),
        layout: example.layout.clone(),
        organisation: example.organisation.clone(),
        programme: example.programme.clone(),
        curator: staff("заместитель директора"),
        survey: crate::model::Survey {
            questions: example.survey.questions.clone(),
            responses: Vec::new(),
        },
        ..Model::default()
    };
    let o = &mut m.organisation;
    o.full_name = PLACEHOLDER_FULL_NAME.into();
    o.short_name = PLACEHOLDER_SHORT_NAME.into();
    o.city = PLACEHOLDER_CITY.into();
    o.address = None;
    o.founder = None;
    o.municipality = None;
    o.pay_act = None;
    o.head = staff("директор");
    o.students = 0;
    o.teachers = 0;
    o.young_teachers = None;
    o.students_10_19 = None;
    o.students_15_19 = None;
    m.programme.title = "Программа наставничества".into();
    m
}

/// What the skeleton of `init --blank` writes for a person's name, the
/// organisation's names and its town: text to replace, never to print.
pub const PLACEHOLDER_PERSON: &str = "Фамилия Имя Отчество";
pub const PLACEHOLDER_FULL_NAME: &str = "Полное наименование организации, как в уставе";
pub const PLACEHOLDER_SHORT_NAME: &str = "Краткое наименование организации";
pub const PLACEHOLDER_CITY: &str = "Город";

/// What of the skeleton of `init --blank` is still in `model`, each at its
/// pointer into `file` (programme.json): a placeholder text (compared as
/// typed text is, case and spaces aside), or a headcount of learners or
/// teachers still 0. `validate` reads a skeleton (nothing is printed);
/// `generate` and `batch` refuse a package with one, so no document is
/// headed «ПОЛНОЕ НАИМЕНОВАНИЕ ОРГАНИЗАЦИИ…» in «г. Город».
pub fn placeholders(model: &Model, file: &str) -> Vec<crate::diag::Problem> {
    use crate::diag::{Place, Problem};
    let key = crate::text::key;
    let at = |pointer: String| Place::Pointer {
        file: file.to_owned(),
        pointer,
    };
    let o = &model.organisation;
    let mut texts: Vec<(String, &str, &str, &str)> = vec![
        (
            "/organisation/full_name".into(),
            &o.full_name,
            PLACEHOLDER_FULL_NAME,
            "полное наименование организации, как в уставе",
        ),
        (
            "/organisation/short_name".into(),
            &o.short_name,
            PLACEHOLDER_SHORT_NAME,
            "краткое наименование организации",
        ),
        (
            "/organisation/city".into(),
            &o.city,
            PLACEHOLDER_CITY,
            "населённый пункт организации (без «г.»)",
        ),
        (
            "/organisation/head/name".into(),
            &o.head.name,
            PLACEHOLDER_PERSON,
            "ФИО руководителя",
        ),
        (
            "/curator/name".into(),
            &model.curator.name,
            PLACEHOLDER_PERSON,
            "ФИО куратора",
        ),
    ];
    for (i, member) in model.team.iter().enumerate() {
        texts.push((
            format!("/team/{i}/name"),
            &member.name,
            PLACEHOLDER_PERSON,
            "ФИО члена рабочей группы",
        ));
    }
    let mut problems: Vec<Problem> = texts
        .into_iter()
        .filter(|(_, value, placeholder, _)| key(value) == key(placeholder))
        .map(|(pointer, value, _, what)| {
            Problem::new(
                at(pointer),
                format!(
                    "здесь ещё образец из init --blank («{value}»): впишите {what}, иначе документы напечатают образец"
                ),
            )
        })
        .collect();
    for (pointer, count, what) in [
        ("/organisation/students", o.students, "обучающихся"),
        (
            "/organisation/teachers",
            o.teachers,
            "педагогических работников",
        ),
    ] {
        if count == 0 {
            problems.push(Problem::new(
                at(pointer.to_owned()),
                format!(
                    "численность {what} — 0 (образец из init --blank): укажите её, иначе охват в документах не посчитать"
                ),
            ));
        }
    }
    problems
}

/// The municipalities the schools of `write_schools` are spread over.
/// Where the schools of `init --schools` are, in turn: the municipality
/// and how the school's names, address and founder say it. Districts with
/// a town for a centre only, since documents print the place as «г. …».
struct Municipality {
    name: &'static str,
    /// After «школа № 101» in the full name: «города Омска».
    of: &'static str,
    /// After «СОШ № 101» in the short name: «г. Омска».
    short: &'static str,
    city: &'static str,
    address: &'static str,
    founder: &'static str,
}

const MUNICIPALITIES: [Municipality; 4] = [
    Municipality {
        name: "городской округ город Омск",
        of: "города Омска",
        short: "г. Омска",
        city: "Омск",
        address: "644043, г. Омск, ул. Фрунзе, д. 38",
        founder: "Департамент образования Администрации города Омска",
    },
    Municipality {
        name: "Калачинский муниципальный район",
        of: "города Калачинска Калачинского муниципального района Омской области",
        short: "г. Калачинска",
        city: "Калачинск",
        address: "646900, г. Калачинск, ул. Советская, д. 12",
        founder: "Комитет по образованию Администрации Калачинского муниципального района Омской области",
    },
    Municipality {
        name: "Тарский муниципальный район",
        of: "города Тары Тарского муниципального района Омской области",
        short: "г. Тары",
        city: "Тара",
        address: "646530, г. Тара, ул. Ленина, д. 21",
        founder: "Комитет образования Администрации Тарского муниципального района Омской области",
    },
    Municipality {
        name: "Исилькульский муниципальный район",
        of: "города Исилькуля Исилькульского муниципального района Омской области",
        short: "г. Исилькуля",
        city: "Исилькуль",
        address: "646020, г. Исилькуль, ул. Ленина, д. 65",
        founder: "Комитет по образованию Администрации Исилькульского муниципального района Омской области",
    },
];

/// `init --schools N`: N varied example schools in `dir/school-001`, …, for
/// trying `batch` at once. Sizes vary from one to ten copies of the example
/// (44 to 440 participants, 242 on average: the region of the batch
/// benchmark of issue 14, `scripts/bench-batch.sh`);
/// every third has done everything (no rule errors), every fifth lacks
/// some consents, and every tenth has a broken table (its input is refused).
pub fn write_schools(dir: &Path, n: usize, region: Option<&str>) -> Result<()> {
    if let Some(region) = region {
        crate::layers::check_region(region)?;
    }
    check_empty(dir)?;
    for i in 1..=n {
        let mut m = scaled(40 * (1 + (i * 7) % 10));
        m.region = region.map(str::to_owned);
        renumber(&mut m, i);
        if i % 3 == 0 {
            // A school that has done everything: every consent in, the
            // final-event, results and rewards orders registered.
            for x in &mut m.mentees {
                x.consent_pd = Some(true);
            }
            // The final event is ordered three weeks before it is held,
            // the rewards after it (an order dated after its event could
            // only have been back-dated: rule stage7.final-event-order-timely).
            let event = m
                .final_event
                .as_ref()
                .and_then(|e| e.date)
                .unwrap_or(m.programme.end);
            let before = event - chrono::Days::new(21);
            let after = (event + chrono::Days::new(3)).min(m.programme.end);
            for (id, number, date) in [
                ("order-final-event", "201-о", before),
                ("order-results", "213-о", after),
                ("order-rewards", "214-о", after),
            ] {
                m.orders.insert(
                    id.to_owned(),
                    crate::model::RegisteredOrder {
                        number: number.to_owned(),
                        date,
                    },
                );
            }
        } else if i % 5 == 0 {
            for x in m.mentees.iter_mut().step_by(4) {
                x.consent_pd = None;
            }
        }
        let school = dir.join(format!("school-{i:03}"));
        let mut files = files_of(&m)?;
        if i % 10 == 0 {
            // A table that is not an XLSX at all: the loader refuses it.
            if let Some(f) = files.iter_mut().find(|(name, _)| name == ROADMAP_FILE) {
                f.1 = b"not a workbook".to_vec();
            }
        }
        write_files(&school, files)?;
    }
    Ok(())
}

/// The head of school `i`: a name of its own for the first 160 schools
/// (then they repeat), with «Фамилия И. О.» as the roadmap gives it.
fn head_of(i: usize) -> (String, String) {
    const WOMEN: [&str; 8] = [
        "Рябова",
        "Соколова",
        "Морозова",
        "Фёдорова",
        "Семёнова",
        "Орлова",
        "Киселёва",
        "Белова",
    ];
    const MEN: [&str; 8] = [
        "Кузнецов",
        "Лебедев",
        "Волков",
        "Павлов",
        "Егоров",
        "Никитин",
        "Захаров",
        "Романов",
    ];
    const WOMEN_GIVEN: [&str; 5] = [
        "Елена Анатольевна",
        "Марина Игоревна",
        "Ольга Петровна",
        "Наталья Сергеевна",
        "Татьяна Юрьевна",
    ];
    const MEN_GIVEN: [&str; 5] = [
        "Андрей Викторович",
        "Сергей Николаевич",
        "Дмитрий Александрович",
        "Игорь Владимирович",
        "Алексей Михайлович",
    ];
    let k = i.saturating_sub(1);
    let (surnames, given) = if k.is_multiple_of(2) {
        (&WOMEN, &WOMEN_GIVEN)
    } else {
        (&MEN, &MEN_GIVEN)
    };
    let name = format!("{} {}", surnames[(k / 2) % 8], given[(k / 16) % 5]);
    let initials = crate::russian::surname_initials(&name);
    (name, initials)
}

/// School `i` of `init --schools`: its own number in every name the
/// example gives it («СОШ № 17» becomes «СОШ № 101»…), its municipality
/// in turn, said alike by its names, town, address and founder (a school
/// of «Тарский муниципальный район» is «… г. Тары», never «г. Омска»),
/// and a headcount of its own (0.5–1.4 of the copies'), so the region's
/// schools differ in coverage as real ones do.
fn renumber(m: &mut Model, i: usize) {
    let number = format!("№ {}", 100 + i);
    let place = &MUNICIPALITIES[i % MUNICIPALITIES.len()];
    // The short form last: «г. Омска» is not inside «города Омска».
    let renamed = |s: &mut String| {
        *s = s
            .replace("№ 17", &number)
            .replace("города Омска", place.of)
            .replace("г. Омска", place.short)
    };
    let o = &mut m.organisation;
    renamed(&mut o.full_name);
    renamed(&mut o.short_name);
    if let Some(act) = o.pay_act.as_mut() {
        renamed(act);
    }
    // A head of its own: three schools of one head would read as a
    // programme.json copied from a neighbour (the summary notes it).
    let (head, initials) = head_of(i);
    let example_head = std::mem::replace(&mut o.head.name, head.clone());
    // The roadmap writes «Рябова Е. А.» with plain spaces.
    let plain = |t: String| t.replace(crate::russian::NBSP, " ");
    let example_initials = plain(crate::russian::surname_initials(&example_head));
    let initials = plain(initials);
    if let Some(c) = m.council.as_mut() {
        if c.chair.as_deref() == Some(example_head.as_str()) {
            c.chair = Some(head);
        }
    }
    for e in &mut m.roadmap {
        e.responsible = e.responsible.replace(&example_initials, &initials);
    }
    let o = &mut m.organisation;
    o.city = place.city.to_owned();
    o.address = Some(place.address.to_owned());
    o.founder = Some(place.founder.to_owned());
    o.municipality = Some(place.name.to_owned());
    renamed(&mut m.programme.title);
    if let Some(place) = m.final_event.as_mut().and_then(|e| e.place.as_mut()) {
        renamed(place);
    }
    // Tenths: 5..=14, a different share of the school in the programme.
    let tenths = u32::try_from(5 + (i * 3) % 10).unwrap_or(10);
    let scale = |n: u32| (n.saturating_mul(tenths) / 10).max(1);
    // Plus the school's number: no two schools of one size share a
    // headcount (the summary notes identical ones as likely copied).
    o.students = scale(o.students) + u32::try_from(i).unwrap_or(0);
    o.teachers = scale(o.teachers);
    o.young_teachers = o.young_teachers.map(scale);
    o.students_10_19 = o.students_10_19.map(scale);
    o.students_15_19 = o.students_15_19.map(scale);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Form, MenteeCategory, MentorCategory};
    use std::collections::BTreeSet;

    #[test]
    fn init_schools_differ_in_name_and_headcount() {
        let dir = tempfile::tempdir().expect("tempdir");
        write_schools(dir.path(), 3, None).expect("write");
        let schools: Vec<_> = (1..=3)
            .map(|i| {
                let d = dir.path().join(format!("school-{i:03}"));
                match crate::load::load(&d) {
                    Ok(l) => l.model,
                    Err(e) => panic!("school {i}: {e}"),
                }
            })
            .collect();
        let names: BTreeSet<&str> = schools
            .iter()
            .map(|m| m.organisation.short_name.as_str())
            .collect();
        assert_eq!(names.len(), 3, "{names:?}");
        assert!(names.contains("МБОУ «СОШ № 102» г. Тары"), "{names:?}");
        // Names, town and municipality agree.
        let tara = &schools[1].organisation;
        assert_eq!(
            tara.municipality.as_deref(),
            Some("Тарский муниципальный район")
        );
        assert_eq!(tara.city, "Тара");
        assert!(
            tara.full_name
                .ends_with("№ 102» города Тары Тарского муниципального района Омской области"),
            "{}",
            tara.full_name
        );
        for m in &schools {
            let text = serde_json::to_string(m).unwrap_or_default();
            let omsk = m.organisation.municipality.as_deref() == Some("городской округ город Омск");
            assert_eq!(
                text.contains("г. Омска"),
                omsk,
                "{}",
                m.organisation.full_name
            );
        }
        // Mentees per thousand pupils: the schools' coverage differs.
        let shares: BTreeSet<usize> = schools
            .iter()
            .map(|m| 1000 * m.mentees.len() / m.organisation.students as usize)
            .collect();
        assert_eq!(shares.len(), 3, "{shares:?}");
    }

    #[test]
    fn example_is_complete_and_consistent() {
        let m = model();
        assert!(m.mentors.len() >= 12);
        assert!(m.mentees.len() >= 30);
        for form in &m.programme.forms {
            assert!(m.pairs.iter().any(|p| p.form == *form), "{form}");
        }
        for stage in crate::model::STAGE_NUMBERS {
            let n = m.roadmap.iter().filter(|e| e.stage == stage).count();
            assert!((3..=6).contains(&n), "этап {stage}: {n}");
        }
        let mentors: BTreeSet<&str> = m.mentors.iter().map(|x| x.name.as_str()).collect();
        let mentees: BTreeSet<&str> = m.mentees.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(
            mentors.len(),
            m.mentors.len(),
            "имена наставников повторяются"
        );
        assert_eq!(
            mentees.len(),
            m.mentees.len(),
            "имена наставляемых повторяются"
        );
        for p in &m.pairs {
            assert!(mentors.contains(p.mentor.as_str()));
            assert!(mentees.contains(p.mentee.as_str()));
            let g = m.groups.iter().find(|g| g.id == p.group).expect("group");
            assert_eq!((g.mentor.as_str(), g.form), (p.mentor.as_str(), p.form));
            assert!(g.mentees.contains(&p.mentee));
        }
        assert!(m.groups.iter().filter(|g| g.is_group()).count() >= 2);
        for r in &m.rewards {
            assert!(mentors.contains(r.mentor.as_str()));
        }
        assert!(m
            .mentors
            .iter()
            .any(|x| x.category == MentorCategory::Student));
        assert!(m
            .mentees
            .iter()
            .any(|x| x.category == MenteeCategory::Educator));
        assert!(m.orders.contains_key("order-pairs"));
        assert!(!m.orders.contains_key("order-final-event"));
        assert!(!m.orders.contains_key("order-rewards"));
        assert!(m.pairs.iter().any(|p| p.form == Form::EmployerPupil));
        for role in [
            crate::model::SurveyRole::Mentor,
            crate::model::SurveyRole::Mentee,
        ] {
            for phase in [1, 2] {
                assert!(m
                    .survey
                    .responses
                    .iter()
                    .any(|r| r.role == role && r.phase == phase));
            }
        }
        let first = &m.mentees[3];
        assert_eq!(first.age, Some(11), "{}", first.name);
    }
}
