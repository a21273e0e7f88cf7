//! Real XLSX files built here: hand-typed tables load; every error class is
//! reported in Russian at its exact place, all in one pass.

use nastavnik_engine::{example, load, Error};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde_json::Value;
use std::path::Path;

/// A cell as a test writes it.
enum C {
    S(&'static str),
    D(u16, u8, u8),
    N(f64),
    /// A cell left blank.
    E_,
}
use C::*;

fn book(sheets: &[(&str, Vec<Vec<C>>)]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).expect("name");
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    S(t) => {
                        ws.write_string(r, c, *t).expect("s");
                    }
                    D(y, m, d) => {
                        let dt = ExcelDateTime::from_ymd(*y, *m, *d).expect("d");
                        ws.write_datetime_with_format(r, c, &dt, &date).expect("d");
                    }
                    N(n) => {
                        ws.write_number(r, c, *n).expect("n");
                    }
                    E_ => {}
                }
            }
        }
    }
    wb.save_to_buffer().expect("xlsx")
}

/// The example programme with `participants.xlsx` replaced and without
/// rewards (they name the example's mentors).
fn setup(participants: Option<Vec<u8>>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    example::write(dir.path(), None).expect("example");
    let path = dir.path().join("programme.json");
    let mut json: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
    json.as_object_mut().map(|o| o.remove("rewards"));
    std::fs::write(&path, serde_json::to_string_pretty(&json).expect("s")).expect("write");
    if let Some(bytes) = participants {
        std::fs::write(dir.path().join("inputs/participants.xlsx"), bytes).expect("write");
    }
    dir
}

fn problems(dir: &Path) -> Vec<String> {
    match load::load(dir) {
        Ok(_) => panic!("ожидались ошибки"),
        Err(Error::Input(ps)) => ps.iter().map(|p| p.to_string()).collect(),
        Err(e) => panic!("не та ошибка: {e}"),
    }
}

#[test]
fn hand_typed_tables_load_without_complaint() {
    let participants = book(&[
        (
            "Наставники",
            vec![
                vec![S("Список наставников МБОУ «СОШ № 5»")],
                vec![S("на 2025/2026 учебный год")],
                vec![],
                vec![
                    S("№ п/п"),
                    S(" Ф.И.О. "),
                    S("КАТЕГОРИЯ"),
                    S("Должность / класс"),
                    S("Согласие на обработку ПДн (да / нет)"),
                ],
                vec![
                    N(1.0),
                    S("  Иванова   Мария Петровна "),
                    S("Педагог"),
                    S("учитель математики"),
                    S("+"),
                ],
                vec![
                    N(2.0),
                    S("Петров Иван Ильич"),
                    S("учитель"),
                    S("учитель истории"),
                    S("Да"),
                ],
                vec![],
                vec![
                    N(3.0),
                    S("Сидоренко Олег Викторович"),
                    S("обучающийся"),
                    S("10 «А»"),
                    S("1"),
                ],
            ],
        ),
        (
            "Наставляемые",
            vec![
                vec![S("Наставляемые")],
                vec![
                    S("ФИО"),
                    S("Категория"),
                    S("Класс"),
                    S("Дата рождения"),
                    S("Стаж"),
                ],
                vec![
                    S("Кузнецова Анна Сергеевна"),
                    S("молодой специалист"),
                    S("учитель истории"),
                    S("5.3.2001"),
                    S("1,5"),
                ],
                vec![
                    S("Смирнов Пётр Андреевич"),
                    S("ученик"),
                    S("7 «Б»"),
                    D(2012, 5, 6),
                ],
                vec![
                    S("Смирнова Ольга Андреевна"),
                    S("обучающаяся"),
                    S("7 «Б»"),
                    S("06.05.2012"),
                ],
            ],
        ),
        (
            "Пары",
            vec![
                vec![
                    S("ФИО наставника"),
                    S("ФИО наставляемого"),
                    S("Форма наставничества"),
                    S("Начало"),
                    S("Дата окончания"),
                ],
                vec![
                    S("Иванова Мария Петровна"),
                    S("Кузнецова Анна Сергеевна"),
                    S("Учитель-учитель"),
                    S("01.10.2025"),
                    D(2026, 5, 30),
                ],
                vec![
                    S("Сидоренко Олег Викторович "),
                    S("смирнов пётр андреевич"),
                    S("ученик — ученик"),
                    D(2025, 10, 1),
                    S(" "),
                ],
                vec![
                    S("Сидоренко Олег Викторович"),
                    S("Смирнова Ольга Андреевна"),
                    S("Ученик - ученик"),
                    D(2025, 10, 1),
                ],
            ],
        ),
    ]);
    let dir = setup(Some(participants));
    let loaded = match load::load(dir.path()) {
        Ok(l) => l,
        Err(e) => panic!("не загрузилось:\n{e}"),
    };
    let m = loaded.model;
    let names: Vec<&str> = m.mentors.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Иванова Мария Петровна",
            "Петров Иван Ильич",
            "Сидоренко Олег Викторович"
        ]
    );
    assert_eq!(m.mentors[0].source.row, 5);
    assert_eq!(m.mentors[2].source.row, 8);
    assert!(m.mentors[0].employee && m.mentors[1].employee && !m.mentors[2].employee);
    assert_eq!(m.mentors[0].consent_pd, Some(true));
    assert_eq!(
        m.mentees[0].birth_date.map(|d| d.to_string()).as_deref(),
        Some("2001-03-05")
    );
    assert_eq!(m.mentees[0].experience, Some(1.5));
    assert_eq!(m.mentees[1].age, Some(13));
    assert_eq!(m.pairs.len(), 3);
    assert_eq!(
        m.pairs[1].mentee, "Смирнов Пётр Андреевич",
        "имя берётся как на листе"
    );
    assert_eq!(m.pairs[1].end, None);
    assert_eq!(m.groups.len(), 2);
    assert_eq!(m.groups[1].mentees.len(), 2);
    assert_eq!(m.pairs[2].group, "002");
}

