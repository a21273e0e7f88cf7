//! Headers as people type them: every header README's input tables write
//! is read as written (and without its clarification); clarified and
//! qualified headers of a college's tables are read; a column that is not
//! read is named, with the closest known title; programme.json maps any
//! other header to a field.

use nastavnik_engine::ingest::header::{assign, Matcher};
use nastavnik_engine::ingest::sheet::Column;
use nastavnik_engine::ingest::{pairs, people, roadmap, survey};
use nastavnik_engine::model::Form;
use nastavnik_engine::rules::RuleSet;
use nastavnik_engine::{example, load, Error};
use rust_xlsxwriter::Workbook;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;

const README: &str = include_str!("../../README.md");

/// Every header of README's «Inputs» table, as written there (without the
/// `*` of a required column), with the field it is read as.
const README_HEADERS: &[(&str, &str, &str)] = &[
    ("Наставники", "ФИО", "name"),
    (
        "Наставники",
        "Категория (педагог / обучающийся / студент / работодатель)",
        "category",
    ),
    ("Наставники", "Должность или класс", "position"),
    ("Наставники", "Организация", "organisation"),
    ("Наставники", "Стаж (лет)", "experience"),
    ("Наставники", "Согласие на обработку ПДн", "consent_pd"),
    (
        "Наставники",
        "Согласие на наставничество (ст. 351.8 ТК РФ)",
        "consent_mentoring",
    ),
    (
        "Наставники",
        "Дополнительное соглашение («№ 14 от 10.10.2025»)",
        "agreement",
    ),
    (
        "Наставники",
        "Трудовой договор («№ 27 от 26.08.2002»)",
        "employment_contract",
    ),
    (
        "Наставники",
        "Доплата («10 % ставки заработной платы»)",
        "pay",
    ),
    ("Наставники", "Телефон", "phone"),
    ("Наставники", "Email", "email"),
    ("Наставники", "Дата рождения", "birth_date"),
    ("Наставники", "Группа", "group"),
    ("Наставники", "Курс (1–6)", "course"),
    ("Наставники", "Специальность", "specialty"),
    ("Наставники", "Профессия", "profession"),
    ("Наставляемые", "ФИО", "name"),
    (
        "Наставляемые",
        "Категория (обучающийся / педагог / студент)",
        "category",
    ),
    ("Наставляемые", "Класс или должность", "class_or_position"),
    ("Наставляемые", "Дата рождения", "birth_date"),
    ("Наставляемые", "Стаж (лет)", "experience"),
    ("Наставляемые", "Запрос", "request"),
    ("Наставляемые", "Согласие на обработку ПДн", "consent_pd"),
    ("Наставляемые", "Группа", "group"),
    ("Наставляемые", "Курс (1–6)", "course"),
    ("Наставляемые", "Специальность", "specialty"),
    ("Наставляемые", "Профессия", "profession"),
    ("Пары", "Наставник", "mentor"),
    ("Пары", "Наставляемый", "mentee"),
    ("Пары", "Форма", "form"),
    ("Пары", "Ролевая модель", "role_model"),
    ("Пары", "Дата начала", "start"),
    ("Пары", "Дата окончания", "end"),
    ("Дорожная карта", "Этап (1–7)", "stage"),
    ("Дорожная карта", "Мероприятие", "title"),
    ("Дорожная карта", "Ответственный", "responsible"),
    ("Дорожная карта", "Срок", "deadline"),
    ("Дорожная карта", "Результат", "result"),
    ("Дорожная карта", "Отметка о выполнении", "done"),
    ("Анкеты", "Респондент", "respondent"),
    ("Анкеты", "Роль (наставник / наставляемый)", "role"),
    ("Анкеты", "Этап мониторинга (1 / 2)", "phase"),
];

fn columns_of(sheet: &str) -> &'static [Column] {
    match sheet {
        "Наставники" => &people::mentor_columns::ALL,
        "Наставляемые" => &people::mentee_columns::ALL,
        "Пары" => &pairs::ALL,
        "Дорожная карта" => &roadmap::ALL,
        "Анкеты" => &survey::ALL,
        other => panic!("нет такой таблицы: {other}"),
    }
}

