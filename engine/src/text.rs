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
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        // Russian and Latin letters, digits and the usual punctuation are
        // decided here: the general Unicode tables cost a third of reading
        // the tables (measured, `docs/bench.md`).
        match c {
            'а'..='я' | 'a'..='z' | '0'..='9' => out.push(c),
            'А'..='Я' => out.push(char::from_u32(u32::from(c) + 0x20).unwrap_or(c)),
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            'ё' | 'Ё' => out.push('е'),
            ' ' | '.' | ',' | '-' | '–' | '—' | '\u{a0}' | '"' | '«' | '»' | '(' | ')' | '/' =>
                {}
            _ => out.extend(
                c.to_lowercase()
                    .map(|c| if c == 'ё' { 'е' } else { c })
                    .filter(|c| c.is_alphanumeric()),
            ),
        }
    }
    out
}

/// A title without the item number typed before it: «1.1 Формирование
/// базы» → «Формирование базы», «2) Сбор» → «Сбор». Only a number with a
/// dot or a bracket counts: «10 встреч» keeps its number.
pub fn strip_item_number(title: &str) -> &str {
    let t = title.trim_start();
    let digits_and_dots = t
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(t.len(), |(i, _)| i);
    let (number, rest) = t.split_at(digits_and_dots);
    let (number, rest) = match rest.strip_prefix(')') {
        Some(r) => (number, r),
        None if number.contains('.') => (number, rest),
        None => return title,
    };
    let starts_with_digit = number.chars().next().is_some_and(|c| c.is_ascii_digit());
    match rest.strip_prefix([' ', '\u{a0}', '\t']) {
        Some(r) if starts_with_digit && !r.trim().is_empty() => r.trim_start(),
        _ => title,
    }
}

/// Key for a form of mentoring: like [`key`], so «Учитель-учитель»,
/// «ученик — ученик» and «ученик – ученик» all match.
pub fn form_key(text: &str) -> String {
    key(text)
}

/// The first character of `text` that no document may hold: a control
/// character other than tab, line feed and carriage return (those are read
/// as spaces), DEL, or the non-characters U+FFFE and U+FFFF. XML cannot
/// carry most of them, so a value with one would break the DOCX it is
/// printed in; it is refused where it is typed, naming its place.
pub fn forbidden_char(text: &str) -> Option<char> {
    text.chars().find(|&c| {
        matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}' | '\u{fffe}' | '\u{ffff}')
    })
}

/// Why a value with [`forbidden_char`] is refused, naming the character.
pub fn forbidden_message(c: char) -> String {
    format!(
        "в тексте управляющий символ U+{:04X}, которого не может быть в документе; удалите его (такие символы приносит копирование из других программ)",
        u32::from(c)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_chars_are_controls_and_non_characters() {
        assert_eq!(forbidden_char("Иванов\u{1}"), Some('\u{1}'));
        assert_eq!(forbidden_char("a\u{0}b"), Some('\u{0}'));
        assert_eq!(forbidden_char("\u{7f}"), Some('\u{7f}'));
        assert_eq!(forbidden_char("\u{ffff}"), Some('\u{ffff}'));
        assert_eq!(forbidden_char("\u{fffe}"), Some('\u{fffe}'));
        assert_eq!(forbidden_char("\u{1f}"), Some('\u{1f}'));
        assert_eq!(
            forbidden_char("Иванов\tПётр\r\nСергеевич «№ 5» \u{a0}—"),
            None
        );
        assert_eq!(
            forbidden_message('\u{1}').split(',').next(),
            Some("в тексте управляющий символ U+0001")
        );
    }

    #[test]
    fn keys_ignore_case_punctuation_and_yo() {
        assert_eq!(key("Ф.И.О."), key("фио"));
        assert_eq!(key(" Отметка о выполнении "), key("отметка  о выполнении"));
        assert_eq!(key("Ещё"), key("еще"));
        assert_eq!(form_key("Учитель-учитель"), form_key("учитель – учитель"));
        assert_eq!(form_key("ученик — ученик"), form_key("ученик – ученик"));
        assert_eq!(key("ПЕТРОВА-ВОДКИНА Ёлка"), "петроваводкинаелка");
    }

    #[test]
    fn the_fast_key_agrees_with_unicode() {
        let slow = |t: &str| -> String {
            t.chars()
                .flat_map(char::to_lowercase)
                .map(|c| if c == 'ё' { 'е' } else { c })
                .filter(|c| c.is_alphanumeric())
                .collect()
        };
        for t in [
            "Ф.И.О. (полностью)",
            "ПЕТРОВА-ВОДКИНА Ёлка «Ёж»",
            "Ünal İ. № 5, Ωμέγα",
            "учитель — учитель / ученик – ученик",
            "Дата\u{a0}окончания\t2025",
        ] {
            assert_eq!(key(t), slow(t), "{t}");
        }
    }

    #[test]
    fn typed_item_numbers_are_stripped() {
        for (typed, shown) in [
            ("1.1 Формирование базы", "Формирование базы"),
            ("1.1. Формирование базы", "Формирование базы"),
            ("2) Сбор согласий", "Сбор согласий"),
            ("3. Обучение", "Обучение"),
            ("10 встреч в течение года", "10 встреч в течение года"),
            ("Обучение наставников", "Обучение наставников"),
            ("1.1", "1.1"),
        ] {
            assert_eq!(strip_item_number(typed), shown, "{typed}");
        }
    }

    #[test]
    fn clean_collapses_spaces() {
        assert_eq!(
            clean("  Иванова\u{a0} Мария   Петровна "),
            "Иванова Мария Петровна"
        );
    }
}