#[test]
fn every_table_problem_in_one_pass_with_its_cell() {
    let participants = book(&[
        (
            "Наставники",
            vec![
                vec![S("ФИО"), S("Категория")],
                vec![S("Иванова Мария Петровна"), S("педагог")],
                vec![S("Петров Иван Ильич"), S("педагог")],
                vec![S("Иванова Мария Петровна"), S("педагог")],
            ],
        ),
        (
            "Наставляемые",
            vec![
                vec![S("ФИО"), S("Категория"), S("Дата рождения")],
                vec![
                    S("Кузнецова Анна Сергеевна"),
                    S("обучающийся"),
                    S("31.02.2012"),
                ],
                vec![S("Смирнов Пётр Андреевич"), S("обучающийся")],
                vec![S("Орлова Ирина"), S("родитель")],
            ],
        ),
        (
            "Пары",
            vec![
                vec![
                    S("Наставник"),
                    S("Наставляемый"),
                    S("Форма"),
                    S("Дата начала"),
                    S("Дата окончания"),
                ],
                vec![
                    S("Иванова Мария Петровна"),
                    S("Кузнецова Анна Сергеевна"),
                    S("ученик – ученик"),
                    S("01.10.2025"),
                ],
                vec![
                    S("Петров Иваан Ильич"),
                    S("Смирнов Пётр Андреевич"),
                    S("ученик – ученик"),
                    S("01.10.2025"),
                ],
                vec![
                    S("Петров Иван Ильич"),
                    S("Кузнецова Анна Сергеевна"),
                    S("ученик-ученик"),
                    S("01.10.2025"),
                ],
                vec![
                    S("Петров Иван Ильич"),
                    S("Смирнов Пётр Андреевич"),
                    S("наставник – ученик"),
                    S("01.10.2025"),
                ],
                vec![
                    S("Петров Иван Ильич"),
                    S("Смирнов Пётр Андреевич"),
                    S("учитель – учитель"),
                    S("01.10.2025"),
                    S("01.09.2025"),
                ],
                vec![
                    S("Петров Иван Ильич"),
                    S("Захаров Лев Борисович"),
                    S("студент – ученик"),
                    D(2025, 10, 1),
                ],
                vec![
                    S("Петров Иван Ильич"),
                    S("Смирнов Пётр Андреевич"),
                    S("работодатель – ученик"),
                    S("31.02.2026"),
                ],
            ],
        ),
    ]);
    let dir = setup(Some(participants));
    let got = problems(dir.path());
    let forms = "«ученик – ученик», «учитель – учитель», «студент – ученик», «работодатель – ученик», «работодатель – студент», «педагог – обучающийся», «студент – студент»";
    let want = vec![
        "inputs/participants.xlsx › Наставляемые › C2: «Дата рождения»: такой даты нет в календаре: «31.02.2012»".to_owned(),
        "inputs/participants.xlsx › Наставляемые › B4: «Категория»: неизвестная категория наставляемого «родитель»; допустимые: обучающийся, педагог, студент".to_owned(),
        format!("inputs/participants.xlsx › Пары › C5: «Форма»: неизвестная форма наставничества «наставник – ученик»; допустимые: {forms}"),
        "inputs/participants.xlsx › Пары › D8: «Дата начала»: такой даты нет в календаре: «31.02.2026»".to_owned(),
        "inputs/participants.xlsx › Наставники › A4: наставник «Иванова Мария Петровна» уже есть на этом листе (строка 2); уберите повтор".to_owned(),
        "inputs/participants.xlsx › Пары › A3: наставник «Петров Иваан Ильич» не найден на листе «Наставники»; возможно, имелся в виду «Петров Иван Ильич»".to_owned(),
        "inputs/participants.xlsx › Пары › B4: наставляемый «Кузнецова Анна Сергеевна» уже закреплён в форме «ученик – ученик» (строка 2); в одной форме у наставляемого один наставник".to_owned(),
        "inputs/participants.xlsx › Пары › E6: дата окончания 01.09.2025 раньше даты начала 01.10.2025".to_owned(),
        "inputs/participants.xlsx › Пары › B7: наставляемый «Захаров Лев Борисович» не найден на листе «Наставляемые»".to_owned(),
    ];
    assert_eq!(got, want);
}

