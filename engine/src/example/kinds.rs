//! The example of `nastavnik init --kind college` and `--kind
//! additional-education`: the example school's people and calendar turned
//! into a college (students in groups, courses and specialties, teachers
//! who are преподаватели and masters of practical training, «студент –
//! студент» and «работодатель – студент») or an additional-education
//! centre (learners in объединения, педагоги дополнительного образования,
//! «педагог – обучающийся»), with their own names, ages and requests.

use crate::model::{Form, MenteeCategory, MentorCategory, Model, OrgKind};
use serde_json::Value;

/// The example of `kind` (the school's for [`OrgKind::School`]).
pub fn model_of(kind: OrgKind) -> Model {
    let mut m = super::model();
    match kind {
        OrgKind::School => return m,
        OrgKind::College => college(&mut m),
        OrgKind::AdditionalEducation => additional(&mut m),
    }
    m.organisation.kind = kind;
    let words = if kind == OrgKind::College {
        COLLEGE_WORDS
    } else {
        CENTRE_WORDS
    };
    retype(&mut m, words);
    m.groups = crate::load::groups::assign(&mut m.pairs);
    let start = m.programme.start;
    crate::load::groups::ages_at_start(&mut m.mentors, &mut m.mentees, &m.pairs, start);
    m
}

/// The college: students in the pupils' places, five years older.
fn college(m: &mut Model) {
    let o = &mut m.organisation;
    o.full_name = "Бюджетное профессиональное образовательное учреждение Омской области «Омский техникум машиностроения»".into();
    o.short_name = "БПОУ ОО «ОТМ»".into();
    o.founder = Some("Министерство образования Омской области".into());
    o.address = Some("644020, г. Омск, ул. Лермонтова, д. 171".into());
    o.students = 1146;
    o.teachers = 74;
    o.pay_act = Some("Положение об оплате труда работников БПОУ ОО «ОТМ»".into());
    m.programme.title = "Программа наставничества БПОУ ОО «ОТМ» на 2025/2026 учебный год".into();
    m.programme.forms = vec![
        Form::StudentStudent,
        Form::TeacherTeacher,
        Form::EmployerStudent,
    ];
    const GROUPS: [&str; 6] = [
        "студент 1 курса группы ТМ-15, специальность 15.02.16 Технология машиностроения",
        "студент 1 курса группы СВ-15, профессия 15.01.05 Сварщик (ручной и частично механизированной сварки (наплавки))",
        "студент 2 курса группы ТМ-24, специальность 15.02.16 Технология машиностроения",
        "студент 2 курса группы ЭМ-24, специальность 13.02.13 Эксплуатация и обслуживание электрического и электромеханического оборудования",
        "студент 3 курса группы ТМ-33, специальность 15.02.16 Технология машиностроения",
        "студент 3 курса группы СВ-33, профессия 15.01.05 Сварщик (ручной и частично механизированной сварки (наплавки))",
    ];
    const REQUESTS: [&str; 8] = [
        "адаптация к обучению в техникуме, жизнь в общежитии",
        "задолженность по инженерной графике",
        "неуспеваемость по технической механике",
        "пассивность, не участвует в жизни группы",
        "подготовка к демонстрационному экзамену по специальности",
        "подготовка к олимпиаде профессионального мастерства",
        "выбор предприятия для производственной практики",
        "курсовой проект по технологии машиностроения",
    ];
    for (i, x) in m.mentees.iter_mut().enumerate() {
        if x.category == MenteeCategory::Educator {
            x.class_or_position = x.class_or_position.as_deref().map(teacher_position);
            x.request = Some(
                [
                    "адаптация в коллективе, ведение электронного журнала, рабочая программа дисциплины",
                    "дисциплина на учебном занятии, подготовка студентов к демонстрационному экзамену",
                    "организация учебной практики в мастерской, охрана труда, работа с кураторами групп",
                ][i % 3]
                    .into(),
            );
            continue;
        }
        x.category = MenteeCategory::Student;
        x.birth_date = x
            .birth_date
            .and_then(|b| b.checked_sub_months(chrono::Months::new(60)));
        // The course follows the age: 15–16 on the first, 19 and over on the fourth.
        let age = x
            .birth_date
            .map_or(16, |b| crate::load::groups::age_on(b, m.programme.start));
        let course = age.saturating_sub(15).clamp(0, 2) as usize * 2 + (i % 2);
        x.class_or_position = Some(GROUPS[course.min(GROUPS.len() - 1)].into());
        // The first-years' requests are not about the final exam.
        let pick = if course < 2 { i % 4 } else { 4 + i % 4 };
        x.request = Some(REQUESTS[pick].into());
    }
    let mut senior = 0;
    for x in &mut m.mentors {
        match x.category {
            MentorCategory::Pupil => {
                x.category = MentorCategory::Student;
                x.position = Some(
                    [
                        "студент 4 курса группы ТМ-42",
                        "студент 3 курса группы СВ-33",
                    ][senior % 2]
                        .into(),
                );
                senior += 1;
            }
            MentorCategory::Educator => {
                x.position = x.position.as_deref().map(teacher_position);
            }
            _ => {}
        }
    }
    // The plant takes students for practical training under a contract:
    // their professional trials are at its workshops; the water utility
    // has none, and its mentees meet their mentor at the college.
    if let Some(plant) = m
        .partners
        .iter_mut()
        .find(|p| p.short_name.contains("транспортного машиностроения"))
    {
        plant.practice_contract = Some(crate::model::Contract {
            number: "ПП-14/25".into(),
            date: chrono::NaiveDate::from_ymd_opt(2025, 9, 15).unwrap_or_default(),
        });
    }
    for p in &mut m.pairs {
        p.form = match p.form {
            Form::PupilPupil | Form::StudentPupil => Form::StudentStudent,
            Form::EmployerPupil => Form::EmployerStudent,
            f => f,
        };
    }
}

