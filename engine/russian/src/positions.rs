//! Declension of job titles as they follow a verb or a preposition:
//! «в лице директора», «поручить заместителю директора по УВР».
//!
//! A position is a noun phrase whose head comes first: leading adjectives
//! or participles («главный», «исполняющий»), then the head noun
//! («директор», «руководитель»); whatever follows is already governed
//! («обязанности директора», «по учебно-воспитательной работе») and stays.
//! Titles are masculine in Russian usage whoever holds them («директор
//! Рябова Е. А.»), so the masculine paradigms suffice; a title whose head
//! ends otherwise (a feminine noun, an abbreviation) is left as written,
//! which a reader forgives more than a wrong ending.

use crate::Case;

/// `position` in `case`, first letter in lower case (it follows other words).
/// Text that is not a recognised position comes back lower-cased only.
pub fn decline_position(position: &str, case: Case) -> String {
    let text = position.trim();
    let mut out: Vec<String> = Vec::new();
    let mut words = text.split(' ');
    let mut head_done = case == Case::Nominative;
    for (i, word) in words.by_ref().enumerate() {
        let word = if i == 0 {
            lower_first(word)
        } else {
            word.to_owned()
        };
        if head_done {
            out.push(word);
            continue;
        }
        match decline_word(&word, case) {
            Some((form, is_noun)) => {
                out.push(form);
                head_done = is_noun;
            }
            None => {
                out.push(word);
                head_done = true;
            }
        }
    }
    out.join(" ")
}

/// Lower-cases the first letter unless the word is an abbreviation («ИО»).
fn lower_first(word: &str) -> String {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let second_upper = chars.clone().next().is_some_and(char::is_uppercase);
    if second_upper {
        return word.to_owned();
    }
    first.to_lowercase().chain(chars).collect()
}

/// The form of one word and whether it was the head noun.
fn decline_word(word: &str, case: Case) -> Option<(String, bool)> {
    if !word.chars().all(|c| c.is_alphabetic() || c == '-') || word.chars().count() < 3 {
        return None;
    }
    let lower = word.to_lowercase();
    // Adjectives and participles: «главный», «старший», «заведующий».
    for (ending, soft) in [("ый", false), ("ой", false), ("ий", true)] {
        if let Some(stem) = lower.strip_suffix(ending) {
            let stem = word.get(..stem.len())?;
            let soft = soft || ends_hushing(stem);
            let suffix = match (case, soft) {
                (Case::Genitive | Case::Accusative, false) => "ого",
                (Case::Genitive | Case::Accusative, true) => "его",
                (Case::Dative, false) => "ому",
                (Case::Dative, true) => "ему",
                (Case::Instrumental, _) => "им",
                (Case::Prepositional, false) => "ом",
                (Case::Prepositional, true) => "ем",
                (Case::Nominative, _) => ending,
            };
            // «главным», but «старшим» after a hushing letter: both are «-им»
            // except after a hard stem: «главный» → «главным».
            let suffix = if case == Case::Instrumental && !soft {
                "ым"
            } else {
                suffix
            };
            return Some((format!("{stem}{suffix}"), false));
        }
    }
    // Nouns of the second declension: «директор», «руководитель», «педагог».
    let last = lower.chars().last()?;
    if last == 'ь' {
        let stem = word.get(..word.len() - 'ь'.len_utf8())?;
        let suffix = match case {
            Case::Nominative => "ь",
            Case::Genitive | Case::Accusative => "я",
            Case::Dative => "ю",
            Case::Instrumental => "ем",
            Case::Prepositional => "е",
        };
        return Some((format!("{stem}{suffix}"), true));
    }
    let consonant = "бвгджзклмнпрстфхцчшщ".contains(last);
    if consonant {
        // «врачом», «экспертом»: titles ending in a hushing letter carry
        // the stress on the ending, so «-ом» throughout.
        let suffix = match case {
            Case::Nominative => "",
            Case::Genitive | Case::Accusative => "а",
            Case::Dative => "у",
            Case::Instrumental => "ом",
            Case::Prepositional => "е",
        };
        return Some((format!("{word}{suffix}"), true));
    }
    None
}

/// Stems ending in г, к, х, ж, ч, ш, щ take «-ий» → «-его/-ему» spelling
/// for hushing letters only; velars keep «-ого» («старший» vs «строгий» is
/// not a title concern).
fn ends_hushing(stem: &str) -> bool {
    stem.chars()
        .last()
        .is_some_and(|c| "жчшщ".contains(c.to_lowercase().next().unwrap_or(c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_decline_and_the_rest_stays() {
        let cases = [
            ("Директор", Case::Genitive, "директора"),
            ("Директор", Case::Dative, "директору"),
            ("Директор", Case::Instrumental, "директором"),
            ("Руководитель", Case::Genitive, "руководителя"),
            ("Заведующий", Case::Genitive, "заведующего"),
            ("Заведующий", Case::Dative, "заведующему"),
            ("Главный бухгалтер", Case::Dative, "главному бухгалтеру"),
            (
                "Главный бухгалтер",
                Case::Instrumental,
                "главным бухгалтером",
            ),
            (
                "Исполняющий обязанности директора",
                Case::Genitive,
                "исполняющего обязанности директора",
            ),
            (
                "Заместитель директора по учебно-воспитательной работе",
                Case::Dative,
                "заместителю директора по учебно-воспитательной работе",
            ),
            ("Старший методист", Case::Genitive, "старшего методиста"),
            ("Врач", Case::Instrumental, "врачом"),
            ("Директор", Case::Nominative, "директор"),
        ];
        for (title, case, want) in cases {
            assert_eq!(decline_position(title, case), want, "{title} {case:?}");
        }
    }

    #[test]
    fn unknown_shapes_stay_as_written() {
        assert_eq!(
            decline_position("ИО директора", Case::Genitive),
            "ИО директора"
        );
        assert_eq!(decline_position("", Case::Genitive), "");
        assert_eq!(decline_position("  ", Case::Dative), "");
    }
}