#[test]
fn missing_column_names_the_header_expected_and_those_found() {
    let participants = book(&[
        (
            "Наставники",
            vec![
                vec![S("Наставники школы")],
                vec![S("№"), S("Ф.И.О."), S("Должность")],
                vec![N(1.0), S("Иванова Мария Петровна"), S("учитель")],
            ],
        ),
        ("Наставляемые", vec![vec![S("ФИО"), S("Категория")]]),
        (
            "Пары",
            vec![vec![
                S("Наставник"),
                S("Наставляемый"),
                S("Форма"),
                S("Дата начала"),
            ]],
        ),
    ]);
    let dir = setup(Some(participants));
    assert_eq!(
        problems(dir.path()),
        ["inputs/participants.xlsx › Наставники: нет обязательного столбца «Категория» (строка заголовков 2); найдены столбцы: «№», «Ф.И.О.», «Должность»"]
    );
}

#[test]
fn missing_sheets_list_the_sheets_there_are() {
    let participants = book(&[
        ("Наставники", vec![vec![S("ФИО"), S("Категория")]]),
        ("Лист1", vec![]),
    ]);
    let dir = setup(Some(participants));
    assert_eq!(
        problems(dir.path()),
        [
            "inputs/participants.xlsx: нет листа «Наставляемые»; в книге есть листы: «Наставники», «Лист1»",
            "inputs/participants.xlsx: нет листа «Пары»; в книге есть листы: «Наставники», «Лист1»",
        ]
    );
}

#[test]
fn missing_foreign_and_truncated_files_are_each_reported() {
    let dir = setup(None);
    let inputs = dir.path().join("inputs");
    let whole = std::fs::read(inputs.join("participants.xlsx")).expect("read");
    std::fs::write(
        inputs.join("participants.xlsx"),
        &whole[..whole.len() * 6 / 10],
    )
    .expect("w");
    std::fs::remove_file(inputs.join("roadmap.xlsx")).expect("rm");
    std::fs::write(
        inputs.join("monitoring.xlsx"),
        "ФИО;Роль\nИванов;наставник\n",
    )
    .expect("w");
    let got = problems(dir.path());
    assert_eq!(got.len(), 3, "{got:#?}");
    assert!(
        got[0].starts_with("inputs/participants.xlsx: файл повреждён"),
        "{}",
        got[0]
    );
    assert!(
        got[1].starts_with("inputs/roadmap.xlsx: файл не найден (искали "),
        "{}",
        got[1]
    );
    assert!(
        got[1].ends_with("; проверьте путь в programme.json"),
        "{}",
        got[1]
    );
    assert_eq!(
        got[2],
        "inputs/monitoring.xlsx: файл не является книгой Excel (XLSX): возможно, это CSV, текст или другой формат; сохраните его как «Книга Excel (*.xlsx)»"
    );
}

