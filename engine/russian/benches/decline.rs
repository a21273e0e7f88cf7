//! How long declining a list of names takes (an order annex of 1,000 pairs
//! declines 2,000 names).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use nastavnik_russian::{decline, surname_initials_in, typograph, Case};

const NAMES: &[&str] = &[
    "Иванова Мария Петровна",
    "Петров Иван Ильич",
    "Смирнова Любовь Андреевна",
    "Петрова-Водкина Анна Сергеевна",
    "Шевченко Тарас Григорьевич",
    "Черных Ольга Ивановна",
    "Кузьмин Никита Сергеевич",
    "Гусь Павел Петрович",
    "Достоевский Фёдор Михайлович",
    "Алиев Рашид Намик оглы",
];

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("russian");
    group.measurement_time(Duration::from_secs(2));
    group.warm_up_time(Duration::from_millis(500));
    group.bench_function("decline 1000 names, instrumental", |b| {
        b.iter(|| {
            for i in 0..1000 {
                let name = NAMES[i % NAMES.len()];
                black_box(decline(black_box(name), Case::Instrumental, None));
            }
        })
    });
    group.bench_function("surname_initials_in 1000 names, dative", |b| {
        b.iter(|| {
            for i in 0..1000 {
                let name = NAMES[i % NAMES.len()];
                black_box(surname_initials_in(black_box(name), Case::Dative, None));
            }
        })
    });
    group.bench_function("typograph a paragraph", |b| {
        let text = "Назначить куратором программы \"Вместе - к успеху\" в МБОУ \"СОШ № 5\" г. Омск с 01.09.2026 г. ".repeat(10);
        b.iter(|| black_box(typograph(black_box(&text))))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
