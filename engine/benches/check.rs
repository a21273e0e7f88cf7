//! `check` over a 10,000-participant programme: the example school scaled
//! up (mentors, mentees and pairs copied with new names and rows).

use criterion::{criterion_group, criterion_main, Criterion};
use nastavnik_engine::example;
use nastavnik_engine::model::Model;
use nastavnik_engine::rules::RuleSet;
use std::hint::black_box;

/// The example with its participants copied until there are `target` of them.
fn scaled(target: usize) -> Model {
    let base = example::model();
    let mut m = base.clone();
    m.mentors.clear();
    m.mentees.clear();
    m.pairs.clear();
    m.groups.clear();
    let per_copy = base.mentors.len() + base.mentees.len();
    let copies = target.div_ceil(per_copy.max(1));
    let mut row = 3u32;
    for c in 0..copies {
        let rename = |name: &str| format!("{name} {c}");
        for x in &base.mentors {
            let mut x = x.clone();
            x.name = rename(&x.name);
            x.source.row = row;
            row += 1;
            m.mentors.push(x);
        }
        for x in &base.mentees {
            let mut x = x.clone();
            x.name = rename(&x.name);
            x.source.row = row;
            row += 1;
            m.mentees.push(x);
        }
        for p in &base.pairs {
            let mut p = p.clone();
            p.mentor = rename(&p.mentor);
            p.mentee = rename(&p.mentee);
            p.group = format!("{}-{c}", p.group);
            p.source.row = row;
            row += 1;
            m.pairs.push(p);
        }
        for g in &base.groups {
            let mut g = g.clone();
            g.mentor = rename(&g.mentor);
            g.mentees = g.mentees.iter().map(|n| rename(n)).collect();
            g.id = format!("{}-{c}", g.id);
            m.groups.push(g);
        }
    }
    m
}

fn bench(c: &mut Criterion) {
    let model = scaled(10_000);
    let set = match RuleSet::load(None, None) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    // The rules must pass their limits on this size, or the figure means nothing.
    match set.check(&model) {
        Ok(r) => eprintln!(
            "{} participants, {} pairs: {} findings, {} rules in force",
            model.mentors.len() + model.mentees.len(),
            model.pairs.len(),
            r.findings.len(),
            r.summary.rules_in_force
        ),
        Err(e) => panic!("{e}"),
    }
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    group.bench_function("10000 participants", |b| {
        b.iter(|| set.check(black_box(&model)).map(|r| r.summary.errors))
    });
    group.bench_function("load rules (compile)", |b| {
        b.iter(|| RuleSet::load(None, None).map(|s| s.rules().len()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