#[test]
fn schema_problems_and_table_problems_come_together() {
    let dir = setup(None);
    let path = dir.path().join("programme.json");
    let mut json: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
    json["organisation"]["head"]
        .as_object_mut()
        .map(|o| o.remove("name"));
    json["programme"]["start"] = Value::from("2025-13-01");
    std::fs::write(&path, serde_json::to_string_pretty(&json).expect("s")).expect("w");
    std::fs::remove_file(dir.path().join("inputs/roadmap.xlsx")).expect("rm");
    let shown = path.display().to_string();
    let got = problems(dir.path());
    assert!(
        got.contains(&format!(
            "{shown} › /organisation/head/name: не заполнено обязательное поле «name»"
        )),
        "{got:#?}"
    );
    assert!(got.contains(&format!("{shown} › /programme/start: дата должна быть в виде ГГГГ-ММ-ДД и существовать в календаре, а записано «2025-13-01»")), "{got:#?}");
    assert!(
        got.iter()
            .any(|g| g.starts_with("inputs/roadmap.xlsx: файл не найден")),
        "{got:#?}"
    );
}

#[test]
fn json_syntax_error_has_line_and_column() {
    let dir = setup(None);
    let path = dir.path().join("programme.json");
    std::fs::write(
        &path,
        "{\n  \"region\": \"omsk\",\n  \"organisation\": {\n}",
    )
    .expect("w");
    assert_eq!(
        problems(dir.path()),
        [format!(
            "{}:4:1: ошибка синтаксиса JSON: файл обрывается: не хватает закрывающей скобки или кавычки",
            path.display()
        )]
    );
}

#[test]
fn roadmap_survey_and_yes_no_values_are_checked_at_their_cells() {
    let dir = setup(None);
    let inputs = dir.path().join("inputs");
    std::fs::write(
        inputs.join("roadmap.xlsx"),
        book(&[(
            "Дорожная карта",
            vec![
                vec![S("Дорожная карта")],
                vec![
                    S("Этап"),
                    S("Мероприятие"),
                    S("Ответственный"),
                    S("Срок"),
                    S("Отметка о выполнении"),
                ],
                vec![
                    N(1.0),
                    S("Педсовет"),
                    S("Директор"),
                    D(2025, 8, 29),
                    S("выполнено"),
                ],
                vec![N(9.0), S("Что-то"), S("Куратор"), S("в течение года")],
                vec![S("2"), S("Сбор запросов"), E_, S("сентябрь")],
            ],
        )]),
    )
    .expect("w");
    std::fs::write(
        inputs.join("monitoring.xlsx"),
        book(&[(
            "Анкеты",
            vec![
                vec![
                    S("№"),
                    S("Респондент"),
                    S("Роль"),
                    S("Этап мониторинга"),
                    S("Насколько полезны встречи?"),
                ],
                vec![
                    N(1.0),
                    S("Иванова Мария Петровна"),
                    S("Наставник"),
                    N(1.0),
                    N(9.0),
                ],
                vec![N(2.0), E_, S("родитель"), N(3.0), N(11.0)],
            ],
        )]),
    )
    .expect("w");
    let got = problems(dir.path());
    assert_eq!(
        got,
        [
            "inputs/roadmap.xlsx › Дорожная карта › A4: «Этап»: этап должен быть числом от 1 до 7, а записано 9",
            "inputs/roadmap.xlsx › Дорожная карта › C5: не заполнен обязательный столбец «Ответственный»",
            "inputs/monitoring.xlsx › Анкеты › C3: «Роль»: неизвестная роль «родитель»; допустимые: наставник, наставляемый",
            "inputs/monitoring.xlsx › Анкеты › D3: «Этап мониторинга»: этап мониторинга должен быть 1 или 2, а записано «3»",
            "inputs/monitoring.xlsx › Анкеты › E3: «Насколько полезны встречи?»: оценка должна быть целым числом от 1 до 10, а записано «11»",
        ]
    );
}