/// Splits README's list of columns at commas outside brackets and quotes.
fn split_top(list: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    for c in list.chars() {
        match c {
            '(' | '«' => depth += 1,
            ')' | '»' => depth -= 1,
            _ => {}
        }
        if c == ',' && depth == 0 {
            out.push(cur.trim().to_owned());
            cur.clear();
        } else {
            cur.push(c);
        }
    }
    out.push(cur.trim().to_owned());
    out
}

/// README's «Inputs» table: (sheet, header as written without `*`), prose
/// after a dash and the survey's «then one column per question» left out.
fn readme_headers() -> Vec<(String, String)> {
    let start = README
        .find("| sheet | columns (* required) |")
        .expect("таблица входов");
    let mut out = Vec::new();
    for line in README[start..].lines().skip(2) {
        let Some(row) = line.strip_prefix("| ") else {
            break;
        };
        let (sheet, list) = row.split_once(" | ").expect("две ячейки");
        let list = list.trim_end_matches(" |");
        let list = list.split(" — ").next().unwrap_or(list);
        for item in split_top(list) {
            if item.starts_with(|c: char| c.is_ascii_lowercase()) {
                continue;
            }
            out.push((sheet.to_owned(), item.replace('*', "")));
        }
    }
    out
}

#[test]
fn the_list_here_is_readmes() {
    let here: Vec<(String, String)> = README_HEADERS
        .iter()
        .map(|(s, h, _)| ((*s).to_owned(), (*h).to_owned()))
        .collect();
    assert_eq!(readme_headers(), here);
}

#[test]
fn every_readme_header_is_read_as_written_and_without_its_clarification() {
    for (sheet, header, id) in README_HEADERS {
        let m = Matcher::new(columns_of(sheet), &BTreeMap::new());
        let bare = header.split(" (").next().unwrap_or(header);
        for typed in [*header, bare, &header.to_uppercase()] {
            let a = assign(&m, &[(0, typed.to_owned())]);
            assert_eq!(
                a.columns.keys().copied().collect::<Vec<_>>(),
                [*id],
                "{sheet} › «{typed}»"
            );
        }
    }
    // A whole README header row is read column for column.
    for sheet in [
        "Наставники",
        "Наставляемые",
        "Пары",
        "Дорожная карта",
        "Анкеты",
    ] {
        let row: Vec<(usize, String)> = README_HEADERS
            .iter()
            .filter(|(s, _, _)| *s == sheet)
            .enumerate()
            .map(|(j, (_, h, _))| (j, (*h).to_owned()))
            .collect();
        let a = assign(&Matcher::new(columns_of(sheet), &BTreeMap::new()), &row);
        assert!(a.unread.is_empty(), "{sheet}: {:?}", a.unread);
        for (j, (_, _, id)) in README_HEADERS
            .iter()
            .filter(|(s, _, _)| *s == sheet)
            .enumerate()
        {
            assert_eq!(a.columns.get(id), Some(&j), "{sheet} › {id}");
        }
    }
}

