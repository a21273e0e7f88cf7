//! Russian quotation marks and a small, conservative typographer.
//!
//! Outer quotes are «ёлочки», quotes inside them „лапки“. Straight `"` and
//! English “ ” are read as opening or closing by what stands before them.

use crate::NBSP;

/// Whether a quote that can both open and close opens here: at the start,
/// after a space, a bracket, a dash or another opening quote.
fn opens_after(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => c.is_whitespace() || "([{-–—/«„".contains(c),
    }
}

/// Whether the char before a «г.» lets it be a word of its own.
fn is_cyrillic_upper(c: char) -> bool {
    matches!(c, 'А'..='Я' | 'Ё')
}

/// Whether the two characters before `end` are an initial: a capital
/// Cyrillic letter standing alone as a word, then a full stop (`Ю.`).
fn is_initial(chars: &[char], end: usize) -> bool {
    end >= 2
        && chars.get(end - 1) == Some(&'.')
        && chars.get(end - 2).copied().is_some_and(is_cyrillic_upper)
        && word_starts_at(end.checked_sub(3).and_then(|j| chars.get(j).copied()))
}

/// Whether a capitalised word of two letters or more ends just before `end`.
fn capitalised_word_ends_at(chars: &[char], end: usize) -> bool {
    let mut start = end;
    while start > 0 && (chars[start - 1].is_alphabetic() || chars[start - 1] == '-') {
        start -= 1;
    }
    end - start >= 2 && is_cyrillic_upper(chars[start])
}

fn word_starts_at(before: Option<char>) -> bool {
    match before {
        None => true,
        Some(b) => b.is_whitespace() || "(«„".contains(b),
    }
}

/// Rewrites every quotation mark of `text` by nesting depth, starting at
/// `depth` (1 when the text will be wrapped in «» itself).
/// «Б» (a class letter: one capital in quotes) starting at `start`.
fn class_letter_at(chars: &[char], start: usize) -> bool {
    chars.get(start) == Some(&'«')
        && chars.get(start + 1).is_some_and(|c| c.is_uppercase())
        && chars.get(start + 2) == Some(&'»')
}

/// The letters right after position `at`.
fn word_after(chars: &[char], at: usize) -> String {
    chars
        .iter()
        .skip(at + 1)
        .take_while(|c| c.is_alphabetic())
        .collect()
}

/// The letters right before position `at`.
fn word_before(chars: &[char], at: usize) -> String {
    let mut word: Vec<char> = chars[..at.min(chars.len())]
        .iter()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .copied()
        .collect();
    word.reverse();
    word.into_iter().collect()
}

fn nest_quotes(text: &str, depth: usize) -> String {
    nest_quotes_depth(text, depth).0
}

/// [`nest_quotes`] that also tells the depth left open at the end.
fn nest_quotes_depth(text: &str, mut depth: usize) -> (String, usize) {
    let mut out = String::with_capacity(text.len() + 8);
    let mut prev: Option<char> = None;
    for c in text.chars() {
        let opening = match c {
            '«' | '„' => Some(true),
            '»' | '”' => Some(false),
            // Inside „лапки“ a “ is their closing mark (the Russian use);
            // elsewhere it may open (the English use).
            '“' if depth >= 2 => Some(false),
            '"' | '“' => Some(opens_after(prev)),
            _ => None,
        };
        let emitted = match opening {
            Some(true) => {
                depth += 1;
                if depth == 1 {
                    '«'
                } else {
                    '„'
                }
            }
            Some(false) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    '»'
                } else {
                    '“'
                }
            }
            None => c,
        };
        out.push(emitted);
        prev = Some(emitted);
    }
    (out, depth)
}