/// A school teacher's position as the college's: a biology teacher
/// becomes a master of practical training, the others преподаватели.
fn teacher_position(p: &str) -> String {
    if p.contains("биолог") {
        "мастер производственного обучения".to_owned()
    } else {
        p.replace("учитель", "преподаватель")
    }
}

/// The centre: learners in объединения, педагоги дополнительного
/// образования as mentors and mentees, «педагог – обучающийся» where the
/// school had students of a university.
fn additional(m: &mut Model) {
    let o = &mut m.organisation;
    o.full_name = "Муниципальное бюджетное учреждение дополнительного образования «Дом детского творчества „Радуга“» города Омска".into();
    o.short_name = "МБУ ДО «ДДТ „Радуга“» г. Омска".into();
    o.students = 1530;
    o.teachers = 48;
    o.pay_act = Some("Положение об оплате труда работников МБУ ДО «ДДТ „Радуга“» г. Омска".into());
    m.programme.title =
        "Программа наставничества МБУ ДО «ДДТ „Радуга“» г. Омска на 2025/2026 учебный год".into();
    m.programme.forms = vec![
        Form::EducatorLearner,
        Form::PupilPupil,
        Form::TeacherTeacher,
        Form::EmployerPupil,
    ];
    const UNITS: [&str; 5] = [
        "объединение «Робототехника»",
        "изостудия «Палитра»",
        "объединение «Юный эколог»",
        "кружок «Авиамоделирование»",
        "театр-студия «Маска»",
    ];
    const REQUESTS: [&str; 6] = [
        "адаптация в объединении, новые знакомства",
        "подготовка работы к областной выставке",
        "неуверенность при выступлениях на сцене",
        "пассивность, не участвует в жизни объединения",
        "подготовка проекта к городскому конкурсу",
        "выбор направления дальнейших занятий",
    ];
    for (i, x) in m.mentees.iter_mut().enumerate() {
        if x.category == MenteeCategory::Educator {
            x.class_or_position = Some("педагог дополнительного образования".into());
            x.request = Some(
                [
                    "адаптация в коллективе, дополнительная общеобразовательная программа, журнал учёта занятий",
                    "удержание детей в объединении, дисциплина на занятии",
                    "подготовка обучающихся к конкурсам и выставкам, работа с родителями",
                ][i % 3]
                    .into(),
            );
            continue;
        }
        x.class_or_position = Some(UNITS[i % UNITS.len()].into());
        x.request = Some(REQUESTS[i % REQUESTS.len()].into());
    }
    let mut unit = 0;
    for x in &mut m.mentors {
        match x.category {
            MentorCategory::Pupil => {
                x.position = Some(format!("{}, 3-й год обучения", UNITS[unit % UNITS.len()]));
                unit += 1;
            }
            MentorCategory::Educator => {
                x.position = Some("педагог дополнительного образования".into());
            }
            _ => {}
        }
    }
    // The university's students leave; the teachers take their learners
    // in «педагог – обучающийся», in turn.
    let students: Vec<String> = m
        .mentors
        .iter()
        .filter(|x| x.category == MentorCategory::Student)
        .map(|x| x.name.clone())
        .collect();
    let teachers: Vec<String> = m
        .mentors
        .iter()
        .filter(|x| x.category == MentorCategory::Educator)
        .map(|x| x.name.clone())
        .collect();
    m.mentors.retain(|x| x.category != MentorCategory::Student);
    for (i, x) in m.mentors.iter_mut().enumerate() {
        x.source = super::source(super::PARTICIPANTS_FILE, super::MENTORS_SHEET, i);
    }
    let mut turn = 0;
    for p in &mut m.pairs {
        if students.contains(&p.mentor) {
            p.mentor = teachers[turn % teachers.len()].clone();
            p.form = Form::EducatorLearner;
            p.role_model = Some(["лидер – равнодушный", "равный – другому"][turn % 2].into());
            turn += 1;
        }
    }
    m.survey
        .responses
        .retain(|a| a.respondent.as_ref().is_none_or(|r| !students.contains(r)));
    m.rewards.retain(|r| !students.contains(&r.mentor));
}

