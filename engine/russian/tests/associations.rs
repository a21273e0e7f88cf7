//! An association of additional education typed as a learner's place
//! («изостудия «Акварель»») reads as a status: «обучающуюся изостудии
//! «Акварель»». Expected texts are written by hand from Russian grammar,
//! not taken from the rules.

use nastavnik_russian::{position_in, Case, Gender};

/// Place as typed, case, gender → the text an order or consent prints.
const TABLE: &[(&str, Case, Gender, &str)] = &[
    (
        "изостудия «Акварель», 3-й год обучения",
        Case::Accusative,
        Gender::Male,
        "обучающегося изостудии «Акварель», 3-й год обучения",
    ),
    (
        "Изостудия «Акварель»",
        Case::Genitive,
        Gender::Female,
        "обучающейся изостудии «Акварель»",
    ),
    (
        "театр-студия «Маска»",
        Case::Accusative,
        Gender::Female,
        "обучающуюся театра-студии «Маска»",
    ),
    (
        "киностудия «Кадр»",
        Case::Dative,
        Gender::Male,
        "обучающемуся киностудии «Кадр»",
    ),
    (
        "фотостудия «Ракурс»",
        Case::Nominative,
        Gender::Female,
        "обучающаяся фотостудии «Ракурс»",
    ),
    (
        "изокружок «Радуга»",
        Case::Genitive,
        Gender::Male,
        "обучающегося изокружка «Радуга»",
    ),
    (
        "арт-студия «Холст»",
        Case::Accusative,
        Gender::Male,
        "обучающегося арт-студии «Холст»",
    ),
    (
        "ансамбль «Сибирячка»",
        Case::Genitive,
        Gender::Female,
        "обучающейся ансамбля «Сибирячка»",
    ),
    (
        "клуб «Юный техник»",
        Case::Accusative,
        Gender::Male,
        "обучающегося клуба «Юный техник»",
    ),
    (
        "спортивная секция «Самбо»",
        Case::Genitive,
        Gender::Male,
        "обучающегося спортивной секции «Самбо»",
    ),
    (
        "мастерская «Гончар»",
        Case::Dative,
        Gender::Female,
        "обучающейся мастерской «Гончар»",
    ),
    (
        "лаборатория «Робототехника»",
        Case::Accusative,
        Gender::Female,
        "обучающуюся лаборатории «Робототехника»",
    ),
    (
        "школа «Юный журналист»",
        Case::Genitive,
        Gender::Male,
        "обучающегося школы «Юный журналист»",
    ),
    (
        "театр «Зазеркалье»",
        Case::Accusative,
        Gender::Male,
        "обучающегося театра «Зазеркалье»",
    ),
    (
        "хор «Весна»",
        Case::Genitive,
        Gender::Female,
        "обучающейся хора «Весна»",
    ),
    (
        "духовой оркестр «Юность»",
        Case::Accusative,
        Gender::Male,
        "обучающегося духового оркестра «Юность»",
    ),
    (
        "эстрадный театр-студия «Мечта»",
        Case::Genitive,
        Gender::Female,
        "обучающейся эстрадного театра-студии «Мечта»",
    ),
];

#[test]
fn associations_and_their_compounds_read_as_a_learners_status() {
    let mut wrong = Vec::new();
    for (typed, case, gender, expected) in TABLE {
        let got = position_in(typed, *case, *gender);
        if got != *expected {
            wrong.push(format!(
                "{typed} ({case:?}, {gender:?}): {got} ≠ {expected}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Words that only look like an association, or an association not named:
/// left as typed (a workplace, a studio as an employer).
#[test]
fn other_words_stay_as_typed() {
    for typed in [
        "мастерская",
        "изостудия",
        "инспекция «Омск»",
        "амфитеатр «Лира»",
        "педагог изостудии «Акварель»",
    ] {
        let got = position_in(typed, Case::Nominative, Gender::Male);
        assert!(
            !got.starts_with("обучающ"),
            "{typed} read as a learner's status: {got}"
        );
    }
}
