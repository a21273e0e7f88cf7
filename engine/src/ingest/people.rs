//! The «Наставники» and «Наставляемые» sheets.

use super::categories;
use super::cell;
use super::sheet::{Cells, Column, Sheet};
use crate::diag::Problem;
use crate::model::{Mentee, Mentor, MentorCategory, Study};

/// A college's learner in separate columns: group, course, specialty or
/// profession, each its own field ([`crate::model::Study`]); the same
/// columns on both participants' sheets (a student mentor has them too).
/// A header naming two of them at once («Группа / курс», «Группа, курс,
/// специальность») is the combined «Класс или должность» / «Должность или
/// класс» column, read as one value as typed.
pub mod study_columns {
    use super::{Cells, Column};
    pub const GROUP: Column = Column {
        id: "group",
        title: "Группа",
        synonyms: &[
            "Учебная группа",
            "Номер группы",
            "Шифр группы",
            "Академическая группа",
        ],
        required: false,
        cells: Cells::Text,
        hint: "Учебная группа студента, как её пишут в колледже: «ТМ-24».",
    };
    pub const COURSE: Column = Column {
        id: "course",
        title: "Курс",
        synonyms: &["Курс обучения", "Номер курса"],
        required: false,
        cells: Cells::Course,
        hint: "Курс студента числом от 1 до 6: 2.",
    };
    pub const SPECIALTY: Column = Column {
        id: "specialty",
        title: "Специальность",
        synonyms: &[
            "Код и наименование специальности",
            "Специальность (код, наименование)",
            "Наименование специальности",
        ],
        required: false,
        cells: Cells::Text,
        hint: "Специальность с кодом, как в ФГОС СПО: «15.02.16 Технология машиностроения». Для профессии — столбец «Профессия».",
    };
    pub const PROFESSION: Column = Column {
        id: "profession",
        title: "Профессия",
        synonyms: &[
            "Код и наименование профессии",
            "Профессия (код, наименование)",
            "Наименование профессии",
        ],
        required: false,
        cells: Cells::Text,
        hint: "Профессия с кодом, как в ФГОС СПО: «15.01.05 Сварщик (ручной и частично механизированной сварки (наплавки))».",
    };
    /// The ids of the study columns, for the forms of a college only.
    pub const IDS: [&str; 4] = [GROUP.id, COURSE.id, SPECIALTY.id, PROFESSION.id];
}

