//! Sets of named flags in a `u16` (the fields that took their default), shared by
//! [`crate::Defaults`] and [`crate::EmbodiedDefaults`]: bit `i` stands for `names[i]`.

/// The bit of `name`, if it is one of `names`.
pub(crate) fn bit(names: &[&str], name: &str) -> Option<u16> {
    names.iter().position(|n| *n == name).map(|i| 1 << i)
}

/// Whether `name` is set in `bits`.
pub(crate) fn contains(bits: u16, names: &[&str], name: &str) -> bool {
    bit(names, name).is_some_and(|b| bits & b != 0)
}

/// The names set in `bits`, in the order of `names`.
pub(crate) fn names(
    bits: u16,
    names: &'static [&'static str],
) -> impl Iterator<Item = &'static str> {
    names
        .iter()
        .enumerate()
        .filter(move |(i, _)| bits & (1 << i) != 0)
        .map(|(_, n)| *n)
}
