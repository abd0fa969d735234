//! Words for the messages and reports users read: counts with their nouns.

/// A count with its noun in the right number: "1 file", "2 files".
pub(crate) fn counted(n: impl TryInto<u64>, one: &str, many: &str) -> String {
    let n: u64 = n.try_into().unwrap_or(u64::MAX);
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_others_plural() {
        assert_eq!(counted(1, "file", "files"), "1 file");
        assert_eq!(counted(0usize, "file", "files"), "0 files");
        assert_eq!(counted(2u32, "copy", "copies"), "2 copies");
    }
}
