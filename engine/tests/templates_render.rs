//! Every document of a programme renders to well-formed markup that says
//! what it must: names, events, blanks, escaped values.

mod templates_support;

use nastavnik_engine::render::{context, templates::Templates};
use std::collections::BTreeMap;
use templates_support as fx;

/// Renders every planned document: id → markup.
fn render_all(model: &nastavnik_engine::Model) -> BTreeMap<String, String> {
    let t = Templates::load(None, None).expect("base templates load");
    let checked = fx::checked(model);
    let cat = checked.plan();
    let mut out = BTreeMap::new();
    for doc in &cat.documents {
        let ctx = context::build(&checked.sources(), doc);
        let markup = t
            .render(&doc.template, &ctx)
            .unwrap_or_else(|e| panic!("{}: {e}", doc.id));
        out.insert(doc.id.clone(), markup);
    }
    out
}

/// The text a reader sees: every text node, entities resolved, spaces collapsed.
fn text_of(markup: &str) -> String {
    let doc = roxmltree::Document::parse(markup).expect("markup is XML");
    let mut words = Vec::new();
    for n in doc.descendants() {
        if n.is_text() {
            words.push(n.text().unwrap_or("").to_owned());
        } else if n.has_tag_name("signature") {
            // The layout engine prints both attributes.
            words.push(n.attribute("position").unwrap_or("").to_owned());
            words.push(n.attribute("name").unwrap_or("").to_owned());
        }
    }
    words
        .join(" ")
        .split([' ', '\n', '\t', '\r'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_document_is_xml_without_leftover_braces() {
    let model = fx::model();
    let docs = render_all(&model);
    let ids: Vec<&str> = docs.keys().map(String::as_str).collect();
    for id in [
        "order-implementation",
        "protocol-council",
        "regulation",
        "order-regulation",
        "order-curator",
        "order-roadmap",
        "roadmap",
        "order-mentors",
        "order-pairs",
        "order-final-event",
        "order-rewards",
        "report-monitoring",
        "report-compliance",
        "plan-001",
        "plan-004",
        "agreement-001",
        "agreement-002",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    for (id, markup) in &docs {
        let doc = roxmltree::Document::parse(markup)
            .unwrap_or_else(|e| panic!("{id} is not XML: {e}\n{markup}"));
        assert_eq!(doc.root_element().tag_name().name(), "document", "{id}");
        let text = text_of(markup);
        // The tricky name holds «{{x}}» literally (also in its initials and
        // declined forms): only count braces outside it.
        let without = text.replace("{{x}}", "");
        assert!(!without.contains("{{"), "{id} has leftover braces");
        assert!(!without.contains("}}"), "{id} has leftover braces");
    }
}

#[test]
fn pairs_order_names_every_participant_and_escapes() {
    let model = fx::model();
    let docs = render_all(&model);
    let markup = &docs["order-pairs"];
    let text = text_of(markup);
    for p in &model.pairs {
        assert!(text.contains(&p.mentor), "mentor {} missing", p.mentor);
        assert!(text.contains(&p.mentee), "mentee {} missing", p.mentee);
    }
    assert!(text.contains("6\u{a0}«Б»\u{a0}класс"));
    assert!(text.contains("учитель – учитель"));
    assert!(text.contains("01.10.2025 – 31.05.2026"));
    // Registered: its own number and date; the raw markup has escaped the name.
    assert!(text.contains("№\u{a0}45"));
    assert!(markup.contains("&lt;Пётр&gt; &amp; «Сын»"));
    assert!(text.contains(fx::TRICKY));
}

#[test]
fn roadmap_holds_every_event_under_its_stage() {
    let model = fx::model();
    let docs = render_all(&model);
    for id in ["roadmap", "order-roadmap"] {
        let text = text_of(&docs[id]);
        for e in &model.roadmap {
            assert!(text.contains(&e.title), "{id}: {} missing", e.title);
        }
        for (i, title) in context::STAGES.iter().enumerate() {
            assert!(
                text.contains(&format!("Этап {}. {title}", i + 1)),
                "{id}: stage {i}"
            );
        }
    }
    let roadmap = text_of(&docs["roadmap"]);
    assert!(roadmap
        .starts_with("УТВЕРЖДЕНА приказом МБОУ «СОШ №\u{a0}7» от ____________ №\u{a0}______"));
}

#[test]
fn unregistered_orders_print_blanks_and_the_regulation_its_stamp() {
    let docs = render_all(&fx::model());
    let curator = text_of(&docs["order-curator"]);
    assert!(curator.contains("ПРИКАЗ ____________ №\u{a0}______ г. Омск"));
    assert!(curator.contains("Контроль за исполнением настоящего приказа оставляю за собой."));
    assert!(curator.contains("С приказом ознакомлены:"));
    let regulation = text_of(&docs["regulation"]);
    // «ПРИНЯТО» by the council beside «УТВЕРЖДЕНО» by the order.
    assert!(regulation.starts_with("ПРИНЯТО педагогическим советом"));
    assert!(regulation.contains("УТВЕРЖДЕНО приказом МБОУ «СОШ №\u{a0}7» от ____________"));
    for section in [
        "Общие положения",
        "Цели и задачи наставничества",
        "Организационные основы наставничества",
        "Права и обязанности куратора",
        "Требования к наставникам и порядок их отбора",
        "Права и обязанности наставника",
        "Права и обязанности наставляемого",
        "Роль родителей (законных представителей)",
        "Замена наставника и досрочное прекращение наставничества",
        "Заключительные положения",
        "Мотивация и поощрение наставников",
        "Мониторинг и оценка результатов",
        "Документы, регламентирующие наставничество",
    ] {
        assert!(docs["regulation"].contains(section), "section {section}");
    }
    // Both variants: the programme uses pupil and teacher forms.
    assert!(regulation.contains("АЗ-1128/08"));
    assert!(regulation.contains("молодой специалист"));
    assert!(regulation.contains("«Ученик – ученик»"));
    assert!(regulation.contains("«Работодатель – ученик»"));
    assert!(!regulation.contains("«Студент – ученик»"));
    // The regional act from the parameters.
    assert!(regulation.contains("Министерства образования Омской области"));
}

#[test]
fn orders_use_declension_overrides_and_list_names_in_the_nominative() {
    let docs = render_all(&fx::model());
    let mentors = text_of(&docs["order-mentors"]);
    // The override for «Черных» (a surname the rules must leave alone).
    // The position stands beside the name in the same case (an apposition);
    // staff are appointed, the pupil and the outside mentor are «привлечь».
    assert!(
        mentors.contains("Черных Ольгу Ильиничну, учителя русского языка."),
        "{mentors}"
    );
    assert!(!mentors.contains("(учитель"), "{mentors}");
    assert!(mentors.contains("Привлечь к участию"));
    // The last of a list ends the sentence.
    assert!(mentors.contains(", инженера."), "{mentors}");
    // The «ознакомлены» sheet is nominative.
    assert!(mentors.contains("Черных Ольга Ильинична"));
    assert!(mentors.contains("ст") || mentors.contains("статьёй 351.8"));
}

#[test]
fn orders_decline_names_by_the_rules() {
    // Depends on the Russian crate's declension (engine/russian).
    let docs = render_all(&fx::model());
    let curator = text_of(&docs["order-curator"]);
    assert!(
        curator.contains("Назначить куратором программы наставничества Иванову Марию Петровну"),
        "{curator}"
    );
    let rewards = text_of(&docs["order-rewards"]);
    assert!(rewards.contains("Объявить благодарность Петровой Анне Сергеевне"));
}

#[test]
fn plans_cover_every_month_and_note_parents_of_minors() {
    let docs = render_all(&fx::model());
    let plan = text_of(&docs["plan-002"]);
    for month in [
        "Октябрь 2025",
        "Ноябрь 2025",
        "Декабрь 2025",
        "Январь 2026",
        "Май 2026",
    ] {
        assert!(plan.contains(month), "{month}");
    }
    assert!(!plan.contains("Июнь 2026"));
    assert!(plan.contains("Родитель (законный представитель) наставляемого"));
    // Numbered as in a text: the id «002» names only the file.
    assert!(plan.contains("наставнической группы №\u{a0}2"));
    assert!(!plan.contains("№\u{a0}002"));
    // A group's plan states the group's goal and no child's request (its
    // parents all read it); a pair's plan starts from the request.
    assert!(docs["plan-002"].contains("title=\"Цель работы группы\""));
    assert!(!plan.contains("Запрос наставляемого"), "{plan}");
    let pair = text_of(&docs["plan-001"]);
    assert!(
        pair.contains("Запрос наставляемого помощь в учёбе"),
        "{pair}"
    );
    // Open-ended pair: runs to the programme's end.
    let open = text_of(&docs["plan-004"]);
    assert!(open.contains("Июнь 2026"));
    assert!(!open.contains("Родитель"));
    assert!(open.contains("Участник"), "participants sign in a table");
}

#[test]
fn agreements_follow_labour_code_351_8() {
    let docs = render_all(&fx::model());
    let a = text_of(&docs["agreement-001"]);
    // No number or contract in the table: blanks to fill in by hand.
    assert!(a.contains("ДОПОЛНИТЕЛЬНОЕ СОГЛАШЕНИЕ №\u{a0}______"), "{a}");
    assert!(a.contains("к трудовому договору от ____________"));
    assert!(a.contains("статьёй 351.8 Трудового кодекса"));
    assert!(a.contains("10\u{a0}% должностного оклада"));
    assert!(a.contains("Лебедев Максим Андреевич"));
    // The appointment's term, as the order on mentors states it: that
    // order is not registered here.
    assert!(
        a.contains("со дня назначения наставником по 30.06.2026."),
        "{a}"
    );
}

#[test]
fn an_agreement_prints_its_own_number_and_the_employment_contract() {
    let mut model = fx::model();
    let m = model
        .mentors
        .iter_mut()
        .find(|m| m.employee)
        .expect("an employee-mentor");
    m.agreement = Some("№ 5 от 02.10.2025".into());
    m.employment_contract = Some("№ 3-тд от 1 сентября 2020 г.".into());
    m.pay = None;
    m.position = Some("учитель математики".into());
    let docs = render_all(&model);
    let a = text_of(&docs["agreement-001"]);
    assert!(a.contains("ДОПОЛНИТЕЛЬНОЕ СОГЛАШЕНИЕ №\u{a0}5"), "{a}");
    assert!(
        a.contains("к трудовому договору от 01.09.2020 №\u{a0}3-тд"),
        "{a}"
    );
    assert!(a.contains("2\u{a0}октября\u{a0}2025"), "{a}");
    // A teacher's pay is a share of the «ставка», not of the «оклад».
    assert!(a.contains("______ % ставки заработной платы"), "{a}");
    // It cites the order on mentors only if that order is not dated after
    // it (no document cites a later one).
    let signed = nastavnik_engine::NaiveDate::from_ymd_opt(2025, 10, 2).expect("date");
    let cites = model
        .orders
        .get("order-mentors")
        .is_some_and(|o| o.date <= signed);
    assert_eq!(a.contains("«О назначении наставников»"), cites, "{a}");
}

#[test]
fn reports_show_coverage_satisfaction_and_verdicts() {
    let docs = render_all(&fx::model());
    let m = &docs["report-monitoring"];
    let text = text_of(m);
    // 4 pupils (3 mentees + 1 pupil mentor) of 20; 4 teachers (2 mentors + 2 mentees) of 10.
    assert!(text.contains("4 из 20 (20,0\u{a0}%)"), "{text}");
    assert!(text.contains("4 из 10 (40,0\u{a0}%)"));
    assert!(m.contains("<chart"));
    // The chart prints the mean as the text does (one rounding).
    assert!(m.contains("<bar label=\"1. Насколько комфортно общение\" value=\"8\"/>"));
    assert!(m.contains("value=\"9\""));
    // The mentee left the second question blank: a gap in the chart, a
    // dash in the table.
    assert!(m.contains("value=\"7\""));
    assert!(m.contains("<bar label=\"2. Насколько полезны встречи\" value=\"\"/>"));
    // The mentor's own mean 8,5 reaches 8, the mentee's 7 does not.
    assert!(text.contains("100,0\u{a0}% (1 из 1)"), "{text}");
    assert!(text.contains("0,0\u{a0}% (0 из 1)"), "{text}");
    // Only stage 1 was surveyed: said plainly, nothing compared.
    assert!(text.contains(
        "Ответы этапа 2 мониторинга (оценка влияния программы на участников) ещё не собраны"
    ));
    assert!(!text.contains("Сравнение этапов"));
    let c = text_of(&docs["report-compliance"]);
    assert!(c.contains("этап 3 «Формирование базы наставников»"), "{c}");
    assert!(c.contains("нарушено"));
    // A real finding of the base rules, with its place.
    assert!(
        c.contains("programme.json, поле /orders/order-mentors"),
        "{c}"
    );
}

#[test]
fn missing_data_skips_documents_with_a_reason() {
    let mut model = fx::model();
    model.rewards.clear();
    model.final_event = None;
    model.mentors.iter_mut().for_each(|m| m.employee = false);
    let cat = fx::checked(&model).plan();
    let skipped: Vec<&str> = cat.skipped.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        skipped,
        [
            "order-final-event",
            "order-rewards",
            "order-results",
            "agreement",
            "consent-mentor"
        ]
    );
    assert!(cat.skipped[1].reason.contains("rewards"));
    assert!(cat.documents.iter().all(|d| !d.id.starts_with("agreement")));
    // Without a survey the monitoring report still renders coverage.
    model.survey = Default::default();
    let t = Templates::load(None, None).expect("templates");
    let doc = cat
        .documents
        .iter()
        .find(|d| d.id == "report-monitoring")
        .expect("planned");
    let checked = fx::checked(&model);
    let ctx = context::build(&checked.sources(), doc);
    let text = text_of(&t.render(&doc.template, &ctx).expect("renders"));
    assert!(text.contains("Анкетирование участников не проводилось"));
    assert!(text.contains("4 из 20"));
}

#[test]
fn gost_2016_renders_too_and_output_is_deterministic() {
    let mut model = fx::model();
    let a = render_all(&model);
    let b = render_all(&model);
    assert_eq!(a, b);
    model.layout.gost = "2016".into();
    let c = render_all(&model);
    assert!(roxmltree::Document::parse(&c["order-curator"]).is_ok());
}

#[test]
fn the_programmes_own_goals_and_tasks_replace_the_typical_ones() {
    let mut model = fx::model();
    model.programme.goals = vec!["Раскрыть потенциал каждого.".into()];
    model.programme.tasks = vec!["Улучшить показатели.".into(), "МБОУ — центр;".into()];
    let docs = render_all(&model);
    let text = text_of(&docs["regulation"]);
    assert!(text.contains("Цель наставничества — раскрыть потенциал каждого."));
    assert!(text.contains("улучшить показатели;"));
    // The programme's last task ends the list: the typical tasks do not
    // follow it again in other words.
    assert!(text.contains("МБОУ — центр."));
    assert!(!text.contains("улучшение показателей"));
    assert!(!text.contains("формирование открытого и эффективного сообщества"));
}

#[test]
fn an_event_typed_with_its_number_is_numbered_once() {
    let mut model = fx::model();
    let e = model
        .roadmap
        .iter_mut()
        .find(|e| e.stage == 1)
        .expect("a stage-1 event");
    e.title = format!("1.1 {}", e.title);
    let title = e.title.clone();
    let docs = render_all(&model);
    let roadmap = text_of(&docs["roadmap"]);
    let bare = title.trim_start_matches("1.1 ");
    assert!(roadmap.contains(&format!("1.1 {bare}")), "{roadmap}");
    assert!(!roadmap.contains("1.1 1.1"), "{roadmap}");
}
