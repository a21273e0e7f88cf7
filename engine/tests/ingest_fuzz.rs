//! Whatever the bytes or the cell values, loading never panics.

#[path = "support/seeded.rs"]
mod seeded;
use nastavnik_engine::ingest::workbook::Workbook;
use nastavnik_engine::{example, load};
use proptest::prelude::*;
use rust_xlsxwriter::Workbook as Writer;

proptest! {
    #![proptest_config(seeded::config(64))]

    #[test]
    fn random_bytes_as_a_workbook_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = Workbook::from_bytes(bytes, "x.xlsx");
    }

    #[test]
    fn damaged_real_workbook_never_panics(cut in 0usize..10_000, flip in 0usize..10_000, byte in any::<u8>()) {
        let files = example::files(None).expect("files");
        let mut bytes = files[1].1.clone();
        let n = bytes.len();
        if let Some(b) = bytes.get_mut(flip % n) { *b = byte; }
        bytes.truncate(n - cut % n);
        if let Ok(mut book) = Workbook::from_bytes(bytes, "x.xlsx") {
            for name in book.sheet_names() {
                let _ = book.sheet(&name);
            }
        }
    }

    #[test]
    fn random_cell_values_never_panic(cells in proptest::collection::vec(
        proptest::collection::vec(prop_oneof![
            ".{0,12}".prop_map(Cell::Text),
            any::<f64>().prop_map(Cell::Number),
            Just(Cell::Blank),
            prop_oneof![Just("31.02.2026"), Just("1.1.1"), Just("ученик-ученик"), Just("да"), Just("ФИО"), Just("Наставник"), Just("Форма"), Just("Дата начала")]
                .prop_map(|s| Cell::Text(s.to_owned())),
        ], 0..7), 0..12)) {
        let dir = tempfile::tempdir().expect("tempdir");
        example::write(dir.path(), None).expect("example");
        let mut wb = Writer::new();
        for name in ["Наставники", "Наставляемые", "Пары"] {
            let ws = wb.add_worksheet();
            ws.set_name(name).expect("name");
            for (r, row) in cells.iter().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    match cell {
                        Cell::Text(t) => { let _ = ws.write_string(r as u32, c as u16, t); }
                        Cell::Number(n) => { let _ = ws.write_number(r as u32, c as u16, *n); }
                        Cell::Blank => {}
                    }
                }
            }
        }
        let bytes = wb.save_to_buffer().expect("xlsx");
        std::fs::write(dir.path().join("inputs/participants.xlsx"), bytes).expect("write");
        let _ = load::load(dir.path());
    }
}

#[derive(Debug, Clone)]
enum Cell {
    Text(String),
    Number(f64),
    Blank,
}
