//! Full names through all six cases, including the hard ones. Expected forms
//! are written by hand from Russian grammar, not taken from the rules.

use nastavnik_russian::{
    decline, gender_of, initials_first_in, surname_initials_in, Case, FullName, Gender,
};

/// Name in nominative, then genitive, dative, accusative, instrumental, prepositional.
const TABLE: &[[&str; 6]] = &[
    [
        "Иванова Мария Петровна",
        "Ивановой Марии Петровны",
        "Ивановой Марии Петровне",
        "Иванову Марию Петровну",
        "Ивановой Марией Петровной",
        "Ивановой Марии Петровне",
    ],
    [
        "Петров Иван Ильич",
        "Петрова Ивана Ильича",
        "Петрову Ивану Ильичу",
        "Петрова Ивана Ильича",
        "Петровым Иваном Ильичом",
        "Петрове Иване Ильиче",
    ],
    [
        "Смирнова Любовь Андреевна",
        "Смирновой Любови Андреевны",
        "Смирновой Любови Андреевне",
        "Смирнову Любовь Андреевну",
        "Смирновой Любовью Андреевной",
        "Смирновой Любови Андреевне",
    ],
    [
        "Петрова-Водкина Анна Сергеевна",
        "Петровой-Водкиной Анны Сергеевны",
        "Петровой-Водкиной Анне Сергеевне",
        "Петрову-Водкину Анну Сергеевну",
        "Петровой-Водкиной Анной Сергеевной",
        "Петровой-Водкиной Анне Сергеевне",
    ],
    [
        "Римский-Корсаков Николай Андреевич",
        "Римского-Корсакова Николая Андреевича",
        "Римскому-Корсакову Николаю Андреевичу",
        "Римского-Корсакова Николая Андреевича",
        "Римским-Корсаковым Николаем Андреевичем",
        "Римском-Корсакове Николае Андреевиче",
    ],
    [
        "Шевченко Тарас Григорьевич",
        "Шевченко Тараса Григорьевича",
        "Шевченко Тарасу Григорьевичу",
        "Шевченко Тараса Григорьевича",
        "Шевченко Тарасом Григорьевичем",
        "Шевченко Тарасе Григорьевиче",
    ],
    [
        "Черных Ольга Ивановна",
        "Черных Ольги Ивановны",
        "Черных Ольге Ивановне",
        "Черных Ольгу Ивановну",
        "Черных Ольгой Ивановной",
        "Черных Ольге Ивановне",
    ],
    [
        "Черных Олег Иванович",
        "Черных Олега Ивановича",
        "Черных Олегу Ивановичу",
        "Черных Олега Ивановича",
        "Черных Олегом Ивановичем",
        "Черных Олеге Ивановиче",
    ],
    [
        "Зайцева Мария Ильинична",
        "Зайцевой Марии Ильиничны",
        "Зайцевой Марии Ильиничне",
        "Зайцеву Марию Ильиничну",
        "Зайцевой Марией Ильиничной",
        "Зайцевой Марии Ильиничне",
    ],
    [
        "Гусь Наталья Петровна",
        "Гусь Натальи Петровны",
        "Гусь Наталье Петровне",
        "Гусь Наталью Петровну",
        "Гусь Натальей Петровной",
        "Гусь Наталье Петровне",
    ],
    [
        "Гусь Павел Петрович",
        "Гуся Павла Петровича",
        "Гусю Павлу Петровичу",
        "Гуся Павла Петровича",
        "Гусем Павлом Петровичем",
        "Гусе Павле Петровиче",
    ],
    [
        "Заяц Роман Ильич",
        "Зайца Романа Ильича",
        "Зайцу Роману Ильичу",
        "Зайца Романа Ильича",
        "Зайцем Романом Ильичом",
        "Зайце Романе Ильиче",
    ],
    [
        "Заяц Анна Ильинична",
        "Заяц Анны Ильиничны",
        "Заяц Анне Ильиничне",
        "Заяц Анну Ильиничну",
        "Заяц Анной Ильиничной",
        "Заяц Анне Ильиничне",
    ],
    [
        "Кузьмин Никита Сергеевич",
        "Кузьмина Никиты Сергеевича",
        "Кузьмину Никите Сергеевичу",
        "Кузьмина Никиту Сергеевича",
        "Кузьминым Никитой Сергеевичем",
        "Кузьмине Никите Сергеевиче",
    ],
    [
        "Соколова Мария Андреевна",
        "Соколовой Марии Андреевны",
        "Соколовой Марии Андреевне",
        "Соколову Марию Андреевну",
        "Соколовой Марией Андреевной",
        "Соколовой Марии Андреевне",
    ],
    [
        "Толстой Лев Николаевич",
        "Толстого Льва Николаевича",
        "Толстому Льву Николаевичу",
        "Толстого Льва Николаевича",
        "Толстым Львом Николаевичем",
        "Толстом Льве Николаевиче",
    ],
    [
        "Достоевский Фёдор Михайлович",
        "Достоевского Фёдора Михайловича",
        "Достоевскому Фёдору Михайловичу",
        "Достоевского Фёдора Михайловича",
        "Достоевским Фёдором Михайловичем",
        "Достоевском Фёдоре Михайловиче",
    ],
    [
        "Белая Татьяна Юрьевна",
        "Белой Татьяны Юрьевны",
        "Белой Татьяне Юрьевне",
        "Белую Татьяну Юрьевну",
        "Белой Татьяной Юрьевной",
        "Белой Татьяне Юрьевне",
    ],
    [
        "Гоголь Илья Кузьмич",
        "Гоголя Ильи Кузьмича",
        "Гоголю Илье Кузьмичу",
        "Гоголя Илью Кузьмича",
        "Гоголем Ильёй Кузьмичом",
        "Гоголе Илье Кузьмиче",
    ],
    [
        "Сидоров Пётр Дмитриевич",
        "Сидорова Петра Дмитриевича",
        "Сидорову Петру Дмитриевичу",
        "Сидорова Петра Дмитриевича",
        "Сидоровым Петром Дмитриевичем",
        "Сидорове Петре Дмитриевиче",
    ],
    [
        "Ковальчук Дмитрий Алексеевич",
        "Ковальчука Дмитрия Алексеевича",
        "Ковальчуку Дмитрию Алексеевичу",
        "Ковальчука Дмитрия Алексеевича",
        "Ковальчуком Дмитрием Алексеевичем",
        "Ковальчуке Дмитрии Алексеевиче",
    ],
    [
        "Ковальчук Ксения Игоревна",
        "Ковальчук Ксении Игоревны",
        "Ковальчук Ксении Игоревне",
        "Ковальчук Ксению Игоревну",
        "Ковальчук Ксенией Игоревной",
        "Ковальчук Ксении Игоревне",
    ],
    [
        "Дюма Александр",
        "Дюма Александра",
        "Дюма Александру",
        "Дюма Александра",
        "Дюма Александром",
        "Дюма Александре",
    ],
    [
        "Седых Игорь Юрьевич",
        "Седых Игоря Юрьевича",
        "Седых Игорю Юрьевичу",
        "Седых Игоря Юрьевича",
        "Седых Игорем Юрьевичем",
        "Седых Игоре Юрьевиче",
    ],
    [
        "Ворона Нелли Ивановна",
        "Вороны Нелли Ивановны",
        "Вороне Нелли Ивановне",
        "Ворону Нелли Ивановну",
        "Вороной Нелли Ивановной",
        "Вороне Нелли Ивановне",
    ],
    [
        "Ильина Вера Павловна",
        "Ильиной Веры Павловны",
        "Ильиной Вере Павловне",
        "Ильину Веру Павловну",
        "Ильиной Верой Павловной",
        "Ильиной Вере Павловне",
    ],
    [
        "Ворона Олег Павлович",
        "Вороны Олега Павловича",
        "Вороне Олегу Павловичу",
        "Ворону Олега Павловича",
        "Вороной Олегом Павловичем",
        "Вороне Олеге Павловиче",
    ],
];