#[test]
fn headers_as_a_college_types_them() {
    for (sheet, typed, id) in [
        ("Наставники", "Категория участника", "category"),
        ("Наставники", "Должность / курс", "position"),
        ("Наставники", "Группа / должность", "position"),
        ("Наставники", "ФИО наставника (полностью)", "name"),
        (
            "Наставники",
            "Согласие на наставничество (да/нет)",
            "consent_mentoring",
        ),
        (
            "Наставники",
            "Согласие на обработку ПДн, да/нет",
            "consent_pd",
        ),
        (
            "Наставники",
            "Дополнительное соглашение – номер и дата",
            "agreement",
        ),
        (
            "Наставники",
            "Трудовой договор, реквизиты",
            "employment_contract",
        ),
        ("Наставники", "Доплата, % ставки", "pay"),
        ("Наставляемые", "Категория участника", "category"),
        ("Наставляемые", "Группа / должность", "class_or_position"),
        ("Наставляемые", "Группа / курс", "class_or_position"),
        (
            "Наставляемые",
            "Группа, курс, специальность",
            "class_or_position",
        ),
        (
            "Наставляемые",
            "Группа, курс, специальность (профессия)",
            "class_or_position",
        ),
        ("Наставники", "Группа / курс", "position"),
        ("Наставляемые", "Группа", "group"),
        ("Наставляемые", "Группа (шифр)", "group"),
        ("Наставляемые", "Учебная группа", "group"),
        ("Наставляемые", "Курс", "course"),
        ("Наставляемые", "Курс (1–4)", "course"),
        ("Наставляемые", "Курс обучения", "course"),
        ("Наставляемые", "Специальность", "specialty"),
        (
            "Наставляемые",
            "Специальность (код и наименование)",
            "specialty",
        ),
        ("Наставляемые", "Профессия", "profession"),
        ("Наставляемые", "Профессия, код", "profession"),
        ("Наставники", "Группа", "group"),
        ("Наставники", "Курс (1–4)", "course"),
        ("Наставники", "Специальность", "specialty"),
        ("Наставляемые", "Дата рождения (дд.мм.гггг)", "birth_date"),
        (
            "Наставляемые",
            "Согласие родителей (законных представителей) на обработку ПДн",
            "consent_pd",
        ),
        (
            "Наставляемые",
            "Согласие родителей на обработку ПДн, да/нет",
            "consent_pd",
        ),
        ("Пары", "Форма наставничества (студент – студент)", "form"),
        ("Пары", "Наставник (ФИО полностью)", "mentor"),
        ("Дорожная карта", "Срок исполнения / дата", "deadline"),
        ("Анкеты", "Роль участника (наставник/наставляемый)", "role"),
    ] {
        let a = assign(
            &Matcher::new(columns_of(sheet), &BTreeMap::new()),
            &[(0, typed.to_owned())],
        );
        assert_eq!(
            a.columns.keys().copied().collect::<Vec<_>>(),
            [id],
            "{sheet} › «{typed}»"
        );
    }
}

#[test]
fn personal_data_and_mentoring_consents_are_never_confused() {
    let m = Matcher::new(&people::mentor_columns::ALL, &BTreeMap::new());
    for order in [[0usize, 1], [1, 0]] {
        let headers = [
            "Согласие на наставничество (ст. 351.8 ТК РФ)",
            "Согласие на обработку ПДн (152-ФЗ)",
        ];
        let row: Vec<(usize, String)> =
            order.iter().map(|i| (*i, headers[*i].to_owned())).collect();
        let a = assign(&m, &row);
        assert_eq!(a.columns.get("consent_mentoring"), Some(&0));
        assert_eq!(a.columns.get("consent_pd"), Some(&1));
    }
    // A mentee's table has no mentoring consent: the column is not read as
    // the personal data one.
    let m = Matcher::new(&people::mentee_columns::ALL, &BTreeMap::new());
    let a = assign(&m, &[(0, "Согласие на наставничество".to_owned())]);
    assert!(a.columns.is_empty());
}

fn book(sheets: &[(&str, Vec<Vec<&str>>)]) -> Vec<u8> {
    let mut wb = Workbook::new();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).expect("name");
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if !cell.is_empty() {
                    ws.write_string(r as u32, c as u16, *cell).expect("s");
                }
            }
        }
    }
    wb.save_to_buffer().expect("xlsx")
}

/// The example programme with its participants' workbook replaced, no
/// rewards (they name the example's mentors), and `edit` applied to its JSON.
fn setup(participants: Vec<u8>, edit: impl FnOnce(&mut Value)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    example::write(dir.path(), None).expect("example");
    let path = dir.path().join("programme.json");
    let mut json: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
    json.as_object_mut().map(|o| o.remove("rewards"));
    edit(&mut json);
    std::fs::write(&path, serde_json::to_string_pretty(&json).expect("s")).expect("write");
    std::fs::write(dir.path().join("inputs/participants.xlsx"), participants).expect("write");
    dir
}

