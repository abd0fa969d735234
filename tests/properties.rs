//! Invariants checked on generated inputs.

mod common;
use common::*;
use farmscan::fingerprint::fingerprint;
use farmscan::matching::index::simhash_candidates;
use proptest::prelude::*;

fn brute_force(prints: &[(u32, u64)], radius: u32) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    for i in 0..prints.len() {
        for j in i + 1..prints.len() {
            if (prints[i].1 ^ prints[j].1).count_ones() <= radius {
                let (a, b) = (prints[i].0, prints[j].0);
                out.push(if a < b { (a, b) } else { (b, a) });
            }
        }
    }
    out.sort_unstable();
    out
}

proptest! {
    #[test]
    fn bodies_differing_only_in_case_punctuation_and_spacing_fingerprint_alike(
        paras in prop::collection::vec("[a-zA-Z ,.]{0,200}", 0..8),
    ) {
        // A farm's reformatting (capitals, other punctuation, doubled
        // spaces) must not hide a copy.
        let restyled: Vec<String> = paras
            .iter()
            .map(|p| p.to_uppercase().replace(',', " ; ").replace(' ', "  "))
            .collect();
        let (a, b) = (fingerprint(&paras), fingerprint(&restyled));
        prop_assert_eq!(a.simhash, b.simhash);
        prop_assert_eq!(a.set(), b.set());
    }

    #[test]
    fn the_block_index_finds_exactly_the_brute_force_pairs(
        base in prop::collection::vec(any::<u64>(), 1..60),
        flips in prop::collection::vec((0usize..60, 0u32..64), 0..80),
        radius in 0u32..6,
    ) {
        // Near neighbours: copies of random fingerprints with a few bits flipped.
        let mut prints: Vec<(u32, u64)> = base.iter().enumerate().map(|(i, &h)| (i as u32, h)).collect();
        for (k, &(src, bit)) in flips.iter().enumerate() {
            let h = base[src % base.len()] ^ (1u64 << bit) ^ if k % 3 == 0 { 1u64 << ((bit + 7) % 64) } else { 0 };
            prints.push(((base.len() + k) as u32, h));
        }
        prop_assert_eq!(simhash_candidates(&prints, radius), brute_force(&prints, radius));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn the_report_has_one_row_per_page(pages in prop::collection::vec((0u8..4, "[a-z ]{0,300}"), 1..12)) {
        let dir = tempfile::tempdir().unwrap();
        for (i, (kind, text)) in pages.iter().enumerate() {
            let (name, content) = match kind {
                0 => (format!("p{i}.html"), format!("<p>{text}</p>")),
                1 => (format!("p{i}.txt"), text.clone()),
                2 => (format!("p{i}.html"), text.clone()),
                _ => (format!("p{i}.txt"), format!("Title line\n{text}\n- item one two three four\n")),
            };
            write(dir.path(), &name, content);
        }
        let out = farmscan().args(["scan", "-q"]).arg(dir.path()).output().unwrap();
        prop_assert!(out.status.success());
        prop_assert_eq!(rows(&String::from_utf8(out.stdout).unwrap()).len(), pages.len());
    }
}
