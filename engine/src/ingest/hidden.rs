//! What Excel hides and nastavnik reads all the same: a hidden sheet
//! chosen as a table, hidden rows of data, hidden columns that are read.
//! A school secretary often hides a row instead of deleting a person who
//! left the programme, or keeps an old copy of a table as a hidden sheet:
//! the documents would then name what the secretary no longer sees. Each
//! is read (hiding is no error, and refusing would stop a whole package
//! over a formatting choice) and said in a notice, with the rows by number.
//!
//! The hidden state comes from the scan of the sheet's XML
//! ([`super::scan::Notes`]: `<row hidden="1">`, `<col hidden="1">`) and
//! from the workbook's list of sheets (`<sheet state="hidden">`, which
//! calamine reads).

use super::sheet::Sheet;
use crate::diag::{column_letters, Place, Problem};

/// A sheet's hidden state as read.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Hidden {
    /// The sheet itself is hidden (or «very hidden»).
    pub sheet: bool,
    /// 0-based rows marked hidden that hold cells.
    pub rows: Vec<u32>,
    /// 0-based (first, last) hidden column ranges.
    pub columns: Vec<(u32, u32)>,
}

/// Row ranges named in one notice; the rest are counted.
const SHOWN_RANGES: usize = 20;

/// The notices of a table read from `sheet` (`table`: its name under
/// `/inputs`).
pub fn notices(sheet: &Sheet, table: &str) -> Vec<Problem> {
    let hidden = sheet.hidden();
    let mut out = Vec::new();
    let sheet_place = || Place::Sheet {
        file: sheet.file.clone(),
        sheet: sheet.sheet.clone(),
    };
    if hidden.sheet {
        out.push(Problem::new(
            sheet_place(),
            format!(
                "лист скрыт в книге (в Excel его не видно), но прочитан как таблица inputs.{table}: скрытый лист часто — старая копия таблицы; проверьте, что читается нужный лист, или покажите его (правой кнопкой по ярлыку листа › «Показать»)"
            ),
        ));
    }
    if !hidden.rows.is_empty() {
        let marked: std::collections::BTreeSet<u32> = hidden.rows.iter().copied().collect();
        // 1-based numbers of the data rows read that are hidden.
        let rows: Vec<u32> = sheet
            .rows()
            .map(|r| r.number())
            .filter(|n| marked.contains(&(n - 1)))
            .collect();
        if !rows.is_empty() {
            let (what, verb) = if rows.len() == 1 {
                ("строка", "скрыта")
            } else {
                ("строки", "скрыты")
            };
            out.push(Problem::new(
                sheet_place(),
                format!(
                    "{what} {} {verb} в Excel, но прочитаны как данные таблицы inputs.{table} и попадут в документы: в скрытых строках часто остаются выбывшие участники; если этих данных не должно быть в документах, удалите строки, иначе покажите их",
                    ranges(&rows)
                ),
            ));
        }
    }
    for (id, absolute) in sheet.read_columns() {
        if hidden
            .columns
            .iter()
            .any(|(first, last)| (*first..=*last).contains(&absolute))
        {
            let header = sheet.header_of(id).unwrap_or_default();
            out.push(Problem::new(
                sheet.header_place_absolute(absolute),
                format!(
                    "столбец {} «{header}» скрыт в Excel, но прочитан и попадёт в документы: проверьте его значения или покажите столбец",
                    column_letters(absolute)
                ),
            ));
        }
    }
    out
}

/// `3, 5–7, 12` of sorted 1-based row numbers; past [`SHOWN_RANGES`]
/// ranges, how many rows more.
fn ranges(rows: &[u32]) -> String {
    let mut spans: Vec<(u32, u32)> = Vec::new();
    for &n in rows {
        match spans.last_mut() {
            Some((_, last)) if n == *last + 1 => *last = n,
            _ => spans.push((n, n)),
        }
    }
    let mut parts: Vec<String> = spans
        .iter()
        .take(SHOWN_RANGES)
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}–{b}")
            }
        })
        .collect();
    let rest: u32 = spans
        .iter()
        .skip(SHOWN_RANGES)
        .map(|(a, b)| b - a + 1)
        .sum();
    if rest > 0 {
        parts.push(format!("и ещё {rest}"));
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::ranges;

    #[test]
    fn rows_are_named_as_ranges() {
        assert_eq!(ranges(&[3]), "3");
        assert_eq!(ranges(&[3, 5, 6, 7, 12]), "3, 5–7, 12");
        let many: Vec<u32> = (0..30).map(|i| i * 2 + 1).collect();
        assert_eq!(
            ranges(&many),
            format!(
                "{}, и ещё 10",
                (0..20)
                    .map(|i| (i * 2 + 1).to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        );
    }
}