/// Whether `text` (already nested) is one «…» pair from its first char to
/// its last: the outer quote closes only at the very end.
fn wrapped_whole(text: &str) -> bool {
    if !(text.starts_with('«') && text.ends_with('»')) {
        return false;
    }
    let mut depth = 0usize;
    let total = text.chars().count();
    for (i, c) in text.chars().enumerate() {
        match c {
            '«' | '„' => depth += 1,
            '»' | '“' => {
                depth = depth.saturating_sub(1);
                if depth == 0 && i + 1 < total {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0 && total >= 2
}

/// «ёлочки»: «text», with inner quotes (straight, «», “”) turned into „лапки“.
/// A text already quoted as a whole («"Точка роста"», ««Точка роста»») is not
/// quoted twice, so `quote(quote(x)) == quote(x)`.
pub fn quote(text: &str) -> String {
    let nested = nest_quotes(text, 0);
    if wrapped_whole(&nested) {
        return nested;
    }
    let (inner, open) = nest_quotes_depth(text, 1);
    let mut out = String::with_capacity(inner.len() + 8);
    out.push('«');
    out.push_str(&inner);
    // Close inner quotes the text left open, so the outer pair stays outer.
    for _ in 1..open {
        out.push('“');
    }
    out.push('»');
    out
}

/// Conservative typography for document text:
/// straight quotes → «ёлочки» (inner „лапки“), ` - ` → ` – `,
/// `№5` / `№ 5` → `№\u{a0}5`, `г. Омск` → `г.\u{a0}Омск`, `2026 г.` → `2026\u{a0}г.`,
/// and initials typed in the tables (`Сафронова Ю. К.`, `И. В. Кравченко`)
/// held together with their surname, as the `initials` helper prints them.
/// Nothing else is touched.
pub fn typograph(text: &str) -> String {
    let chars: Vec<char> = nest_quotes(text, 0).chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let at = |i: usize| chars.get(i).copied();
    let mut i = 0;
    while let Some(c) = at(i) {
        let prev = i.checked_sub(1).and_then(at);
        match c {
            // « - » between words: a spaced hyphen is a dash.
            '-' if prev == Some(' ') && at(i + 1).is_some_and(char::is_whitespace) => {
                out.push('–');
            }
            // «№ 5», «№5»: the sign sticks to its number.
            '№' => {
                out.push('№');
                let mut j = i + 1;
                while at(j) == Some(' ') {
                    j += 1;
                }
                if at(j).is_some_and(|d| d.is_ascii_digit()) {
                    out.push(NBSP);
                    i = j;
                    continue;
                }
            }
            // «г. Омск» (город) and «2026 г.» (год).
            ' ' if at(i + 1) == Some('г')
                && at(i + 2) == Some('.')
                && prev.is_some_and(|p| p.is_ascii_digit())
                && !at(i + 3).is_some_and(char::is_alphanumeric) =>
            {
                out.push(NBSP);
            }
            // «Сафронова Ю. К.», «Ю. К. Сафронова»: an initial never ends
            // a line apart from the other initial or the surname.
            ' ' if (is_initial(&chars, i) && at(i + 1).is_some_and(is_cyrillic_upper))
                || (is_initial(&chars, i + 3) && capitalised_word_ends_at(&chars, i)) =>
            {
                out.push(NBSP);
            }
            // «10 «Б» класс»: the grade, its letter and «класс» stay on one line.
            ' ' if (prev.is_some_and(|p| p.is_ascii_digit()) && class_letter_at(&chars, i + 1))
                || (i >= 3
                    && class_letter_at(&chars, i - 3)
                    && word_after(&chars, i).starts_with("класс")) =>
            {
                out.push(NBSP);
            }
            // «30 июня 2026 г.» typed in a text: the day, the month and the year
            // stay together (dates the engine prints come so from date_long).
            ' ' if (prev.is_some_and(|p| p.is_ascii_digit())
                && crate::dates::is_month_genitive(&word_after(&chars, i).to_lowercase()))
                || (crate::dates::is_month_genitive(&word_before(&chars, i).to_lowercase())
                    && (1..=4).all(|k| at(i + k).is_some_and(|d| d.is_ascii_digit()))) =>
            {
                out.push(NBSP);
            }
            ' ' if prev == Some('.')
                && i >= 2
                && at(i - 2) == Some('г')
                && word_starts_at(i.checked_sub(3).and_then(at))
                && at(i + 1).is_some_and(char::is_uppercase) =>
            {
                out.push(NBSP);
            }
            // «10 %»: the number and its sign stay together.
            ' ' if prev.is_some_and(|p| p.is_ascii_digit()) && at(i + 1) == Some('%') => {
                out.push(NBSP);
            }
            // «ул. Первомайская», «д. 12», «корп. 2»: an address's
            // abbreviation stays with what it names.
            ' ' if prev == Some('.')
                && ["ул", "д", "пр", "пер", "корп", "кв", "пл"]
                    .contains(&word_before(&chars, i - 1).as_str())
                && at(i + 1).is_some_and(char::is_alphanumeric) =>
            {
                out.push(NBSP);
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percents_and_addresses_keep_together() {
        assert_eq!(typograph("доплата 10 % ставки"), "доплата 10\u{a0}% ставки");
        assert_eq!(
            typograph("г. Тара, ул. Первомайская, д. 12"),
            "г.\u{a0}Тара, ул.\u{a0}Первомайская, д.\u{a0}12"
        );
        // «и т. д. Далее»: not an address.
        assert_eq!(typograph("и т. п. Далее"), "и т. п. Далее");
    }

    #[test]
    fn quote_wraps_and_nests() {
        assert_eq!(quote("Наставник"), "«Наставник»");
        assert_eq!(quote("МБОУ \"СОШ № 5\""), "«МБОУ „СОШ № 5“»");
        assert_eq!(quote("МБОУ «СОШ № 5»"), "«МБОУ „СОШ № 5“»");
        assert_eq!(quote("МБОУ “СОШ № 5”"), "«МБОУ „СОШ № 5“»");
        assert_eq!(quote(""), "«»");
    }

    #[test]
    fn quote_does_not_double_quote() {
        assert_eq!(quote("«Точка роста»"), "«Точка роста»");
        assert_eq!(quote("\"Точка роста\""), "«Точка роста»");
        assert_eq!(quote("\"Школа \"Успех\"\""), "«Школа „Успех“»");
        // Two quoted parts are not one whole: wrap them.
        assert_eq!(quote("«А» и «Б»"), "«„А“ и „Б“»");
        assert_eq!(quote("«"), "«„“»");
        assert_eq!(quote("«„“»"), "«„“»");
        assert_eq!(quote("„Привет“"), "«Привет»");
    }

    #[test]
    fn typograph_quotes() {
        assert_eq!(typograph("МБОУ \"СОШ № 5\""), "МБОУ «СОШ №\u{a0}5»");
        assert_eq!(
            typograph("\"Школа \"Успех\" и партнёры\""),
            "«Школа „Успех“ и партнёры»"
        );
        assert_eq!(
            typograph("программа \"Вместе\", 2026"),
            "программа «Вместе», 2026"
        );
        assert_eq!(typograph("(\"А\")"), "(«А»)");
    }

    #[test]
    fn typograph_binds_classes_and_dates() {
        assert_eq!(typograph("10 «Б» класс"), "10\u{a0}«Б»\u{a0}класс");
        assert_eq!(
            typograph("обучающуюся 10 «А» класса"),
            "обучающуюся 10\u{a0}«А»\u{a0}класса"
        );
        assert_eq!(
            typograph("по 30 июня 2026 г."),
            "по 30\u{a0}июня\u{a0}2026\u{a0}г."
        );
        assert_eq!(
            typograph("с 1 Сентября 2025"),
            "с 1\u{a0}Сентября\u{a0}2025"
        );
        // Not a class or a date: spaces stay.
        assert_eq!(typograph("в 10 «Точках роста»"), "в 10 «Точках роста»");
        assert_eq!(typograph("5 наставников мая"), "5 наставников мая");
        assert_eq!(typograph("июня 12 дней"), "июня 12 дней");
        // Idempotent.
        let once = typograph("10 «Б» класс, 30 июня 2026 г.");
        assert_eq!(typograph(&once), once);
    }

    #[test]
    fn typograph_dashes_numbers_and_towns() {
        assert_eq!(typograph("ученик - ученик"), "ученик – ученик");
        assert_eq!(typograph("учитель-наставник"), "учитель-наставник");
        assert_eq!(typograph("-5 и 3-4"), "-5 и 3-4");
        assert_eq!(typograph("№5"), "№\u{a0}5");
        assert_eq!(typograph("приказ №  12"), "приказ №\u{a0}12");
        assert_eq!(typograph("№ п/п"), "№ п/п");
        assert_eq!(typograph("г. Омск"), "г.\u{a0}Омск");
        assert_eq!(typograph("школа (г. Омск)"), "школа (г.\u{a0}Омск)");
        assert_eq!(typograph("2026 г."), "2026\u{a0}г.");
        assert_eq!(typograph("в 2026 г., далее"), "в 2026\u{a0}г., далее");
        assert_eq!(typograph("2026 год"), "2026 год");
        assert_eq!(typograph("пег. Омск"), "пег. Омск");
        assert_eq!(typograph("г. омск"), "г. омск");
    }

    #[test]
    fn typograph_holds_initials_together() {
        assert_eq!(
            typograph("Сафронова Ю. К., педагог-психолог"),
            "Сафронова\u{a0}Ю.\u{a0}К., педагог-психолог"
        );
        assert_eq!(typograph("И. В. Кравченко"), "И.\u{a0}В.\u{a0}Кравченко");
        assert_eq!(
            typograph("(Петрова-Водкина А. А.)"),
            "(Петрова-Водкина\u{a0}А.\u{a0}А.)"
        );
        // Not initials: a lower-case word, a longer abbreviation, a sentence end.
        assert_eq!(typograph("на стр. 5"), "на стр. 5");
        assert_eq!(typograph("от И. до"), "от И. до");
        assert_eq!(typograph("Этап 1. Подготовка"), "Этап 1. Подготовка");
        assert_eq!(typograph("ст. Омск"), "ст. Омск");
    }

    #[test]
    fn typograph_leaves_plain_text_alone() {
        let plain = "Положение о программе наставничества, стр. 5.";
        assert_eq!(typograph(plain), plain);
        assert_eq!(typograph(""), "");
    }
}