/// A college's participants as its curator typed them: clarified and
/// qualified headers, a column of its own, a repeated one, values under
/// no header.
fn college() -> Vec<u8> {
    book(&[
        (
            "Наставники",
            vec![
                vec![
                    "№ п/п",
                    "ФИО",
                    "Категория участника",
                    "Должность / курс",
                    "Согласие на обработку ПДн",
                    "Согласие на наставничество (ст. 351.8 ТК РФ)",
                    "Дополнительное соглашение",
                    "Трудовой договор",
                    "Доплата",
                    "Доп. сведения",
                    "Стаж работы в должности",
                    "Ф.И.О.",
                ],
                vec![
                    "1",
                    "Иванова Мария Петровна",
                    "педагог",
                    "преподаватель",
                    "да",
                    "да",
                    "№ 14 от 10.10.2025",
                    "№ 27 от 26.08.2002",
                    "10 % ставки заработной платы",
                    "куратор группы ТМ-21",
                    "12",
                    "Иванова М. П.",
                    "примечание",
                ],
                vec![
                    "2",
                    "Орлов Павел Игоревич",
                    "студент",
                    "3 курс",
                    "да",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ],
            ],
        ),
        (
            "Наставляемые",
            vec![
                vec![
                    "ФИО",
                    "Категория участника",
                    "Группа / должность",
                    "Согласие на обработку ПДн",
                ],
                vec!["Кузнецова Анна Сергеевна", "педагог", "преподаватель", "да"],
                vec!["Смирнов Пётр Андреевич", "студент", "ТМ-11", "да"],
            ],
        ),
        (
            "Пары",
            vec![
                vec![
                    "Наставник",
                    "Наставляемый",
                    "Форма (как в положении)",
                    "Дата начала",
                ],
                vec![
                    "Иванова Мария Петровна",
                    "Кузнецова Анна Сергеевна",
                    "учитель – учитель",
                    "01.10.2025",
                ],
                vec![
                    "Орлов Павел Игоревич",
                    "Смирнов Пётр Андреевич",
                    "Студент-студент",
                    "01.10.2025",
                ],
            ],
        ),
    ])
}

fn loaded(dir: &Path) -> load::Loaded {
    match load::load(dir) {
        Ok(l) => l,
        Err(e) => panic!("не загрузилось:\n{e}"),
    }
}

#[test]
fn a_teachers_written_consent_is_read_and_every_unread_column_is_named() {
    let dir = setup(college(), |_| {});
    let l = loaded(dir.path());
    let m = &l.model.mentors[0];
    assert_eq!(m.consent_mentoring, Some(true), "«да» учителя прочитано");
    assert_eq!(m.consent_pd, Some(true));
    assert_eq!(m.position.as_deref(), Some("преподаватель"));
    assert_eq!(m.agreement.as_deref(), Some("№ 14 от 10.10.2025"));
    assert_eq!(m.employment_contract.as_deref(), Some("№ 27 от 26.08.2002"));
    assert_eq!(m.pay.as_deref(), Some("10 % ставки заработной платы"));
    assert_eq!(l.model.mentors[1].position.as_deref(), Some("3 курс"));
    assert_eq!(
        l.model.mentees[1].class_or_position.as_deref(),
        Some("ТМ-11")
    );
    // The example's survey names the example's people, not this college's:
    // those are warned of too (tests/ingest_survey_roles.rs); here the columns.
    let notices: Vec<String> = l
        .notices
        .iter()
        .map(ToString::to_string)
        .filter(|n| n.starts_with("inputs/participants.xlsx"))
        .collect();
    let text = notices.join("\n");
    assert_eq!(notices.len(), 4, "{text}");
    assert!(
        notices[0].starts_with(
            "inputs/participants.xlsx › Наставники › J1: столбец J «Доп. сведения» не читается"
        ),
        "{text}"
    );
    assert!(notices[0].contains("inputs.mentors.columns"), "{text}");
    assert!(
        notices[1].starts_with("inputs/participants.xlsx › Наставники › K1: столбец K «Стаж работы в должности» не читается")
            && notices[1].contains("ближе всего «Стаж работы»")
            && notices[1].contains("{\"Стаж работы в должности\": \"experience\"}"),
        "{text}"
    );
    assert!(
        notices[2].starts_with("inputs/participants.xlsx › Наставники › L1: столбец L «Ф.И.О.» не читается: столбец «ФИО» уже прочитан из столбца B «ФИО»"),
        "{text}"
    );
    assert_eq!(
        notices[3],
        "inputs/participants.xlsx › Наставники › M1: в столбце M есть значения, но нет заголовка: они не читаются"
    );
    assert!(
        !text.contains("№ п/п"),
        "номер строки не предупреждение: {text}"
    );
}

#[test]
fn the_example_leaves_no_column_unread() {
    let dir = tempfile::tempdir().expect("tempdir");
    example::write(dir.path(), None).expect("example");
    let l = loaded(dir.path());
    assert!(l.notices.is_empty(), "{:?}", l.notices);
}