/// What each kind calls the school's things in the typed texts (roadmap,
/// goals, team, training, protocols): longest first.
const COLLEGE_WORDS: &[(&str, &str)] = &[
    ("МБОУ «СОШ № 17» г. Омска", "БПОУ ОО «ОТМ»"),
    ("обучающихся 9–11 классов", "студентов 3–4 курсов"),
    ("обучающихся старших классов", "студентов старших курсов"),
    ("обучающихся в возрасте от 10 лет", "студентов"),
    (
        "беседы с классными руководителями",
        "беседы с кураторами учебных групп",
    ),
    ("встречи с классами", "встречи с учебными группами"),
    ("классные часы", "кураторские часы"),
    ("Школа наставника", "Обучение наставников"),
    ("учитель информатики", "преподаватель информатики"),
    ("школы", "техникума"),
    ("школе", "техникуме"),
    ("обучающихся", "студентов"),
    ("обучающиеся", "студенты"),
    ("молодые учителя", "молодые преподаватели"),
];

const CENTRE_WORDS: &[(&str, &str)] = &[
    ("МБОУ «СОШ № 17» г. Омска", "МБУ ДО «ДДТ „Радуга“» г. Омска"),
    ("обучающихся 9–11 классов", "обучающихся старшего возраста"),
    (
        "обучающихся старших классов",
        "обучающихся старшего возраста",
    ),
    (
        "беседы с классными руководителями",
        "беседы с руководителями объединений",
    ),
    ("встречи с классами", "встречи в объединениях"),
    ("классные часы", "встречи в объединениях"),
    ("родительские собрания", "встречи с родителями"),
    ("родительских собраний", "встреч с родителями"),
    ("Школа наставника", "Обучение наставников"),
    ("учитель информатики", "методист"),
    ("школы", "Дома детского творчества"),
    ("школе", "Доме детского творчества"),
];

/// Every typed text of `m` (not people's names) with the kind's words.
fn retype(m: &mut Model, words: &[(&str, &str)]) {
    let mut v = serde_json::to_value(&*m).expect("the model serialises");
    fn walk(v: &mut Value, key: &str, words: &[(&str, &str)]) {
        match v {
            Value::String(s)
                if !matches!(
                    key,
                    "name" | "mentor" | "mentee" | "mentees" | "respondent" | "file" | "sheet"
                ) =>
            {
                for (from, to) in words {
                    if s.contains(from) {
                        *s = s.replace(from, to);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|x| walk(x, key, words)),
            Value::Object(map) => {
                for (k, x) in map.iter_mut() {
                    walk(x, k, words);
                }
            }
            _ => {}
        }
    }
    walk(&mut v, "", words);
    *m = serde_json::from_value(v).expect("the model deserialises");
}