pub mod mentor_columns {
    use super::study_columns::{COURSE, GROUP, PROFESSION, SPECIALTY};
    use super::{Cells, Column};
    pub const NAME: Column = Column {
        id: "name",
        title: "ФИО",
        synonyms: &[
            "Ф.И.О.",
            "ФИО наставника",
            "Фамилия, имя, отчество",
            "ФИО полностью",
            "Наставник",
        ],
        required: true,
        cells: Cells::Text,
        hint: "Фамилия, имя и отчество полностью, как в документах: «Иванова Мария Петровна».",
    };
    pub const CATEGORY: Column = Column {
        id: "category",
        title: "Категория",
        synonyms: &["Категория наставника"],
        required: true,
        cells: Cells::MentorCategory,
        hint: "Выберите из списка: педагог, обучающийся, студент или работодатель (представитель предприятия).",
    };
    pub const POSITION: Column = Column {
        id: "position",
        title: "Должность или класс",
        synonyms: &[
            "Должность",
            "Класс",
            "Должность/класс",
            "Должность (класс)",
            "Класс или должность",
            "Группа или должность",
            "Должность или группа",
            "Должность или курс",
            "Группа / должность",
            "Группа / курс",
            "Курс / группа",
            "Группа, курс, специальность",
            "Группа, курс, профессия",
        ],
        required: false,
        cells: Cells::Text,
        hint: "Для работника — должность («учитель математики»), для обучающегося — класс («9 «А» класс») или группа и курс одной записью («студент 3 курса группы ТМ-33»).",
    };
    pub const ORGANISATION: Column = Column {
        id: "organisation",
        title: "Организация",
        synonyms: &[
            "Место работы",
            "Место работы или учёбы",
            "Место учёбы",
            "Вуз",
            "Предприятие",
        ],
        required: false,
        cells: Cells::Text,
        hint: "Только для наставника не из вашей организации: предприятие, вуз, колледж. Для своих работников оставьте пустым.",
    };
    pub const EXPERIENCE: Column = Column {
        id: "experience",
        title: "Стаж (лет)",
        synonyms: &[
            "Стаж",
            "Стаж работы",
            "Педагогический стаж",
            "Опыт работы",
            "Стаж, лет",
        ],
        required: false,
        cells: Cells::Number,
        hint: "Стаж работы, полных лет, числом: 12.",
    };
    pub const CONSENT_PD: Column = Column {
        id: "consent_pd",
        title: "Согласие на обработку ПДн",
        synonyms: &[
            "Согласие на обработку ПДн (да / нет)",
            "Согласие на обработку персональных данных",
            "Согласие ПДн",
            "Согласие на ПДн",
        ],
        required: false,
        cells: Cells::YesNo,
        hint: "«да» — согласие на обработку персональных данных подписано, «нет» — отказ, пусто или «—» — ещё не получено (будет выдан бланк).",
    };
    pub const CONSENT_MENTORING: Column = Column {
        id: "consent_mentoring",
        title: "Согласие на наставничество",
        synonyms: &[
            "Согласие быть наставником",
            "Письменное согласие на наставничество",
        ],
        required: false,
        cells: Cells::YesNo,
        hint: "Для работника: письменное согласие на наставничество (ст. 351.8 ТК РФ). «да», «нет» или пусто.",
    };
    pub const AGREEMENT: Column = Column {
        id: "agreement",
        title: "Дополнительное соглашение",
        synonyms: &[
            "Доп. соглашение",
            "Допсоглашение",
            "Дополнительное соглашение к трудовому договору",
        ],
        required: false,
        cells: Cells::Reference,
        hint: "Дополнительное соглашение к трудовому договору: «№ 14 от 10.10.2025». Пусто — соглашения ещё нет.",
    };
    pub const CONTRACT: Column = Column {
        id: "employment_contract",
        title: "Трудовой договор",
        synonyms: &[
            "Трудовой договор (номер, дата)",
            "Номер и дата трудового договора",
            "Реквизиты трудового договора",
        ],
        required: false,
        cells: Cells::Reference,
        hint: "Трудовой договор наставника-работника: «№ 27 от 26.08.2002».",
    };
    pub const PAY: Column = Column {
        id: "pay",
        title: "Доплата",
        synonyms: &[
            "Доплата за наставничество",
            "Стимулирующая выплата",
            "Оплата",
        ],
        required: false,
        cells: Cells::Text,
        hint: "Доплата за наставничество, как в соглашении: «10 % ставки заработной платы».",
    };
    pub const PHONE: Column = Column {
        id: "phone",
        title: "Телефон",
        synonyms: &["Контактный телефон", "Тел."],
        required: false,
        cells: Cells::Text,
        hint: "Контактный телефон: +7 913 123-45-67.",
    };
    pub const EMAIL: Column = Column {
        id: "email",
        title: "Email",
        synonyms: &["E-mail", "Электронная почта", "Эл. почта"],
        required: false,
        cells: Cells::Text,
        hint: "Адрес электронной почты.",
    };
    pub const BIRTH: Column = Column {
        id: "birth_date",
        title: "Дата рождения",
        synonyms: &["Д.р.", "Дата рожд.", "Год рождения"],
        required: false,
        cells: Cells::Date,
        hint: "Для обучающегося или студента: дата рождения, ДД.ММ.ГГГГ. Несовершеннолетнему согласие подписывает родитель.",
    };
    pub const ALL: [Column; 17] = [
        NAME,
        CATEGORY,
        POSITION,
        ORGANISATION,
        EXPERIENCE,
        CONSENT_PD,
        CONSENT_MENTORING,
        AGREEMENT,
        CONTRACT,
        PAY,
        PHONE,
        EMAIL,
        // After the others, so that the forms' columns before it keep their letters.
        BIRTH,
        GROUP,
        COURSE,
        SPECIALTY,
        PROFESSION,
    ];
}

