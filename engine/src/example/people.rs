//! The example school's participants: mentors, mentees and pairs, as they
//! stand in `inputs/participants.xlsx`.

use super::school::day;
use super::{source, MENTEES_SHEET, MENTORS_SHEET, PAIRS_SHEET, PARTICIPANTS_FILE};
use crate::model::{Form, Mentee, MenteeCategory, Mentor, MentorCategory, Pair};
use chrono::NaiveDate;

/// One teacher mentor: name, position, experience, agreement number, pay,
/// employment contract, phone, e-mail.
type TeacherRow = (
    &'static str,
    &'static str,
    f64,
    u32,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const TEACHERS: [TeacherRow; 3] = [
    (
        "Черных Любовь Ивановна",
        "учитель русского языка и литературы",
        24.0,
        14,
        "10 % ставки заработной платы",
        "№ 27 от 26.08.2002",
        "+7 913 612-45-87",
        "chernykh.li@sosh17-omsk.ru",
    ),
    (
        "Шевченко Андрей Ильич",
        "учитель математики",
        18.0,
        15,
        "10 % ставки заработной платы",
        "№ 41 от 01.09.2008",
        "+7 904 321-08-16",
        "shevchenko.ai@sosh17-omsk.ru",
    ),
    (
        "Морозова Татьяна Сергеевна",
        "учитель биологии",
        12.5,
        16,
        "5 % ставки заработной платы",
        "№ 58 от 29.08.2013",
        "+7 950 784-22-31",
        "morozova.ts@sosh17-omsk.ru",
    ),
];

const PUPIL_MENTORS: [(&str, &str); 5] = [
    ("Лукьяненко Дарья Олеговна", "10 «А» класс"),
    ("Ахмедов Тимур Русланович", "11 «Б» класс"),
    ("Соколова Полина Игоревна", "9 «В» класс"),
    ("Ковальчук Артём Сергеевич", "11 «А» класс"),
    ("Никитина Мария Александровна", "10 «Б» класс"),
];

const STUDENTS: [(&str, &str, &str); 2] = [
    (
        "Павлова Анастасия Дмитриевна",
        "студентка 3 курса факультета математики, информатики, физики и технологий",
        "+7 913 150-67-42",
    ),
    (
        "Фомин Никита Павлович",
        "студент 4 курса исторического факультета",
        "+7 962 048-93-15",
    ),
];

const EMPLOYERS: [(&str, &str, &str, f64, &str, &str); 2] = [
    (
        "Дорошенко Сергей Николаевич",
        "начальник конструкторского бюро",
        "АО «Омский завод транспортного машиностроения»",
        22.0,
        "+7 3812 44-18-60",
        "doroshenko@omsktransmash.example.ru",
    ),
    (
        "Ковалёв Игорь Евгеньевич",
        "инженер-технолог",
        "АО «Омскводоканал»",
        15.0,
        "+7 3812 78-35-02",
        "kovalev.ie@omskvodokanal.example.ru",
    ),
];

/// Every mentor, in sheet order.
pub(crate) fn mentors() -> Vec<Mentor> {
    let mut out = Vec::new();
    for (name, position, experience, agreement, pay, contract, phone, email) in TEACHERS {
        out.push(Mentor {
            name: name.into(),
            category: MentorCategory::Educator,
            position: Some(position.into()),
            organisation: None,
            birth_date: None,
            experience: Some(experience),
            consent_pd: Some(true),
            consent_mentoring: Some(true),
            agreement: Some(format!("№ {agreement} от 10.10.2025")),
            pay: Some(pay.into()),
            employment_contract: Some(contract.into()),
            phone: Some(phone.into()),
            email: Some(email.into()),
            employee: true,
            study: Default::default(),
            age: None,
            minor: false,
            source: Default::default(),
        });
    }
    for (name, class) in PUPIL_MENTORS {
        out.push(Mentor {
            name: name.into(),
            category: MentorCategory::Pupil,
            position: Some(class.into()),
            organisation: None,
            birth_date: None,
            experience: None,
            consent_pd: Some(true),
            consent_mentoring: None,
            agreement: None,
            pay: None,
            employment_contract: None,
            phone: None,
            email: None,
            employee: false,
            study: Default::default(),
            age: None,
            // A pupil mentor: her parent consents (as `load` decides).
            minor: true,
            source: Default::default(),
        });
    }
    for (name, position, phone) in STUDENTS {
        out.push(Mentor {
            name: name.into(),
            category: MentorCategory::Student,
            position: Some(position.into()),
            organisation: Some("ОмГПУ".into()),
            birth_date: None,
            experience: None,
            consent_pd: Some(true),
            consent_mentoring: None,
            agreement: None,
            pay: None,
            employment_contract: None,
            phone: Some(phone.into()),
            email: None,
            employee: false,
            study: Default::default(),
            age: None,
            minor: false,
            source: Default::default(),
        });
    }
    for (name, position, organisation, experience, phone, email) in EMPLOYERS {
        out.push(Mentor {
            name: name.into(),
            category: MentorCategory::Employer,
            position: Some(position.into()),
            organisation: Some(organisation.into()),
            birth_date: None,
            experience: Some(experience),
            consent_pd: Some(true),
            consent_mentoring: None,
            agreement: None,
            pay: None,
            employment_contract: None,
            phone: Some(phone.into()),
            email: Some(email.into()),
            employee: false,
            study: Default::default(),
            age: None,
            minor: false,
            source: Default::default(),
        });
    }
    for (i, m) in out.iter_mut().enumerate() {
        m.source = source(PARTICIPANTS_FILE, MENTORS_SHEET, i);
    }
    out
}

/// Year, month, day.
type Ymd = (i32, u32, u32);

/// Young teachers: name, position, birth date, experience, request.
const YOUNG_TEACHERS: [(&str, &str, Ymd, f64, &str); 3] = [
    (
        "Гриценко Алина Вадимовна",
        "учитель русского языка и литературы",
        (2002, 3, 14),
        0.0,
        "адаптация в коллективе, ведение электронного журнала, подготовка к урокам по ФГОС",
    ),
    (
        "Веретенников Илья Андреевич",
        "учитель математики",
        (2001, 11, 2),
        1.0,
        "выстраивание дисциплины на уроке, подготовка обучающихся к ОГЭ",
    ),
    (
        "Сулейманова Камила Ринатовна",
        "учитель биологии",
        (2000, 6, 27),
        2.0,
        "организация проектной и исследовательской деятельности обучающихся, работа с родителями",
    ),
];

/// Pupils: name, class, birth date, request.
const PUPILS: [(&str, &str, Ymd, &str); 29] = [
    // ученик – ученик
    (
        "Кириллов Матвей Денисович",
        "5 «А»",
        (2014, 4, 11),
        "трудности в адаптации при переходе из начальной школы",
    ),
    (
        "Зайцева Вероника Павловна",
        "5 «Б»",
        (2014, 7, 23),
        "низкая мотивация к учёбе, пропуски по русскому языку",
    ),
    (
        "Романенко Егор Владимирович",
        "5 «А»",
        (2014, 1, 30),
        "помощь с математикой, организация домашней работы",
    ),
    (
        "Осипова Ксения Юрьевна",
        "6 «В»",
        (2013, 9, 5),
        "неуверенность при выступлениях, участие в школьных мероприятиях",
    ),
    (
        "Быков Даниил Максимович",
        "6 «А»",
        (2013, 2, 18),
        "пассивность, не участвует в жизни класса",
    ),
    (
        "Хабибуллина Алсу Маратовна",
        "5 «В»",
        (2014, 12, 1),
        "помощь в освоении английского языка",
    ),
    (
        "Лебедев Савелий Ильич",
        "5 «Б»",
        (2014, 5, 9),
        "конфликты с одноклассниками, адаптация в коллективе",
    ),
    (
        "Тарасова Злата Евгеньевна",
        "7 «А»",
        (2012, 8, 14),
        "подготовка к школьному этапу олимпиады по литературе",
    ),
    (
        "Мельников Арсений Олегович",
        "7 «Б»",
        (2012, 3, 3),
        "неуспеваемость по алгебре",
    ),
    (
        "Петренко Василиса Андреевна",
        "6 «Б»",
        (2013, 10, 21),
        "помощь в подготовке проекта по истории",
    ),
    (
        "Голубев Тимофей Романович",
        "6 «В»",
        (2013, 6, 16),
        "низкая учебная мотивация, пропуски занятий",
    ),
    (
        "Ефимова Ульяна Сергеевна",
        "5 «А»",
        (2014, 2, 25),
        "трудности с чтением и пересказом",
    ),
    // студент – ученик
    (
        "Смирнов Глеб Александрович",
        "8 «А»",
        (2011, 4, 7),
        "подготовка к олимпиаде по математике",
    ),
    (
        "Яковлева Есения Артёмовна",
        "8 «Б»",
        (2011, 11, 29),
        "пробелы в знаниях по геометрии",
    ),
    (
        "Жуков Марк Витальевич",
        "9 «А»",
        (2010, 7, 12),
        "подготовка к ОГЭ по математике",
    ),
    (
        "Антонова Виктория Игоревна",
        "9 «Б»",
        (2010, 1, 19),
        "подготовка к ОГЭ по информатике",
    ),
    (
        "Саенко Лев Дмитриевич",
        "8 «В»",
        (2011, 9, 3),
        "интерес к программированию, выбор профиля обучения",
    ),
    (
        "Фролова Таисия Никитична",
        "7 «В»",
        (2012, 5, 28),
        "подготовка исследовательской работы по краеведению",
    ),
    (
        "Николаев Роман Евгеньевич",
        "8 «А»",
        (2011, 2, 8),
        "неуспеваемость по истории и обществознанию",
    ),
    (
        "Власова Дарина Максимовна",
        "9 «В»",
        (2010, 10, 10),
        "подготовка к ОГЭ по обществознанию",
    ),
    // работодатель – ученик
    (
        "Медведев Ярослав Игоревич",
        "9 «А»",
        (2010, 3, 22),
        "выбор профессии, интерес к инженерному делу",
    ),
    (
        "Крылова Милана Олеговна",
        "9 «Б»",
        (2010, 8, 6),
        "профессиональное самоопределение, выбор колледжа",
    ),
    (
        "Гусев Семён Андреевич",
        "8 «Б»",
        (2011, 12, 15),
        "знакомство с профессиями машиностроения",
    ),
    (
        "Бондаренко Артемий Сергеевич",
        "9 «В»",
        (2010, 4, 30),
        "профессиональные пробы, технический профиль",
    ),
    (
        "Широкова Алёна Вячеславовна",
        "9 «А»",
        (2010, 6, 2),
        "интерес к химии и экологии, выбор профессии",
    ),
    (
        "Кудрявцев Максим Ильич",
        "8 «В»",
        (2011, 1, 13),
        "профориентация, проект по очистке воды",
    ),
    (
        "Ершова Полина Романовна",
        "9 «Б»",
        (2010, 9, 17),
        "выбор профиля, интерес к лабораторной работе",
    ),
    (
        "Левченко Богдан Олегович",
        "8 «А»",
        (2011, 7, 4),
        "знакомство с инженерными профессиями городского хозяйства",
    ),
    (
        "Черных Алиса Павловна",
        "9 «В»",
        (2010, 2, 20),
        "профессиональное самоопределение, выбор вуза",
    ),
];

/// Every mentee, in sheet order; `age` on the programme's start.
pub(crate) fn mentees(start: NaiveDate) -> Vec<Mentee> {
    let mut out = Vec::new();
    for (name, position, (y, m, d), experience, request) in YOUNG_TEACHERS {
        let birth = day(y, m, d);
        out.push(Mentee {
            name: name.into(),
            category: MenteeCategory::Educator,
            class_or_position: Some(position.into()),
            birth_date: Some(birth),
            age: Some(crate::load::groups::age_on(birth, start)),
            experience: Some(experience),
            request: Some(request.into()),
            consent_pd: Some(true),
            study: Default::default(),
            source: Default::default(),
        });
    }
    for (i, (name, class, (y, m, d), request)) in PUPILS.into_iter().enumerate() {
        let birth = day(y, m, d);
        out.push(Mentee {
            name: name.into(),
            category: MenteeCategory::Pupil,
            class_or_position: Some(format!("{class} класс")),
            birth_date: Some(birth),
            age: Some(crate::load::groups::age_on(birth, start)),
            experience: None,
            request: Some(request.into()),
            // One parent has not yet returned the consent form: a blank
            // cell (a «нет» would be a refusal, with no form to sign).
            consent_pd: (i != 10).then_some(true),
            study: Default::default(),
            source: Default::default(),
        });
    }
    for (i, m) in out.iter_mut().enumerate() {
        m.source = source(PARTICIPANTS_FILE, MENTEES_SHEET, i);
    }
    out
}

/// Mentor, form, role model and how many mentees (taken in sheet order).
const PAIRING: [(&str, Form, &str, usize); 12] = [
    (
        "Черных Любовь Ивановна",
        Form::TeacherTeacher,
        "опытный педагог – молодой специалист",
        1,
    ),
    (
        "Шевченко Андрей Ильич",
        Form::TeacherTeacher,
        "опытный педагог – молодой специалист",
        1,
    ),
    (
        "Морозова Татьяна Сергеевна",
        Form::TeacherTeacher,
        "опытный педагог – молодой специалист",
        1,
    ),
    (
        "Лукьяненко Дарья Олеговна",
        Form::PupilPupil,
        "успевающий – неуспевающий",
        3,
    ),
    (
        "Ахмедов Тимур Русланович",
        Form::PupilPupil,
        "лидер – пассивный",
        2,
    ),
    (
        "Соколова Полина Игоревна",
        Form::PupilPupil,
        "равный – равному",
        2,
    ),
    (
        "Ковальчук Артём Сергеевич",
        Form::PupilPupil,
        "успевающий – неуспевающий",
        3,
    ),
    (
        "Никитина Мария Александровна",
        Form::PupilPupil,
        "лидер – пассивный",
        2,
    ),
    (
        "Павлова Анастасия Дмитриевна",
        Form::StudentPupil,
        "успевающий – неуспевающий",
        5,
    ),
    (
        "Фомин Никита Павлович",
        Form::StudentPupil,
        "равный – другому",
        3,
    ),
    (
        "Дорошенко Сергей Николаевич",
        Form::EmployerPupil,
        "работодатель – будущий сотрудник",
        4,
    ),
    (
        "Ковалёв Игорь Евгеньевич",
        Form::EmployerPupil,
        "активный профессионал – равнодушный потребитель",
        5,
    ),
];

/// Every row of the «Пары» sheet (group ids are given by [`crate::load::groups::assign`]).
pub(crate) fn pairs(mentees: &[Mentee]) -> Vec<Pair> {
    let mut out = Vec::new();
    let mut next = mentees.iter();
    for (mentor, form, role_model, count) in PAIRING {
        for _ in 0..count {
            let Some(mentee) = next.next() else { break };
            // Every pair starts with the pairs order (15.10.2025, after the
            // training of mentors); teachers work to the end of the year.
            let (start, end) = if form == Form::TeacherTeacher {
                (day(2025, 10, 15), Some(day(2026, 6, 30)))
            } else if form == Form::EmployerPupil {
                (day(2025, 10, 20), None)
            } else {
                (day(2025, 10, 15), Some(day(2026, 5, 29)))
            };
            out.push(Pair {
                mentor: mentor.into(),
                mentee: mentee.name.clone(),
                form,
                role_model: Some(role_model.into()),
                start,
                end,
                group: String::new(),
                source: source(PARTICIPANTS_FILE, PAIRS_SHEET, out.len()),
            });
        }
    }
    out
}