#[test]
fn programme_json_maps_a_header_to_a_field() {
    let dir = setup(college(), |json| {
        json["inputs"]["mentors"]["columns"] = json!({
            "Доп. сведения": "position",
            "Стаж работы в должности": "experience",
            "Нет такого": "phone",
        });
    });
    let l = loaded(dir.path());
    let m = &l.model.mentors[0];
    assert_eq!(m.position.as_deref(), Some("куратор группы ТМ-21"));
    assert_eq!(m.experience, Some(12.0));
    let text: Vec<String> = l.notices.iter().map(ToString::to_string).collect();
    // «Должность / курс» now gives way to the mapped column, and says so.
    assert!(
        text.iter()
            .any(|n| n.contains("D1: столбец D «Должность / курс» не читается")),
        "{text:?}"
    );
    assert!(
        text.iter().any(|n| n
            == "inputs/participants.xlsx › Наставники: в programme.json (inputs.mentors.columns) столбцу «phone» сопоставлен заголовок «Нет такого», но в строке заголовков листа его нет"),
        "{text:?}"
    );
}

#[test]
fn a_field_a_table_does_not_have_is_refused_at_its_pointer() {
    let dir = setup(college(), |json| {
        json["inputs"]["mentors"]["columns"] = json!({ "Доп. сведения": "request" });
        json["inputs"]["pairs"]["columns"] = json!({ "Куратор/группа": "nonsense" });
    });
    let problems = match load::load(dir.path()) {
        Ok(_) => panic!("ожидались ошибки"),
        Err(Error::Input(ps)) => ps.iter().map(ToString::to_string).collect::<Vec<_>>(),
        Err(e) => panic!("не та ошибка: {e}"),
    };
    let text = problems.join("\n");
    assert!(
        text.contains("/inputs/mentors/columns/Доп. сведения"),
        "{text}"
    );
    assert!(
        text.contains("/inputs/pairs/columns/Куратор~1группа"),
        "{text}"
    );
    assert!(text.contains("position"), "допустимые поля названы: {text}");
}

#[test]
fn the_schema_allows_each_tables_own_fields() {
    let schema: Value =
        serde_json::from_str(nastavnik_engine::schema::schema_text()).expect("схема");
    for (def, sheet) in [
        ("mentor_field", "Наставники"),
        ("mentee_field", "Наставляемые"),
        ("pair_field", "Пары"),
        ("roadmap_field", "Дорожная карта"),
        ("survey_field", "Анкеты"),
    ] {
        let allowed: Vec<&str> = schema["$defs"][def]["enum"]
            .as_array()
            .expect("enum")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let ids: Vec<&str> = columns_of(sheet).iter().map(|c| c.id).collect();
        assert_eq!(allowed, ids, "{def}");
        let description = schema["$defs"][def]["description"]
            .as_str()
            .expect("описание");
        for id in ids {
            assert!(description.contains(&format!("{id} — ")), "{def}: {id}");
        }
    }
}

#[test]
fn a_college_pairs_students_in_the_form_student_student() {
    let dir = setup(college(), |json| {
        json["organisation"]["kind"] = json!("college");
        json["programme"]["forms"] = json!(["учитель – учитель", "студент – студент"]);
    });
    let l = loaded(dir.path());
    assert_eq!(l.model.pairs[1].form, Form::StudentStudent);
    assert_eq!(l.model.pairs[1].form.name(), "студент – студент");
    let report = RuleSet::load(None, None)
        .and_then(|r| r.check(&l.model))
        .unwrap_or_else(|e| panic!("{e}"));
    let about_forms: Vec<String> = report
        .findings
        .iter()
        .filter(|f| {
            [
                "stage5.form-categories",
                "stage5.form-in-programme",
                "stage5.mentees-per-mentor",
            ]
            .contains(&f.rule.as_str())
        })
        .map(|f| format!("{}: {}", f.rule, f.message))
        .collect();
    assert!(about_forms.is_empty(), "{about_forms:#?}");
}