pub mod mentee_columns {
    use super::study_columns::{COURSE, GROUP, PROFESSION, SPECIALTY};
    use super::{Cells, Column};
    pub const NAME: Column = Column {
        id: "name",
        title: "ФИО",
        synonyms: &[
            "Ф.И.О.",
            "ФИО наставляемого",
            "Фамилия, имя, отчество",
            "ФИО полностью",
            "Наставляемый",
        ],
        required: true,
        cells: Cells::Text,
        hint: "Фамилия, имя и отчество полностью: «Петров Иван Сергеевич».",
    };
    pub const CATEGORY: Column = Column {
        id: "category",
        title: "Категория",
        synonyms: &["Категория наставляемого"],
        required: true,
        cells: Cells::MenteeCategory,
        hint:
            "Выберите из списка: обучающийся, педагог (в том числе молодой специалист) или студент.",
    };
    pub const CLASS: Column = Column {
        id: "class_or_position",
        title: "Класс или должность",
        synonyms: &[
            "Класс",
            "Должность",
            "Класс/должность",
            "Должность или класс",
            "Класс (должность)",
            "Группа или должность",
            "Должность или группа",
            "Группа / должность",
            "Группа / курс",
            "Курс / группа",
            "Группа, курс, специальность",
            "Группа, курс, профессия",
            "Объединение",
        ],
        required: false,
        cells: Cells::Text,
        hint: "Для обучающегося — класс или объединение («7 «Б» класс»), группа и курс одной записью («студент 2 курса группы ТМ-24»); для педагога — должность.",
    };
    pub const BIRTH: Column = Column {
        id: "birth_date",
        title: "Дата рождения",
        synonyms: &["Д.р.", "Дата рожд.", "Год рождения"],
        required: false,
        cells: Cells::Date,
        hint: "Дата рождения: ДД.ММ.ГГГГ. По ней определяется, чьё согласие нужно (родителя или самого участника).",
    };
    pub const EXPERIENCE: Column = Column {
        id: "experience",
        title: "Стаж (лет)",
        synonyms: &["Стаж", "Стаж работы", "Педагогический стаж", "Стаж, лет"],
        required: false,
        cells: Cells::Number,
        hint: "Для педагога: стаж работы, полных лет, числом.",
    };
    pub const REQUEST: Column = Column {
        id: "request",
        title: "Запрос",
        synonyms: &[
            "Запрос наставляемого",
            "Образовательный запрос",
            "Проблема",
            "Запрос на наставничество",
        ],
        required: false,
        cells: Cells::Text,
        hint: "Запрос наставляемого своими словами: «адаптация в новом коллективе», «подготовка к олимпиаде».",
    };
    pub const CONSENT_PD: Column = Column {
        id: "consent_pd",
        title: "Согласие на обработку ПДн",
        synonyms: &[
            "Согласие на обработку ПДн (да / нет)",
            "Согласие на обработку персональных данных",
            "Согласие ПДн",
            "Согласие родителей",
            "Согласие на ПДн",
            "Согласие родителя",
            "Согласие родителей на обработку ПДн",
            "Согласие законного представителя",
        ],
        required: false,
        cells: Cells::YesNo,
        hint: "Согласие на обработку ПДн (за несовершеннолетнего — родителя): «да», «нет» (отказ) или пусто (ещё не получено).",
    };
    pub const ALL: [Column; 11] = [
        NAME, CATEGORY, CLASS, BIRTH, EXPERIENCE, REQUEST, CONSENT_PD, GROUP, COURSE, SPECIALTY,
        PROFESSION,
    ];
}

/// Reads every mentor row; unreadable cells are problems and the row is kept
/// only when its name and category were read.
pub fn mentors(sheet: &Sheet, problems: &mut Vec<Problem>) -> Vec<Mentor> {
    use mentor_columns as c;
    let mut out = Vec::new();
    for row in sheet.rows() {
        let name = row.require(&c::NAME, cell::text, problems);
        let category = row.require(
            &c::CATEGORY,
            |d| category_of(d, categories::mentor),
            problems,
        );
        let position = row.read(&c::POSITION, cell::text, problems);
        let organisation = row.read(&c::ORGANISATION, cell::text, problems);
        let birth_date = row.read(&c::BIRTH, cell::date, problems);
        let experience = row.read(&c::EXPERIENCE, cell::number, problems);
        let consent_pd = row.read(&c::CONSENT_PD, cell::consent, problems);
        let consent_mentoring = row.read(&c::CONSENT_MENTORING, cell::consent, problems);
        let agreement = row.read(&c::AGREEMENT, document_reference, problems);
        let employment_contract = row.read(&c::CONTRACT, document_reference, problems);
        let pay = row.read(&c::PAY, cell::text, problems);
        let phone = row.read(&c::PHONE, cell::text, problems);
        let email = row.read(&c::EMAIL, cell::text, problems);
        let study = study(&row, problems);
        let (Some(name), Some(category)) = (name, category) else {
            continue;
        };
        let employee = category == MentorCategory::Educator && organisation.is_none();
        out.push(Mentor {
            name,
            category,
            position,
            organisation,
            birth_date,
            experience,
            consent_pd,
            consent_mentoring,
            agreement,
            pay,
            employment_contract,
            phone,
            email,
            employee,
            study,
            age: None,
            minor: false,
            source: row.source(),
        });
    }
    out
}

