//! Normalising text as school staff type it.

/// Trims and collapses inner whitespace (including non-breaking spaces) to one space.
pub fn clean(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Key for forgiving matching of headers and enumerations: lower case,
/// `ё` → `е`, every run of punctuation, dashes and spaces dropped.
/// «Ф.И.О.» and «ФИО», «Дата  окончания » and «дата окончания» give the same key.
pub fn key(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Key for a form of mentoring: like [`key`], so «Учитель-учитель»,
/// «ученик — ученик» and «ученик – ученик» all match.
pub fn form_key(text: &str) -> String {
    key(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_punctuation_and_yo() {
        assert_eq!(key("Ф.И.О."), key("фио"));
        assert_eq!(key(" Отметка о выполнении "), key("отметка  о выполнении"));
        assert_eq!(key("Ещё"), key("еще"));
        assert_eq!(form_key("Учитель-учитель"), form_key("учитель – учитель"));
        assert_eq!(form_key("ученик — ученик"), form_key("ученик – ученик"));
    }

    #[test]
    fn clean_collapses_spaces() {
        assert_eq!(
            clean("  Иванова\u{a0} Мария   Петровна "),
            "Иванова Мария Петровна"
        );
    }
}