#[test]
fn docs_inputs_lists_every_field_with_its_title_and_synonyms() {
    let doc = include_str!("../../docs/inputs.md");
    let mut rows: Vec<String> = Vec::new();
    for sheet in [
        "Наставники",
        "Наставляемые",
        "Пары",
        "Дорожная карта",
        "Анкеты",
    ] {
        for c in columns_of(sheet) {
            let synonyms: Vec<String> = c.synonyms.iter().map(|s| format!("«{s}»")).collect();
            let row = format!(
                "| `{}` | «{}»{} | {} |",
                c.id,
                c.title,
                if c.required { " *" } else { "" },
                synonyms.join(", ")
            );
            assert!(doc.contains(&row), "docs/inputs.md: нет строки {row}");
            rows.push(row);
        }
    }
    // And nothing else: a row of the fields' tables that no column of the
    // ingest declares (a field removed, a synonym dropped) is stale.
    let fields = &doc[doc
        .find("## Fields, titles and synonyms")
        .expect("раздел полей")..];
    for line in fields.lines().filter(|l| l.starts_with("| `")) {
        assert!(
            rows.iter().any(|r| r == line),
            "docs/inputs.md: строка не соответствует столбцам таблиц: {line}"
        );
    }
}

#[test]
fn survey_questions_are_read_and_only_other_columns_named() {
    let dir = setup(college(), |_| {});
    let survey = book(&[(
        "Анкеты",
        vec![
            vec![
                "№",
                "Респондент",
                "Роль участника",
                "Этап мониторинга (1 / 2)",
                "Дата анкетирования",
                "Насколько полезными были встречи?",
                "Роль наставника в вашем развитии",
            ],
            vec![
                "1",
                "Иванова Мария Петровна",
                "наставник",
                "1",
                "01.12.2025",
                "9",
                "8",
            ],
        ],
    )]);
    std::fs::write(dir.path().join("inputs/monitoring.xlsx"), survey).expect("write");
    let l = loaded(dir.path());
    assert_eq!(
        l.model.survey.questions,
        [
            "Насколько полезными были встречи?",
            "Роль наставника в вашем развитии"
        ]
    );
    let survey_notices: Vec<String> = l
        .notices
        .iter()
        .map(ToString::to_string)
        .filter(|n| n.contains("monitoring.xlsx"))
        .collect();
    assert_eq!(survey_notices.len(), 1, "{survey_notices:?}");
    assert!(
        survey_notices[0].starts_with(
            "inputs/monitoring.xlsx › Анкеты › E1: столбец E «Дата анкетирования» не читается"
        ),
        "{survey_notices:?}"
    );
}

/// docs/inputs.md, «Columns of a college and a centre»: group, course and
/// specialty are one value; in three columns the first of «Группа» /
/// «Курс» is read and the others are named, never dropped silently; a
/// header «Группа, курс, специальность» is «Группа» with a clarification;
/// a header of one's own is mapped.
#[test]
fn a_colleges_group_course_and_specialty_are_read_apart_or_as_one_value() {
    let m = Matcher::new(columns_of("Наставляемые"), &BTreeMap::new());
    let typed = |h: &[&str]| -> Vec<(usize, String)> {
        h.iter()
            .enumerate()
            .map(|(i, s)| (i, (*s).to_owned()))
            .collect()
    };
    let a = assign(
        &m,
        &typed(&[
            "ФИО",
            "Группа",
            "Курс (1–4)",
            "Специальность",
            "Профессия",
            "Класс или должность",
        ]),
    );
    assert_eq!(a.columns.get("group"), Some(&1));
    assert_eq!(a.columns.get("course"), Some(&2));
    assert_eq!(a.columns.get("specialty"), Some(&3));
    assert_eq!(a.columns.get("profession"), Some(&4));
    assert_eq!(a.columns.get("class_or_position"), Some(&5));
    assert!(a.unread.is_empty(), "{:?}", a.unread);
    let a = assign(&m, &typed(&["ФИО", "Группа, курс, специальность"]));
    assert_eq!(a.columns.get("class_or_position"), Some(&1));
    assert!(a.unread.is_empty(), "{:?}", a.unread);
    let a = assign(&m, &typed(&["ФИО", "Группа / курс", "Специальность"]));
    assert_eq!(a.columns.get("class_or_position"), Some(&1));
    assert_eq!(a.columns.get("specialty"), Some(&2));
    let mapped: BTreeMap<String, String> = [(
        "Сведения об обучении".to_owned(),
        "class_or_position".to_owned(),
    )]
    .into();
    let m = Matcher::new(columns_of("Наставляемые"), &mapped);
    let a = assign(&m, &typed(&["ФИО", "Сведения об обучении"]));
    assert_eq!(a.columns.get("class_or_position"), Some(&1));
}