/// Reads every mentee row; `age` is filled later by the loader, which knows
/// the programme's start.
pub fn mentees(sheet: &Sheet, problems: &mut Vec<Problem>) -> Vec<Mentee> {
    use mentee_columns as c;
    let mut out = Vec::new();
    for row in sheet.rows() {
        let name = row.require(&c::NAME, cell::text, problems);
        let category = row.require(
            &c::CATEGORY,
            |d| category_of(d, categories::mentee),
            problems,
        );
        let class_or_position = row.read(&c::CLASS, cell::text, problems);
        let birth_date = row.read(&c::BIRTH, cell::date, problems);
        let experience = row.read(&c::EXPERIENCE, cell::number, problems);
        let request = row.read(&c::REQUEST, cell::text, problems);
        let consent_pd = row.read(&c::CONSENT_PD, cell::consent, problems);
        let study = study(&row, problems);
        let (Some(name), Some(category)) = (name, category) else {
            continue;
        };
        out.push(Mentee {
            name,
            category,
            class_or_position,
            birth_date,
            age: None,
            experience,
            request,
            consent_pd,
            study,
            source: row.source(),
        });
    }
    out
}

/// The group, course, specialty and profession of a row, each from its
/// own column.
fn study(row: &super::sheet::Row, problems: &mut Vec<Problem>) -> Study {
    use study_columns as c;
    Study {
        group: row.read(&c::GROUP, cell::text, problems),
        course: row.read(&c::COURSE, course, problems),
        specialty: row.read(&c::SPECIALTY, cell::text, problems),
        profession: row.read(&c::PROFESSION, cell::text, problems),
    }
}

/// The courses of professional education.
pub const COURSES: std::ops::RangeInclusive<u8> = 1..=6;

/// A course as typed: a number («2», 2.0), with its word («2 курс», «2-й
/// курс») or in Roman numerals («II»).
fn course(d: &calamine::Data) -> Result<Option<u8>, String> {
    let Some(text) = cell::text(d)? else {
        return Ok(None);
    };
    let lower = text.to_lowercase();
    let body = lower
        .trim_end_matches('.')
        .trim_end_matches("курс")
        .trim()
        .trim_end_matches(['й', 'ы', '-'])
        .trim_end_matches('-')
        .trim();
    let roman = ["i", "ii", "iii", "iv", "v", "vi"];
    let n = match body.parse::<u8>() {
        Ok(n) => Some(n),
        Err(_) => roman
            .iter()
            .position(|r| *r == body)
            .and_then(|i| u8::try_from(i + 1).ok()),
    };
    match n {
        Some(n) if COURSES.contains(&n) => Ok(Some(n)),
        _ => Err(format!(
            "ожидается номер курса от {} до {} («2» или «2 курс»), а записано «{text}»",
            COURSES.start(),
            COURSES.end()
        )),
    }
}

/// A document's number and date as typed («№ 14 от 01.09.2025»), kept as
/// typed once it reads: a date after «от» that is not one is refused here,
/// at its cell, not printed wrong in the agreement.
fn document_reference(d: &calamine::Data) -> Result<Option<String>, String> {
    let Some(text) = cell::text(d)? else {
        return Ok(None);
    };
    crate::docref::parse(&text)?;
    Ok(Some(text))
}

fn category_of<T>(
    d: &calamine::Data,
    parse: fn(&str) -> Result<T, String>,
) -> Result<Option<T>, String> {
    match cell::text(d)? {
        None => Ok(None),
        Some(t) => parse(&t).map(Some),
    }
}
