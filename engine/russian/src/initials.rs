//! Initials with non-breaking spaces: «И. И. Иванов», «Иванов И. И.».

use crate::NBSP;

/// The initial of one given name: «Иван» → «И.», «Анна-Мария» → «А.-М.».
/// `None` when the word has no letter at all.
fn initial_of(word: &str) -> Option<String> {
    let pieces: Vec<String> = word
        .split('-')
        .filter_map(|piece| {
            let letter = piece.chars().find(|c| c.is_alphabetic())?;
            let upper: String = letter.to_uppercase().collect();
            Some(format!("{upper}."))
        })
        .collect();
    if pieces.is_empty() {
        None
    } else {
        Some(pieces.join("-"))
    }
}

/// Initials of the given names (first name and the first word of the
/// patronymic), at most two. Glued initials typed as «И.И.» count as two.
pub(crate) fn initials_of(given: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for word in given {
        if word.contains('.') {
            out.extend(word.split('.').filter_map(initial_of));
        } else if let Some(initial) = initial_of(word) {
            out.push(initial);
        }
    }
    out.truncate(2);
    out
}

/// Words of a name, any whitespace (also non-breaking) separating them.
pub(crate) fn words(full_name: &str) -> Vec<&str> {
    full_name.split_whitespace().collect()
}

/// Given names to take initials from: the first name and the first word of
/// the patronymic (a trailing «оглы» or «кызы» gives no initial).
fn given_names<'a>(words: &[&'a str]) -> Vec<&'a str> {
    words.iter().skip(1).take(2).copied().collect()
}

fn collapsed(full_name: &str) -> String {
    words(full_name).join(" ")
}

/// Builds «Иванов И. И.» from an already chosen surname form.
pub(crate) fn surname_first_with(surname: &str, given: &[&str]) -> String {
    let mut out = surname.to_owned();
    for initial in initials_of(given) {
        out.push(NBSP);
        out.push_str(&initial);
    }
    out
}

/// «И. И. Иванов» (initials first), non-breaking spaces.
/// A single word comes back trimmed.
pub fn initials_first(full_name: &str) -> String {
    let words = words(full_name);
    let (Some(surname), true) = (words.first(), words.len() >= 2) else {
        return collapsed(full_name);
    };
    let initials = initials_of(&given_names(&words));
    if initials.is_empty() {
        return collapsed(full_name);
    }
    let mut out = String::new();
    for initial in initials {
        out.push_str(&initial);
        out.push(NBSP);
    }
    out.push_str(surname);
    out
}

/// «Иванов И. И.» (surname first), non-breaking spaces.
/// A single word comes back trimmed.
pub fn surname_initials(full_name: &str) -> String {
    let words = words(full_name);
    let (Some(surname), true) = (words.first(), words.len() >= 2) else {
        return collapsed(full_name);
    };
    let given = given_names(&words);
    if initials_of(&given).is_empty() {
        return collapsed(full_name);
    }
    surname_first_with(surname, &given)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_words() {
        assert_eq!(
            initials_first("Иванов Иван Иванович"),
            "И.\u{a0}И.\u{a0}Иванов"
        );
        assert_eq!(
            surname_initials("Иванов Иван Иванович"),
            "Иванов\u{a0}И.\u{a0}И."
        );
    }

    #[test]
    fn two_words_and_spaces() {
        assert_eq!(initials_first("Иванов Иван"), "И.\u{a0}Иванов");
        assert_eq!(surname_initials("  Иванов \t Иван  "), "Иванов\u{a0}И.");
        assert_eq!(
            initials_first(" Петрова\u{a0}\u{a0}мария   петровна "),
            "М.\u{a0}П.\u{a0}Петрова"
        );
    }

    #[test]
    fn double_first_name_and_glued_initials() {
        assert_eq!(
            initials_first("Петрова-Водкина Анна-Мария Сергеевна"),
            "А.-М.\u{a0}С.\u{a0}Петрова-Водкина"
        );
        assert_eq!(surname_initials("Иванов И.И."), "Иванов\u{a0}И.\u{a0}И.");
        assert_eq!(surname_initials("Иванов И. И."), "Иванов\u{a0}И.\u{a0}И.");
    }

    #[test]
    fn oglu_gives_no_initial() {
        assert_eq!(
            surname_initials("Алиев Рашид Намик оглы"),
            "Алиев\u{a0}Р.\u{a0}Н."
        );
    }

    #[test]
    fn single_word_or_empty_is_kept() {
        assert_eq!(initials_first("  Иванов "), "Иванов");
        assert_eq!(surname_initials(""), "");
        assert_eq!(initials_first("Иванов 123"), "Иванов 123");
    }
}