#[test]
fn table_of_names_in_all_six_cases() {
    let mut failures = Vec::new();
    for row in TABLE {
        for (case, want) in Case::ALL.iter().zip(row.iter()) {
            let got = decline(row[0], *case, None);
            if got != *want {
                failures.push(format!(
                    "{} ({:?}): got «{got}», want «{want}»",
                    row[0], case
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn capitals_and_spacing_are_kept() {
    assert_eq!(
        decline("ИВАНОВА МАРИЯ ПЕТРОВНА", Case::Instrumental, None),
        "ИВАНОВОЙ МАРИЕЙ ПЕТРОВНОЙ"
    );
    assert_eq!(
        decline("  петров   иван ильич ", Case::Dative, None),
        "  петрову   ивану ильичу "
    );
    assert_eq!(
        decline("Петров\u{a0}Иван\u{a0}Ильич", Case::Genitive, None),
        "Петрова\u{a0}Ивана\u{a0}Ильича"
    );
}

#[test]
fn unsplittable_input_comes_back_unchanged() {
    for text in ["", "   ", "Иванов", "123", "Иванов\n"] {
        assert_eq!(decline(text, Case::Genitive, None), text);
    }
    // Words with digits or dots are not touched, the rest still is.
    assert_eq!(
        decline("Иванов И. И.", Case::Instrumental, None),
        "Ивановым И. И."
    );
}

#[test]
fn more_than_three_words_declines_the_first_three() {
    assert_eq!(
        decline("Алиев Рашид Намик оглы", Case::Dative, None),
        "Алиеву Рашиду Намик оглы"
    );
    assert_eq!(
        decline("Петров Иван Ильич (наставник)", Case::Genitive, None),
        "Петрова Ивана Ильича (наставник)"
    );
}

#[test]
fn explicit_gender_overrides_detection() {
    // «Саша Иванова» read as a man is wrong, but the caller said so.
    assert_eq!(
        decline("Женя Саша", Case::Genitive, Some(Gender::Male)),
        "Жени Саши"
    );
    assert_eq!(
        decline("Гусь Саша", Case::Genitive, Some(Gender::Female)),
        "Гусь Саши"
    );
    assert_eq!(
        decline("Гусь Саша", Case::Genitive, Some(Gender::Male)),
        "Гуся Саши"
    );
}

#[test]
fn gender_detection_order() {
    let g = |s: &str| FullName::parse(s).map(|n| gender_of(&n));
    assert_eq!(g("Иванова Мария Петровна"), Some(Gender::Female));
    assert_eq!(g("Кузьмин Никита Сергеевич"), Some(Gender::Male));
    // Patronymic wins over the first name.
    assert_eq!(g("Иванов Саша Петрович"), Some(Gender::Male));
    assert_eq!(g("Алиева Лейла Намик кызы"), Some(Gender::Female));
    assert_eq!(g("Алиев Рашид Намик оглы"), Some(Gender::Male));
    // First name when there is no patronymic.
    assert_eq!(g("Шевченко Мария"), Some(Gender::Female));
    assert_eq!(g("Черных Олег"), Some(Gender::Male));
    // Surname when the first name is androgynous.
    assert_eq!(g("Иванова Саша"), Some(Gender::Female));
    assert_eq!(g("Римская Женя"), Some(Gender::Female));
    assert_eq!(g("Иванов Саша"), Some(Gender::Male));
    // Nothing tells.
    assert_eq!(g("Шевченко Саша"), Some(Gender::Androgynous));
    assert_eq!(g("Иванов"), None);
}

#[test]
fn full_name_parse() {
    assert_eq!(
        FullName::parse("  Иванова  Мария Петровна "),
        Some(FullName {
            last: "Иванова".into(),
            first: "Мария".into(),
            middle: Some("Петровна".into()),
        })
    );
    assert_eq!(
        FullName::parse("Иванов Иван"),
        Some(FullName {
            last: "Иванов".into(),
            first: "Иван".into(),
            middle: None,
        })
    );
    assert_eq!(
        FullName::parse("Алиев Рашид Намик оглы").and_then(|n| n.middle),
        Some("Намик оглы".into())
    );
    assert_eq!(
        FullName::parse(" Алиев  Рашид Намик\u{a0}оглы ").map(|n| n.to_string()),
        Some("Алиев Рашид Намик оглы".into())
    );
    assert_eq!(FullName::parse("Иванов"), None);
    assert_eq!(FullName::parse(""), None);
}

#[test]
fn surname_initials_in_cases() {
    assert_eq!(
        surname_initials_in("Сидоров Пётр Петрович", Case::Instrumental, None),
        "Сидоровым\u{a0}П.\u{a0}П."
    );
    assert_eq!(
        surname_initials_in("Иванова Мария Петровна", Case::Dative, None),
        "Ивановой\u{a0}М.\u{a0}П."
    );
    assert_eq!(
        surname_initials_in("Шевченко Тарас Григорьевич", Case::Genitive, None),
        "Шевченко\u{a0}Т.\u{a0}Г."
    );
    assert_eq!(
        surname_initials_in("Петров Иван", Case::Accusative, None),
        "Петрова\u{a0}И."
    );
    assert_eq!(
        surname_initials_in("Иванов И.И.", Case::Instrumental, None),
        "Ивановым\u{a0}И.\u{a0}И."
    );
    assert_eq!(
        surname_initials_in("Иванов", Case::Instrumental, None),
        "Иванов"
    );
}

#[test]
fn same_input_same_output() {
    let a = decline("Зайцева Мария Ильинична", Case::Instrumental, None);
    let b = decline("Зайцева Мария Ильинична", Case::Instrumental, None);
    assert_eq!(a, b);
}

#[test]
fn initials_first_in_cases() {
    assert_eq!(
        initials_first_in("Петров Иван Ильич", Case::Dative, None),
        "И.\u{a0}И.\u{a0}Петрову"
    );
    assert_eq!(
        initials_first_in("Гусь Наталья Петровна", Case::Dative, None),
        "Н.\u{a0}П.\u{a0}Гусь"
    );
    assert_eq!(initials_first_in("Петров", Case::Dative, None), "Петров");
}

/// Surnames that do not decline, for men and women alike: -ко, -их/-ых,
/// -аго/-яго, foreign -о/-е/-и/-у/-ю, and women's surnames ending in a consonant.
#[test]
fn indeclinable_surnames_stay() {
    let male = [
        "Шевченко",
        "Черных",
        "Седых",
        "Живаго",
        "Дубяго",
        "Гёте",
        "Руставели",
        "Шоу",
        "Дурново",
    ];
    let female = [
        "Шевченко",
        "Черных",
        "Живаго",
        "Руставели",
        "Шоу",
        "Мельник",
        "Кравец",
        "Гусь",
        "Ким",
        "Бабич",
    ];
    for case in Case::ALL {
        for surname in male {
            let name = format!("{surname} Иван Петрович");
            let got = decline(&name, case, None);
            assert!(
                got.starts_with(&format!("{surname} ")),
                "{name} {case:?}: {got}"
            );
        }
        for surname in female {
            let name = format!("{surname} Анна Петровна");
            let got = decline(&name, case, None);
            assert!(
                got.starts_with(&format!("{surname} ")),
                "{name} {case:?}: {got}"
            );
        }
    }
}

/// The same consonant-final surnames do decline for men.
#[test]
fn mens_consonant_surnames_decline() {
    let table = [
        ("Мельник", "Мельником"),
        ("Кравец", "Кравцом"),
        ("Гусь", "Гусем"),
        ("Бабич", "Бабичем"),
        ("Гоголь", "Гоголем"),
        ("Цой", "Цоем"),
    ];
    for (surname, ins) in table {
        let got = decline(
            &format!("{surname} Иван Петрович"),
            Case::Instrumental,
            None,
        );
        assert_eq!(got, format!("{ins} Иваном Петровичем"), "{surname}");
    }
}

/// When the gender cannot be told, a form both genders agree on is used;
/// otherwise the word is left as it is.
#[test]
fn androgynous_people() {
    assert_eq!(
        decline("Шевченко Саша", Case::Genitive, None),
        "Шевченко Саши"
    );
    assert_eq!(
        decline("Шевченко Саша", Case::Instrumental, None),
        "Шевченко Сашей"
    );
    assert_eq!(decline("Гусь Женя", Case::Dative, None), "Гусь Жене");
    assert_eq!(
        decline("Шевченко Саша", Case::Genitive, Some(Gender::Androgynous)),
        "Шевченко Саши"
    );
}
