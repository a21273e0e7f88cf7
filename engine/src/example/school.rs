//! The example school's `programme.json` part: organisation, programme,
//! curator and team, council, training, final event, rewards, orders.
//!
//! Goals and tasks follow Р-145 and the seeds (targets of the model, seed 002).

use crate::model::{
    Contract, Council, FinalEvent, Form, Layout, NameForms, OrgKind, Organisation, Partner,
    ProgrammeInfo, Protocol, RegisteredOrder, Reward, Staff, TrainingEvent,
};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// A date of the example data (all written here, all valid).
pub(crate) fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

pub(crate) fn staff(name: &str, position: &str, role: Option<&str>) -> Staff {
    Staff {
        name: name.into(),
        position: position.into(),
        role: role.map(str::to_owned),
    }
}

pub(crate) fn layout() -> Layout {
    Layout {
        gost: "2025".into(),
    }
}

pub(crate) fn organisation() -> Organisation {
    Organisation {
        full_name: "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 17» города Омска".into(),
        short_name: "МБОУ «СОШ № 17» г. Омска".into(),
        kind: OrgKind::School,
        city: "Омск".into(),
        address: Some("644043, г. Омск, ул. Фрунзе, д. 38".into()),
        founder: Some("Департамент образования Администрации города Омска".into()),
        head: staff("Рябова Елена Анатольевна", "Директор", None),
        students: 852,
        teachers: 61,
        pay_act: Some(
            "Положение об оплате труда работников МБОУ «СОШ № 17» г. Омска".into(),
        ),
        municipality: Some("городской округ город Омск".into()),
        young_teachers: Some(9),
        students_10_19: Some(541),
        students_15_19: Some(196),
    }
}

pub(crate) fn programme() -> ProgrammeInfo {
    ProgrammeInfo {
        title: "Программа наставничества МБОУ «СОШ № 17» г. Омска на 2025/2026 учебный год".into(),
        start: day(2025, 9, 1),
        end: day(2026, 6, 30),
        forms: vec![
            Form::PupilPupil,
            Form::TeacherTeacher,
            Form::StudentPupil,
            Form::EmployerPupil,
        ],
        goals: vec![
            "Максимально полное раскрытие потенциала личности наставляемого, необходимое для успешной личной и профессиональной самореализации в современных условиях неопределённости.".into(),
            "Создание условий для формирования эффективной системы поддержки, самоопределения и профессиональной ориентации обучающихся в возрасте от 10 лет, педагогических работников и молодых специалистов школы.".into(),
        ],
        tasks: vec![
            "Улучшить показатели обучающихся в образовательной, социокультурной, спортивной сферах и в сфере дополнительного образования.".into(),
            "Подготовить обучающихся к самостоятельной, осознанной и социально продуктивной жизни, помочь в раскрытии личностного, творческого и профессионального потенциала.".into(),
            "Развить лидерские, организационные, коммуникативные навыки и метакомпетенции обучающихся, повысить осознанность в выборе профессии.".into(),
            "Ускорить профессиональное становление молодых педагогов, помочь им адаптироваться в педагогическом коллективе.".into(),
            "Создать психологически комфортную среду для развития и повышения квалификации педагогов, увеличения числа закрепившихся в профессии молодых специалистов.".into(),
            "Сформировать открытое и эффективное сообщество вокруг школы, в том числе сообщество благодарных выпускников и партнёров из числа работодателей.".into(),
        ],
        academic_year: Some("2025/2026 учебный год".into()),
    }
}

pub(crate) fn curator() -> Staff {
    staff(
        "Кравченко Ирина Валерьевна",
        "заместитель директора по учебно-воспитательной работе",
        Some("куратор программы наставничества"),
    )
}

pub(crate) fn team() -> Vec<Staff> {
    vec![
        staff(
            "Тихонов Павел Геннадьевич",
            "заместитель директора по воспитательной работе",
            Some("взаимодействие с внешней средой и партнёрами программы"),
        ),
        staff(
            "Сафронова Юлия Константиновна",
            "педагог-психолог",
            Some("психолого-педагогическое сопровождение участников, мониторинг"),
        ),
        staff(
            "Исаева Марина Рашидовна",
            "социальный педагог",
            Some("формирование базы наставляемых, работа с родителями"),
        ),
        staff(
            "Лукин Денис Олегович",
            "учитель информатики",
            Some("информационное сопровождение программы на сайте школы"),
        ),
    ]
}

/// Orders already registered; the final-event and rewards orders are not yet.
pub(crate) fn orders() -> BTreeMap<String, RegisteredOrder> {
    [
        ("order-implementation", "112-о", day(2025, 9, 1)),
        ("order-regulation", "113-о", day(2025, 9, 1)),
        ("order-curator", "114-о", day(2025, 9, 1)),
        ("order-roadmap", "121-о", day(2025, 9, 5)),
        ("order-mentors", "156-о", day(2025, 10, 10)),
        ("order-pairs", "163-о", day(2025, 10, 15)),
    ]
    .into_iter()
    .map(|(id, number, date)| {
        (
            id.to_owned(),
            RegisteredOrder {
                number: number.into(),
                date,
            },
        )
    })
    .collect()
}

