//! A name with the position beside it, both in the case the sentence
//! governs: «Назначить куратором Кравченко Ирину Валерьевну, заместителя
//! директора по учебно-воспитательной работе»; «объявить благодарность
//! Черных Любови Ивановне, учителю математики». An apposition agrees with
//! the name in case, and a learner's status in gender («студентку»).

use crate::names::{decline, person_gender, surname_initials_in};
use crate::positions::position_in;
use crate::{Case, Gender};

/// The full name and its position in `case`: «Петрову-Водкину Любовь
/// Ильиничну, заместителя директора по учебно-воспитательной работе».
/// `gender` overrides the one told by the name; an empty position leaves
/// the name alone.
pub fn apposition(full_name: &str, position: &str, case: Case, gender: Option<Gender>) -> String {
    let gender = gender.unwrap_or_else(|| person_gender(full_name, None));
    join_apposition(
        &decline(full_name, case, Some(gender)),
        &position_in(position, case, gender),
    )
}

/// The surname with initials and the position in `case`: «Кравченко И. В.,
/// заместителя директора по учебно-воспитательной работе».
pub fn apposition_initials(
    full_name: &str,
    position: &str,
    case: Case,
    gender: Option<Gender>,
) -> String {
    let gender = gender.unwrap_or_else(|| person_gender(full_name, None));
    join_apposition(
        &surname_initials_in(full_name, case, Some(gender)),
        &position_in(position, case, gender),
    )
}

/// «name, position»; the name alone when the position is blank.
pub fn join_apposition(name: &str, position: &str) -> String {
    let position = position.trim();
    if position.is_empty() {
        name.to_owned()
    } else {
        format!("{name}, {position}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_position_leaves_the_name() {
        assert_eq!(
            apposition("Иванов Иван Иванович", " ", Case::Dative, None),
            "Иванову Ивану Ивановичу"
        );
        assert_eq!(join_apposition("Иванову И. И.", ""), "Иванову И. И.");
    }

    #[test]
    fn the_given_gender_wins() {
        assert_eq!(
            apposition(
                "Ким Саша",
                "студент 1 курса",
                Case::Accusative,
                Some(Gender::Female)
            ),
            "Ким Сашу, студентку 1 курса"
        );
    }
}
