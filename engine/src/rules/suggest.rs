//! «Возможно, имелось в виду …»: the closest known name to a misspelt one
//! (a parameter, a rule id), so that a methodologist sees the fix at once.

/// The known name closest to `name`, if it is close enough to be a typo:
/// at most a third of its characters differ (edit distance, a swap of two
/// neighbours counting once), at least one.
pub fn closest<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let budget = (name.chars().count() / 3).max(1);
    known
        .into_iter()
        .filter(|k| *k != name)
        .map(|k| (strsim::osa_distance(name, k), k))
        .filter(|(d, _)| *d <= budget)
        .min_by_key(|(d, k)| (*d, *k))
        .map(|(_, k)| k)
}

/// `; возможно, имелось в виду «…»` or, with no close name, the list of
/// known names (as many as fit a line), so the message always shows a way out.
pub fn hint<'a>(name: &str, known: impl IntoIterator<Item = &'a str> + Clone) -> String {
    if let Some(k) = closest(name, known.clone()) {
        return format!("; возможно, имелось в виду «{k}»");
    }
    let all: Vec<&str> = known.into_iter().collect();
    if all.is_empty() {
        return String::new();
    }
    const SHOWN: usize = 12;
    let mut list = all
        .iter()
        .take(SHOWN)
        .map(|k| format!("«{k}»"))
        .collect::<Vec<_>>()
        .join(", ");
    if all.len() > SHOWN {
        list.push_str(&format!(" и ещё {}", all.len() - SHOWN));
    }
    format!("; допустимые: {list}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_finds_its_name_and_a_stranger_does_not() {
        let known = ["min_mentee_age", "adult_age", "stage7.coverage"];
        assert_eq!(closest("min_menteee_age", known), Some("min_mentee_age"));
        assert_eq!(closest("stage7.coverag", known), Some("stage7.coverage"));
        assert_eq!(closest("совсем другое", known), None);
        assert_eq!(
            hint("adultage", known),
            "; возможно, имелось в виду «adult_age»"
        );
        assert!(hint("zzz", known).starts_with("; допустимые: «min_mentee_age»"));
    }
}