/// The organisations the outside mentors come from, each with its
/// agreement on cooperation (signed before the order on mentors, which
/// cites them); a school has no practical-training contract, so the
/// enterprise's mentees meet their mentors at school.
pub(crate) fn partners() -> Vec<Partner> {
    let contract = |number: &str, date| {
        Some(Contract {
            number: number.into(),
            date,
        })
    };
    vec![
        Partner {
            name: "Федеральное государственное бюджетное образовательное учреждение высшего образования «Омский государственный педагогический университет»".into(),
            short_name: "ОмГПУ".into(),
            agreement: contract("45-С", day(2025, 9, 3)),
            practice_contract: None,
        },
        Partner {
            name: "Акционерное общество «Омский завод транспортного машиностроения»".into(),
            short_name: "АО «Омский завод транспортного машиностроения»".into(),
            agreement: contract("118/25", day(2025, 9, 15)),
            practice_contract: None,
        },
        Partner {
            name: "Акционерное общество «Омскводоканал»".into(),
            short_name: "АО «Омскводоканал»".into(),
            agreement: contract("17-25", day(2025, 9, 20)),
            practice_contract: None,
        },
    ]
}

pub(crate) fn council() -> Council {
    Council {
        date: day(2025, 8, 29),
        number: "1".into(),
        chair: Some("Рябова Елена Анатольевна".into()),
        secretary: Some("Исаева Марина Рашидовна".into()),
        present: Some(54),
        votes_for: Some(54),
        votes_against: Some(0),
        abstained: Some(0),
    }
}

/// The councils of pupils and of parents gave their opinion on the
/// regulation before the pedagogical council (ч. 3 ст. 30 273-ФЗ).
pub(crate) fn pupils_council() -> Protocol {
    Protocol {
        number: "1".into(),
        date: day(2025, 8, 27),
    }
}

pub(crate) fn parents_council() -> Protocol {
    Protocol {
        number: "1".into(),
        date: day(2025, 8, 28),
    }
}

pub(crate) fn mentor_training() -> Vec<TrainingEvent> {
    vec![
        TrainingEvent {
            title: "Школа наставника: роль и функции наставника, формы и этапы наставничества в целевой модели".into(),
            date: day(2025, 10, 2),
            hours: Some(8),
            organiser: Some("БУ ДПО «Институт развития образования Омской области»".into()),
        },
        TrainingEvent {
            title: "Практикум «Постановка целей в паре, техники обратной связи и мотивации наставляемого»".into(),
            date: day(2025, 10, 8),
            hours: Some(4),
            organiser: Some("Сафронова Юлия Константиновна, педагог-психолог".into()),
        },
    ]
}

pub(crate) fn final_event() -> FinalEvent {
    FinalEvent {
        title: "Фестиваль наставнических практик «Вместе к успеху»".into(),
        date: Some(day(2026, 5, 22)),
        format: Some(
            "фестиваль: презентация результатов пар и групп, чествование лучших наставников".into(),
        ),
        place: Some("актовый зал МБОУ «СОШ № 17» г. Омска".into()),
        responsible: Some("Кравченко Ирина Валерьевна".into()),
    }
}

pub(crate) fn rewards() -> Vec<Reward> {
    vec![
        Reward {
            mentor: "Черных Любовь Ивановна".into(),
            kind: "почётная грамота".into(),
            reason: Some(
                "за успешное сопровождение молодого специалиста и высокие результаты его адаптации"
                    .into(),
            ),
        },
        Reward {
            mentor: "Павлова Анастасия Дмитриевна".into(),
            kind: "благодарственное письмо".into(),
            reason: Some("за подготовку наставляемых к олимпиаде по математике".into()),
        },
        Reward {
            mentor: "Дорошенко Сергей Николаевич".into(),
            kind: "благодарность".into(),
            reason: Some(
                "за профориентационные встречи обучающихся со специалистами предприятия".into(),
            ),
        },
    ]
}

/// A hand-given declension, as a methodologist would add for a name the
/// rules might get wrong (an indeclinable surname with «Любовь»).
pub(crate) fn declensions() -> BTreeMap<String, NameForms> {
    let mut out = BTreeMap::new();
    out.insert(
        "Черных Любовь Ивановна".to_owned(),
        NameForms {
            gender: Some("female".into()),
            genitive: Some("Черных Любови Ивановны".into()),
            dative: Some("Черных Любови Ивановне".into()),
            accusative: Some("Черных Любовь Ивановну".into()),
            instrumental: Some("Черных Любовью Ивановной".into()),
            prepositional: Some("Черных Любови Ивановне".into()),
        },
    );
    out
}
