//! `nastavnik batch` end to end: `init --schools`, every school's package,
//! `batch.json`, the region's summary table, exit codes.

#[path = "../../tests/support/mod.rs"]
mod support;

use std::path::Path;
use std::process::{Command, Output};

fn nastavnik(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_region_in_one_run_with_a_broken_school() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let schools = tmp.path().join("region");
    let out = tmp.path().join("out");
    let s = schools.display().to_string();
    let o = out.display().to_string();
    let init = nastavnik(&["init", &s, "--schools", "10"]);
    assert_eq!(init.status.code(), Some(0));
    let run = nastavnik(&[
        "batch",
        &s,
        "--out",
        &o,
        "--jobs",
        "2",
        "--date",
        "20.06.2026",
    ]);
    // School 10 has a broken table: exit 2, the others still generated.
    assert_eq!(
        run.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let batch = read_json(&out.join("batch.json"));
    let list = batch["schools"].as_array().cloned().unwrap_or_default();
    assert_eq!(list.len(), 10);
    let status = |folder: &str| {
        list.iter()
            .find(|x| x["folder"] == folder)
            .map(|x| x["status"].as_str().unwrap_or("").to_owned())
            .unwrap_or_default()
    };
    assert_eq!(status("school-010"), "refused");
    assert_eq!(status("school-003"), "ok");
    assert_eq!(status("school-005"), "errors");
    let refused = list
        .iter()
        .find(|x| x["folder"] == "school-010")
        .unwrap_or_else(|| panic!("school-010 listed"));
    assert!(refused["problems"][0]
        .as_str()
        .is_some_and(|p| p.contains("inputs/roadmap.xlsx")));
    assert!(
        !out.join("school-010").exists(),
        "no package for a refused school"
    );
    // Each school's package is as generate writes it.
    let m = read_json(&out.join("school-003/manifest.json"));
    let docs = m["documents"].as_array().map_or(0, Vec::len);
    assert_eq!(
        list.iter()
            .find(|x| x["folder"] == "school-003")
            .map(|x| x["documents"].as_u64()),
        Some(Some(docs as u64))
    );
    for d in m["documents"].as_array().cloned().unwrap_or_default() {
        let f = d["file"].as_str().unwrap_or("");
        assert!(out.join("school-003").join(f).is_file(), "{f}");
    }
    // `--date` reaches every school: each document is, byte for byte, what
    // `generate --date` writes for the same school (the monitoring report
    // dated, not a blank beside its number).
    let single = tmp.path().join("single");
    let generate = nastavnik(&[
        "generate",
        &schools.join("school-003").display().to_string(),
        "--out",
        &single.display().to_string(),
        "--date",
        "20.06.2026",
    ]);
    assert!(
        generate.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&generate.stderr)
    );
    let mut compared = 0;
    for d in m["documents"].as_array().cloned().unwrap_or_default() {
        let f = d["file"].as_str().unwrap_or("");
        let read = |p: &Path| std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        assert!(
            read(&out.join("school-003").join(f)) == read(&single.join(f)),
            "{f}: batch --date differs from generate --date"
        );
        compared += 1;
    }
    assert!(compared > 10, "{compared} documents compared");
    let monitoring =
        support::docx_texts(&[out.join("school-003/report-monitoring.docx")]).remove(0);
    // School 3 has done everything: its monitoring report is the one the
    // order on results (registered 25.05.2026) approves, of that date.
    assert!(
        support::fold(&monitoring).contains(&support::fold("25 мая 2026 г.")),
        "{monitoring}"
    );

    // The indicators' chart: Russian, and its bars read top to bottom in
    // the table's order (a bar chart's category axis runs from its maximum).
    let chart = {
        use std::io::Read;
        let file =
            std::fs::File::open(out.join("region-summary.xlsx")).unwrap_or_else(|e| panic!("{e}"));
        let mut zip = zip::ZipArchive::new(file).unwrap_or_else(|e| panic!("{e}"));
        let mut xml = String::new();
        zip.by_name("xl/charts/chart1.xml")
            .unwrap_or_else(|e| panic!("{e}"))
            .read_to_string(&mut xml)
            .unwrap_or_else(|e| panic!("{e}"));
        xml
    };
    assert!(chart.contains(r#"<c:lang val="ru-RU"/>"#), "{chart}");
    assert!(!chart.contains("en-US"), "{chart}");
    let cat_axis = chart
        .split("<c:catAx>")
        .nth(1)
        .and_then(|a| a.split("</c:catAx>").next())
        .unwrap_or_default();
    assert!(
        cat_axis.contains(r#"<c:orientation val="maxMin"/>"#)
            && cat_axis.contains(r#"<c:axPos val="l"/>"#),
        "{chart}"
    );
    // The value axis crosses at the last category: at the bottom (its
    // `axPos` is then «t», as Excel itself writes it).
    let value_axis = chart
        .split("<c:valAx>")
        .nth(1)
        .and_then(|a| a.split("</c:valAx>").next())
        .unwrap_or_default();
    assert!(value_axis.contains(r#"<c:crosses val="max"/>"#), "{chart}");

    // The summary table: a row per accepted school with the same figures.
    use calamine::{open_workbook, DataType, Reader, Xlsx};
    let mut book: Xlsx<_> =
        open_workbook(out.join("region-summary.xlsx")).unwrap_or_else(|e| panic!("{e}"));
    let range = book
        .worksheet_range("Школы")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(range.height(), 1 + 9);
    let header: Vec<String> = range
        .rows()
        .next()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .unwrap_or_default();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("column {name} in {header:?}"))
    };
    let row = range
        .rows()
        .find(|r| {
            r.first()
                .is_some_and(|c| c.get_string() == Some("school-003"))
        })
        .unwrap_or_else(|| panic!("school-003 row"));
    let covered = list
        .iter()
        .find(|x| x["folder"] == "school-003")
        .and_then(|x| x["figures"]["learners"]["covered"].as_f64());
    assert_eq!(
        row.get(column("Обучающихся в программе"))
            .and_then(|c| c.get_float()),
        covered
    );
    assert_eq!(
        row.get(column("Муниципальное образование"))
            .and_then(|c| c.get_string()),
        Some("Исилькульский муниципальный район")
    );

    // Satisfaction per role and pairs and groups per form, per school.
    let x003 = list
        .iter()
        .find(|x| x["folder"] == "school-003")
        .unwrap_or_else(|| panic!("school-003 listed"));
    for (role, name) in [(0, "наставников"), (1, "наставляемых")] {
        let s = &x003["satisfied"][role];
        let expected = s["satisfied"].as_f64().unwrap_or(f64::NAN) * 100.0
            / s["judged"].as_f64().unwrap_or(f64::NAN);
        let shown = row
            .get(column(&format!("Удовлетворённость {name}, %")))
            .and_then(|c| c.get_float())
            .unwrap_or(f64::NAN);
        assert!(
            (shown - expected).abs() <= 0.05,
            "{name}: {shown} vs {expected}"
        );
    }
    let by_form = x003["figures"]["by_form"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!by_form.is_empty());
    for f in &by_form {
        let form = f["form"].as_str().unwrap_or("");
        for (key, title) in [("pairs", "Пар"), ("groups", "Групп")] {
            assert_eq!(
                row.get(column(&format!("{title} «{form}»")))
                    .and_then(|c| c.get_float()),
                f[key].as_f64(),
                "{title} {form}"
            );
        }
    }

    // The region's indicators, computed here from each school's own
    // manifest: sums of the covered over sums of the headcounts.
    let manifests: Vec<serde_json::Value> = list
        .iter()
        .filter(|x| x["status"] != "refused")
        .map(|x| {
            read_json(
                &out.join(x["folder"].as_str().unwrap_or(""))
                    .join("manifest.json"),
            )
        })
        .collect();
    assert_eq!(manifests.len(), 9);
    // A school without the headcount (0) adds nothing to the share.
    let share = |key: &str| {
        let (mut covered, mut total) = (0.0, 0.0);
        for m in &manifests {
            let t = m["figures"][key]["total"].as_f64().unwrap_or(f64::NAN);
            if t > 0.0 {
                covered += m["figures"][key]["covered"].as_f64().unwrap_or(f64::NAN);
                total += t;
            }
        }
        (covered, total, covered * 100.0 / total)
    };
    // On schedule: accepted, and every stage due by the date complete.
    let complete = list
        .iter()
        .filter(|x| x["status"] != "refused" && x["stages_overdue"] == 0)
        .count() as f64;
    let expected = [
        share("learners_10_19"),
        share("learners_15_19"),
        share("learners"),
        share("teachers"),
        share("young_teachers"),
    ];
    let indicators = book
        .worksheet_range("Показатели региона")
        .unwrap_or_else(|e| panic!("{e}"));
    let rows: Vec<_> = indicators.rows().skip(1).take(10).collect();
    for (r, (covered, total, percent)) in rows.iter().zip(expected) {
        assert_eq!(r.get(2).and_then(|c| c.get_float()), Some(covered), "{r:?}");
        assert_eq!(r.get(3).and_then(|c| c.get_float()), Some(total), "{r:?}");
        let shown = r.get(4).and_then(|c| c.get_float()).unwrap_or(f64::NAN);
        assert!((shown - percent).abs() <= 0.05, "{shown} vs {percent}");
    }
    assert_eq!(rows[9].get(2).and_then(|c| c.get_float()), Some(complete));
    assert_eq!(rows[9].get(3).and_then(|c| c.get_float()), Some(9.0));
    // Satisfaction: the satisfied of those judged, summed over schools.
    let satisfied = |role: usize| {
        let (mut s, mut j) = (0.0, 0.0);
        for x in list.iter().filter(|x| x["status"] != "refused") {
            s += x["satisfied"][role]["satisfied"]
                .as_f64()
                .unwrap_or(f64::NAN);
            j += x["satisfied"][role]["judged"].as_f64().unwrap_or(f64::NAN);
        }
        (s, j)
    };
    let (mentees_satisfied, mentees_judged) = satisfied(1);
    assert!(mentees_judged > 0.0);
    assert_eq!(
        rows[5].get(2).and_then(|c| c.get_float()),
        Some(mentees_satisfied)
    );
    assert_eq!(
        rows[5].get(3).and_then(|c| c.get_float()),
        Some(mentees_judged)
    );
    assert_eq!(
        rows[6].get(3).and_then(|c| c.get_float()),
        Some(satisfied(0).1)
    );

    // The regional centre's report says the same, as a reader sees it.
    let text = support::docx_texts(&[out.join("region-summary.docx")]).remove(0);
    let folded = support::fold(&text);
    assert!(folded.contains(&support::fold("20 июня 2026 г.")), "{text}");
    assert!(
        folded.contains(&support::fold("Рассмотрено 10 образовательных организаций")),
        "{text}"
    );
    assert!(
        folded.contains(&support::fold("данные 1 организации не приняты")),
        "{text}"
    );
    // pdftotext reads a table's header apart from its rows: each row's
    // figures follow one another.
    // A table column groups four digits too: «2 632» under «36 803».
    let column_number = |x: f64| {
        let digits = format!("{x}");
        if digits.len() >= 4 {
            let (a, b) = digits.split_at(digits.len() - 3);
            format!("{a} {b}")
        } else {
            digits
        }
    };
    for (covered, total, percent) in &expected {
        use nastavnik_engine::russian::percent as pct;
        let line = format!(
            "{} {} {}",
            column_number(*covered),
            column_number(*total),
            pct(*percent)
        );
        assert!(support::contains_wrapped(&text, &line), "{line} in {text}");
    }
    for m in [
        "Калачинский муниципальный район",
        "Тарский муниципальный район",
    ] {
        assert!(support::contains_wrapped(&text, m), "{m}");
    }
    assert!(
        support::contains_wrapped(
            &text,
            &format!("Все этапы программы, срок которых наступил к дате отчёта, завершены в {complete} организациях из 9")
        ),
        "{text}"
    );
    // How children 10–19 are counted is said, with its denominator: pupil
    // mentors have no date of birth in the tables.
    for phrase in [
        "1 — от численности обучающихся в возрасте от 10 до 19 лет организаций, указавших её",
        "3 — от общей численности обучающихся организаций",
        "дата рождения которых в таблицах программы не указывается, и наставляемые без даты рождения учтены среди детей от 10 до 19 лет",
    ] {
        assert!(support::contains_wrapped(&text, phrase), "{phrase} in {text}");
    }
    // The threshold of satisfaction is stated, from `satisfied_from`.
    assert!(
        support::contains_wrapped(&text, "средняя оценка которого не ниже 8 баллов"),
        "{text}"
    );
    // Enterprises: distinct by name across the schools (one enterprise of
    // several schools once).
    let enterprises: std::collections::BTreeSet<String> = manifests
        .iter()
        .flat_map(|m| {
            m["figures"]["enterprise_names"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .map(|n| nastavnik_engine::text::key(n.as_str().unwrap_or("")))
        .collect();
    assert!(!enterprises.is_empty());
    assert!(
        support::contains_wrapped(
            &text,
            &format!(
                "различных предприятий, вошедших в программы наставничества, — {}",
                enterprises.len()
            )
        ),
        "{text}"
    );
    // The held back are said to be outside the coverage (it counts those
    // the orders fix), as many as the schools' manifests list.
    let held: f64 = list
        .iter()
        .map(|x| x["held_back"].as_f64().unwrap_or(f64::NAN))
        .sum();
    assert!(held > 0.0);
    assert!(
        support::contains_wrapped(
            &text,
            &format!("не включённые в приказы и планы до получения согласий или до устранения замечаний проверки ({held}), в показатели не входят")
        ),
        "{text}"
    );
    // Conclusions that follow from the figures: coverage against the target
    // (no school of the example reaches 70 %), the schools not complete,
    // the school refused.
    let pupils = share("learners");
    assert!(
        support::contains_wrapped(
            &text,
            &format!(
                "Доля обучающихся, вовлечённых в наставничество, — {} при целевом значении не менее 70 %: целевое значение не достигнуто ни по региону, ни в одной из 9 организаций",
                nastavnik_engine::russian::percent(pupils.2)
            )
        ),
        "{text}"
    );
    // Behind schedule: accepted schools with a stage due by the date and
    // not complete (stages still running are not held against them).
    let incomplete = list
        .iter()
        .filter(|x| x["status"] != "refused" && x["stages_overdue"].as_u64() > Some(0))
        .count();
    assert!(incomplete > 1);
    assert!(
        support::contains_wrapped(
            &text,
            &format!("Не завершили в срок этапы, срок которых наступил, {incomplete} организаций")
        ),
        "{text}"
    );
    assert!(
        support::contains_wrapped(
            &text,
            "Данные не приняты от 1 организации: МБОУ «СОШ № 110» г. Тары (Тарский муниципальный район) — ошибка в таблице roadmap.xlsx"
        ),
        "{text}"
    );
    // No centre in the profile: its name is a blank to fill in, not missing.
    assert!(
        support::contains_wrapped(&text, "наименование регионального наставнического центра"),
        "{text}"
    );
    // Signed: no head in the profile leaves the name to fill in by hand.
    assert!(
        support::contains_wrapped(
            &text,
            "Руководитель регионального наставнического центра ____________"
        ),
        "{text}"
    );
    // Mean scores over every answer of the schools' latest stages (never a
    // mean of the schools' means), in the report and the table's row of
    // the region as a whole.
    let mean = |role: usize| {
        let (mut n, mut sum) = (0.0, 0.0);
        for x in list.iter().filter(|x| x["status"] != "refused") {
            for (k, c) in x["satisfied"][role]["scores"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .iter()
                .enumerate()
            {
                let c = c.as_f64().unwrap_or(f64::NAN);
                n += c;
                sum += (k as f64 + 1.0) * c;
            }
        }
        sum / n
    };
    let (mentees_mean, mentors_mean) = (mean(1), mean(0));
    assert!(mentees_mean.is_finite() && mentors_mean.is_finite());
    let decimal = |x: f64| nastavnik_engine::russian::decimal(x, 1);
    assert!(
        support::contains_wrapped(
            &text,
            &format!(
                "средняя оценка по всем ответам — {} балла у наставляемых, {} балла у наставников",
                decimal(mentees_mean),
                decimal(mentors_mean)
            )
        ),
        "{text}"
    );
    let places = book
        .worksheet_range("Муниципальные образования")
        .unwrap_or_else(|e| panic!("{e}"));
    let whole = places
        .rows()
        .find(|r| r.first().and_then(|c| c.get_string()) == Some("Регион в целом"))
        .unwrap_or_else(|| panic!("the region's row"));
    for (c, m) in [(13, mentees_mean), (14, mentors_mean)] {
        let shown = whole.get(c).and_then(|c| c.get_float()).unwrap_or(f64::NAN);
        assert!((shown - m).abs() <= 0.05, "{shown} vs {m}");
    }
    // The schools below the 70 % target, each with its shares.
    let below = |x: &&serde_json::Value| {
        ["learners", "teachers"].iter().any(|k| {
            x["figures"][k]["percent"]
                .as_f64()
                .is_some_and(|p| p < 70.0)
        })
    };
    assert!(list
        .iter()
        .filter(|x| x["status"] != "refused")
        .any(|x| below(&x)));
    for x in list
        .iter()
        .filter(|x| x["status"] != "refused")
        .filter(below)
    {
        let line = format!(
            "{} (обучающиеся {}, педагоги {})",
            x["short_name"].as_str().unwrap_or_default(),
            x["figures"]["learners"]["percent_text"]
                .as_str()
                .unwrap_or("—"),
            x["figures"]["teachers"]["percent_text"]
                .as_str()
                .unwrap_or("—")
        );
        assert!(support::contains_wrapped(&text, &line), "{line} in {text}");
    }
    assert!(
        support::contains_wrapped(
            &text,
            "Ниже целевого значения 70 % по обучающимся или педагогическим работникам"
        ),
        "{text}"
    );
    let refused_sheet = book
        .worksheet_range("Не приняты")
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(refused_sheet.rows().any(|r| r
        .first()
        .is_some_and(|c| c.get_string() == Some("school-010"))));

    // A second run into the same OUT is refused, the first result kept.
    let again = nastavnik(&["batch", &s, "--out", &o]);
    assert_eq!(again.status.code(), Some(2));
    // batch has no --force to suggest.
    let said = String::from_utf8_lossy(&again.stderr);
    assert!(
        said.contains("укажите новую или пустую папку") && !said.contains("--force"),
        "{said}"
    );
    assert!(out.join("batch.json").is_file());
}

#[test]
fn a_link_to_another_school_is_refused_before_it_counts_twice() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let schools = tmp.path().join("region");
    let s = schools.display().to_string();
    assert_eq!(
        nastavnik(&["init", &s, "--schools", "1"]).status.code(),
        Some(0)
    );
    std::os::unix::fs::symlink(schools.join("school-001"), schools.join("school-002"))
        .unwrap_or_else(|e| panic!("{e}"));
    let out = tmp.path().join("out");
    let run = nastavnik(&["batch", &s, "--out", &out.display().to_string()]);
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("school-002") && err.contains("та же школа"),
        "{err}"
    );
    assert!(!out.exists());
}

#[test]
fn the_summary_carries_the_centres_requisites() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let schools = tmp.path().join("region");
    let s = schools.display().to_string();
    assert_eq!(
        nastavnik(&["init", &s, "--schools", "1"]).status.code(),
        Some(0)
    );
    // A region folder naming the centre, the region and the place.
    let profile = tmp.path().join("profile");
    std::fs::create_dir_all(profile.join("rules")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        profile.join("rules/params.json"),
        r#"{"region_name": "Тюменская область",
  "regional_centre": "Региональный наставнический центр «Старт»",
  "regional_centre_place": "г. Тюмень"}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let out = tmp.path().join("out");
    let run = nastavnik(&[
        "batch",
        &s,
        "--out",
        &out.display().to_string(),
        "--region",
        &profile.display().to_string(),
        "--date",
        "20.06.2026",
    ]);
    assert!(
        matches!(run.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text = support::docx_texts(&[out.join("region-summary.docx")]).remove(0);
    // Author, document kind, date and number, place, title, in that order
    // (ГОСТ Р 7.0.97).
    let words: Vec<&str> = [
        "РЕГИОНАЛЬНЫЙ НАСТАВНИЧЕСКИЙ ЦЕНТР «СТАРТ»",
        "Тюменская область",
        "СВОДНЫЙ ОТЧЁТ",
        "20 июня 2026 г. № ______",
        "г. Тюмень",
        "о реализации программ наставничества",
    ]
    .to_vec();
    let folded = support::fold(&text);
    let mut at = 0;
    for w in words {
        let w = support::fold(w);
        let found = folded[at..]
            .find(&w)
            .unwrap_or_else(|| panic!("«{w}» after byte {at} in {text}"));
        at += found + w.len();
    }
    assert!(support::contains_wrapped(&text, "Выводы"), "{text}");
}
