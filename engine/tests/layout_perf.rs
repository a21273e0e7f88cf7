//! Size and time of a large document (run by hand, not a timed test):
//! `cargo test -p nastavnik-engine --test layout_perf -- --ignored --nocapture`.
//! The pairs order of 5,000 pairs is the benchmark the issue names; this
//! measures the layout half of it (markup → DOCX bytes).

use nastavnik_engine::render::docx::{write, DocProps};
use nastavnik_engine::render::markup::parse;
use std::time::Instant;

fn pairs_markup(pairs: usize) -> String {
    let mut s = String::from(
        "<document><title>ПРИКАЗ</title><table widths=\"1,5,5,3\"><tr header=\"1\"><td>№</td><td>Наставник</td><td>Наставляемый</td><td>Форма</td></tr>",
    );
    for n in 1..=pairs {
        s.push_str(&format!(
            "<tr><td>{n}</td><td>Иванова Мария Петровна {n}</td><td>Петров Пётр Иванович {n}</td><td>учитель – учитель</td></tr>"
        ));
    }
    s.push_str(
        "</table><signature position=\"Директор\" name=\"И.\u{a0}И.\u{a0}Иванов\"/></document>",
    );
    s
}

#[test]
#[ignore]
fn five_thousand_pairs() {
    let markup = pairs_markup(5000);
    let t0 = Instant::now();
    let doc = parse(&markup, "pairs.hbs").expect("parses");
    let t1 = Instant::now();
    let bytes = write(&doc, &DocProps::default()).expect("writes");
    let t2 = Instant::now();
    println!(
        "5000 pairs: markup {} KiB, parse {:.3} s, write {:.3} s, docx {} KiB",
        markup.len() / 1024,
        (t1 - t0).as_secs_f64(),
        (t2 - t1).as_secs_f64(),
        bytes.len() / 1024
    );
    assert!(bytes.len() > 10_000);
}
