//! Fingerprints of a body: normalised word shingles, their hashes, and the
//! 64-bit SimHash over them.
//!
//! Each shingle is hashed once: the 64-bit hash votes in the SimHash and,
//! folded to 32 bits, keys the shingle for containment. (Hashing every
//! shingle again with SipHash for the SimHash, as the `simhash` crate does,
//! was the largest single cost of a scan; `benches/stages.rs` compares.)
//!
//! Shingles are taken inside paragraphs only, so re-paragraphed copies lose
//! only the few shingles that straddled a boundary, and every paragraph keeps
//! its own shingles for the `shared_paragraphs` count.

/// Words per shingle. Three words are specific enough that unrelated stories
/// share few shingles, yet short enough that one edited word costs only three.
pub(crate) const SHINGLE_WORDS: usize = 3;

/// Folds compatibility forms (NFKC: full-width letters, ligatures) and
/// case, keeps letters and digits of every script, and turns everything
/// else — punctuation of any script included — into single spaces. A
/// character of a script written without spaces (Chinese, Japanese, Thai
/// ...) is a word of its own, so shingles there are character n-grams and
/// a Chinese excerpt is found exactly like an English one.
pub fn normalise(text: &str) -> String {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};
    // ASCII is already in NFKC, and most other text is too: the quick
    // check spares the composing iterator for it.
    if text.is_ascii() || is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        fold_chars(text.chars(), text.len())
    } else {
        fold_chars(text.nfkc(), text.len())
    }
}

/// [`normalise`]'s folding of characters already in NFKC. Generic over the
/// iterator rather than boxed: a call through a pointer for every character
/// was a tenth of the folding.
fn fold_chars(chars: impl Iterator<Item = char>, len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut pending_space = false;
    for c in chars {
        // ASCII, most characters of most text, skips the tables of every
        // script that the general case below reads.
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                if pending_space && !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c.to_ascii_lowercase());
            } else {
                pending_space = true;
            }
        } else if c.is_alphanumeric() {
            let alone = crate::script::unspaced(c);
            if (pending_space || alone) && !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            pending_space = alone;
            for l in c.to_lowercase() {
                out.push(l);
            }
        } else {
            pending_space = true;
        }
    }
    out
}

/// The shingles of a normalised text as slices of it: each is
/// `SHINGLE_WORDS` consecutive words (or the whole text when shorter).
pub fn shingles(norm: &str) -> Vec<&str> {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(norm.match_indices(' ').map(|(i, _)| i + 1))
        .filter(|_| !norm.is_empty())
        .collect();
    if starts.is_empty() {
        return Vec::new();
    }
    if starts.len() <= SHINGLE_WORDS {
        return vec![norm];
    }
    (0..=starts.len() - SHINGLE_WORDS)
        .map(|i| {
            let end = starts.get(i + SHINGLE_WORDS).map_or(norm.len(), |&s| s - 1);
            &norm[starts[i]..end]
        })
        .collect()
}

/// 64-bit FNV-1a: fast, stable across runs and platforms, good enough to key
/// shingles (collisions only add noise to containment).
pub fn hash64(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    // A final avalanche so low bits (used for sampling) are well mixed.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

/// A shingle's hash. 32 bits: a collision only adds noise to containment
/// between two pages (about 1 in 50,000 for two 300-shingle bodies), and
/// half the memory per shingle is what lets a crawl's worth of pages fit.
pub(crate) type Shingle = u32;

pub(crate) fn fold(h: u64) -> Shingle {
    (h ^ (h >> 32)) as Shingle
}

/// Charikar's SimHash of 64-bit feature hashes: bit `i` is set when more
/// features have bit `i` set than clear. The per-bit counters are updated
/// for all 64 bits at once in a loop the compiler vectorises.
pub fn simhash(hashes: impl IntoIterator<Item = u64>) -> u64 {
    let mut votes = [0i32; 64];
    for h in hashes {
        for (i, v) in votes.iter_mut().enumerate() {
            *v += (((h >> i) & 1) as i32) * 2 - 1;
        }
    }
    votes
        .iter()
        .enumerate()
        .filter(|&(_, &v)| v > 0)
        .fold(0, |acc, (i, _)| acc | (1 << i))
}

/// The fingerprints of one body: its SimHash, and the shingle hashes of
/// its paragraphs, kept here or parked on disk (see [`crate::spill`]).
#[derive(Debug, Clone, Default)]
pub struct BodyPrint {
    /// SimHash of all the body's shingles.
    pub simhash: u64,
    body: Body,
    reword: Reword,
}

/// A body's rewording features (see [`crate::content_words`]), sorted and
/// deduplicated: kept beside its shingles, here or parked with them.
#[derive(Debug, Clone, Default)]
enum Reword {
    #[default]
    None,
    Here(Box<[Shingle]>),
    /// Parked after the body's shingles and ends, this many.
    Parked(u32),
}

#[derive(Debug, Clone)]
enum Body {
    /// Every paragraph's shingles one after another, and where each
    /// paragraph ends: two allocations a page, whatever its length.
    Here {
        shingles: Box<[Shingle]>,
        ends: Box<[u32]>,
    },
    /// Written to a spill file as the shingles followed by the ends.
    Parked {
        spill: std::sync::Arc<crate::spill::Spill>,
        at: u64,
        shingles: u32,
        paragraphs: u32,
    },
}

impl Default for Body {
    fn default() -> Self {
        Body::Here {
            shingles: Box::default(),
            ends: Box::default(),
        }
    }
}

/// A body's shingles by paragraph, borrowed or read back from disk.
pub struct Paragraphs<'a> {
    shingles: std::borrow::Cow<'a, [Shingle]>,
    ends: std::borrow::Cow<'a, [u32]>,
}

impl Paragraphs<'_> {
    /// Each paragraph's shingle hashes, in order.
    pub fn iter(&self) -> impl Iterator<Item = &[Shingle]> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(self.ends.iter().copied())
            .map(|(a, b)| &self.shingles[a as usize..b as usize])
    }

    /// All shingle hashes, sorted and deduplicated, for containment.
    pub fn set(&self) -> Vec<Shingle> {
        let mut set = self.shingles.to_vec();
        set.sort_unstable();
        set.dedup();
        set
    }

    pub(crate) fn to_vecs(&self) -> Vec<Vec<Shingle>> {
        self.iter().map(<[Shingle]>::to_vec).collect()
    }
}

impl BodyPrint {
    pub fn new(simhash: u64, paragraphs: &[Vec<Shingle>]) -> Self {
        let mut end = 0u32;
        let ends = paragraphs
            .iter()
            .map(|p| {
                end += p.len() as u32;
                end
            })
            .collect();
        BodyPrint {
            simhash,
            body: Body::Here {
                shingles: paragraphs.concat().into(),
                ends,
            },
            reword: Reword::None,
        }
    }

    /// This print with the body's rewording features (sorted, deduplicated).
    pub(crate) fn with_reword(mut self, features: Vec<Shingle>) -> Self {
        self.reword = Reword::Here(features.into());
        self
    }

    /// The body's rewording features, sorted and deduplicated; read back
    /// when parked.
    pub(crate) fn reword(&self) -> Vec<Shingle> {
        match (&self.reword, &self.body) {
            (Reword::None, _) => Vec::new(),
            (Reword::Here(features), _) => features.to_vec(),
            (
                Reword::Parked(count),
                Body::Parked {
                    spill,
                    at,
                    shingles,
                    paragraphs,
                },
            ) => {
                // The features follow the shingles and ends: read them alone.
                let skip = u64::from(*shingles + *paragraphs) * 4;
                spill.read(*at + skip, *count as usize).unwrap_or_else(|e| {
                    panic!("farmscan: cannot read back its temporary file of shingles: {e}")
                })
            }
            (Reword::Parked(_), Body::Here { .. }) => Vec::new(),
        }
    }

    /// The shingles by paragraph. A parked body is read back; the spill file
    /// is this process's own and open, so failing to read it is a fault of
    /// the machine (a disk gone), reported as such.
    pub fn paragraphs(&self) -> Paragraphs<'_> {
        match &self.body {
            Body::Here { shingles, ends } => Paragraphs {
                shingles: std::borrow::Cow::Borrowed(shingles),
                ends: std::borrow::Cow::Borrowed(ends),
            },
            Body::Parked {
                spill,
                at,
                shingles,
                paragraphs,
            } => {
                let mut words = spill
                    .read(*at, (*shingles + *paragraphs) as usize)
                    .unwrap_or_else(|e| {
                        panic!("farmscan: cannot read back its temporary file of shingles: {e}")
                    });
                let ends = words.split_off(*shingles as usize);
                Paragraphs {
                    shingles: words.into(),
                    ends: ends.into(),
                }
            }
        }
    }

    /// All shingle hashes, sorted and deduplicated.
    pub fn set(&self) -> Vec<Shingle> {
        self.paragraphs().set()
    }

    /// The bytes of shingles, paragraph ends and rewording features this
    /// print holds in memory (none once parked).
    pub(crate) fn held_bytes(&self) -> u64 {
        let reword = match &self.reword {
            Reword::Here(features) => features.len(),
            _ => 0,
        };
        match &self.body {
            Body::Here { shingles, ends } => ((shingles.len() + ends.len() + reword) * 4) as u64,
            Body::Parked { .. } => 0,
        }
    }

    /// Moves the shingles to `spill`; on a write error they stay here.
    pub(crate) fn park(&mut self, spill: &std::sync::Arc<crate::spill::Spill>) {
        let Body::Here { shingles, ends } = &self.body else {
            return;
        };
        let reword: &[Shingle] = match &self.reword {
            Reword::Here(features) => features,
            _ => &[],
        };
        let words: Vec<u32> = shingles
            .iter()
            .chain(ends.iter())
            .chain(reword)
            .copied()
            .collect();
        if let Ok(at) = spill.write(&words) {
            let parked = Reword::Parked(reword.len() as u32);
            self.body = Body::Parked {
                spill: spill.clone(),
                at,
                shingles: shingles.len() as u32,
                paragraphs: ends.len() as u32,
            };
            if !matches!(self.reword, Reword::None) {
                self.reword = parked;
            }
        }
    }
}

/// Fingerprints a body given as paragraphs.
pub fn fingerprint(paragraphs: &[String]) -> BodyPrint {
    let norms: Vec<String> = paragraphs.iter().map(|p| normalise(p)).collect();
    fingerprint_normalised(&norms)
}

/// Fingerprints a body given as paragraphs already normalised
/// ([`normalise`]), for a caller that reads them again.
pub(crate) fn fingerprint_normalised(norms: &[String]) -> BodyPrint {
    let hashes: Vec<Vec<u64>> = norms
        .iter()
        .map(|p| shingles(p).into_iter().map(hash64).collect())
        .collect();
    let simhash = simhash(hashes.iter().flatten().copied());
    let paragraphs: Vec<Vec<Shingle>> = hashes
        .iter()
        .map(|p| p.iter().copied().map(fold).collect())
        .collect();
    BodyPrint::new(simhash, &paragraphs)
}

/// How many elements two sorted, deduplicated slices share.
pub fn intersection_size<T: Ord + Copy>(a: &[T], b: &[T]) -> usize {
    intersection_reaching(a, b, 0).unwrap_or_default()
}

/// Elements of each side compared at once: eight by eight is where the
/// compiler's vector compares beat the merge's chain of dependent steps
/// most (4.2-5.2x the merge's speed on sets of 300-3,000; blocks of four
/// or sixteen gain less).
const LANES: usize = 8;

/// How many elements two sorted, deduplicated slices share, or `None` as
/// soon as what is left of them cannot bring the count to `need`: most
/// pairs verified share a few stock phrases, and a verdict needs only to
/// know they fall short.
///
/// Verifying candidate pairs runs this on every pair's shingle sets: it
/// was a sixth of a scan of real pages. Sets of like size are compared
/// block against block ([`LANES`] elements of each, every element against
/// every other, without a branch), the block with the smaller last element
/// giving way to the next; each element meets every element of the other
/// side it can equal exactly once. The ends shorter than a block are
/// merged, advancing both sides by each comparison's outcome rather than
/// branching on it. A set far shorter than the other is looked up in it
/// by binary search.
pub fn intersection_reaching<T: Ord + Copy>(a: &[T], b: &[T], need: usize) -> Option<usize> {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() * 32 < long.len() {
        let mut rest = long;
        let mut n = 0;
        for x in short {
            match rest.binary_search(x) {
                Ok(k) => {
                    n += 1;
                    rest = &rest[k + 1..];
                }
                Err(k) => rest = &rest[k..],
            }
        }
        return Some(n);
    }
    let (mut i, mut j, mut n) = (0, 0, 0);
    while let (Some(x), Some(y)) = (a.get(i..i + LANES), b.get(j..j + LANES)) {
        // No more can be shared than the shorter rest: each element is in
        // at most one shared pair, and none of the rests' pairs is counted
        // yet but those of the current blocks, which only loosens the bound.
        if n + (a.len() - i).min(b.len() - j) < need {
            return None;
        }
        n += x
            .iter()
            .map(|p| y.iter().filter(|&q| p == q).count())
            .sum::<usize>();
        let (last_x, last_y) = (x[LANES - 1], y[LANES - 1]);
        i += usize::from(last_x <= last_y) * LANES;
        j += usize::from(last_y <= last_x) * LANES;
    }
    // The ends: one side has fewer than a block left, so at most that many
    // more can be shared and no look at `need` pays before the end.
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        n += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    (n >= need).then_some(n)
}

/// Bits in which two fingerprints differ.
pub(crate) fn hamming(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_folds_case_and_punctuation() {
        assert_eq!(
            normalise("Kim’s  TRAIN—left, Monday!"),
            "kim s train left monday"
        );
    }

    #[test]
    fn unspaced_scripts_become_character_tokens_and_width_is_folded() {
        assert_eq!(
            normalise("北京今天下雨。Ｋｉｍ访问"),
            "北 京 今 天 下 雨 kim 访 问"
        );
        assert_eq!(normalise("東京の天気、晴れ"), "東 京 の 天 気 晴 れ");
        assert_eq!(normalise("«Москва», ١٢٣ كتاب"), "москва ١٢٣ كتاب");
        assert_eq!(shingles("北 京 今 天"), vec!["北 京 今", "京 今 天"]);
    }

    #[test]
    fn a_chinese_excerpt_is_contained_in_its_story() {
        let story = vec![
            "北京市政府今天宣布，从下个月开始，全市将新建二十个公园，并扩大地铁网络，以改善居民的生活环境。".to_string(),
            "市长在新闻发布会上表示，这些项目预计将在三年内完成，总投资超过五百亿元人民币。".to_string(),
            "专家认为，这一计划将有助于缓解城市交通压力，同时提高空气质量。".to_string(),
        ];
        let excerpt = vec![story[1].clone()];
        let (s, e) = (fingerprint(&story), fingerprint(&excerpt));
        assert_eq!(intersection_size(&e.set(), &s.set()), e.set().len());
        assert!(
            e.set().len() >= 20,
            "a paragraph gives enough character shingles: {}",
            e.set().len()
        );
    }

    #[test]
    fn shingles_are_three_word_windows() {
        assert_eq!(shingles("a b c d"), vec!["a b c", "b c d"]);
        assert_eq!(shingles("a b"), vec!["a b"]);
        assert!(shingles("").is_empty());
    }

    #[test]
    fn identical_bodies_have_identical_prints_and_edits_stay_close() {
        let body = vec![
            "The North Korean train presumably carrying leader Kim Jong Un departed for Russia on Sunday evening.".to_string(),
            "Citing unidentified government sources, the newspaper reported that a meeting is possible as early as Tuesday.".to_string(),
        ];
        let a = fingerprint(&body);
        let b = fingerprint(&body);
        assert_eq!(a.simhash, b.simhash);
        let mut edited = body.clone();
        edited[1] = edited[1].replace("newspaper", "daily");
        let c = fingerprint(&edited);
        assert!(hamming(a.simhash, c.simhash) < 20);
        assert!(intersection_size(&a.set(), &c.set()) >= a.set().len() - 3);
    }

    #[test]
    fn simhash_bits_are_majority_votes() {
        assert_eq!(simhash([]), 0);
        assert_eq!(simhash([0b1010]), 0b1010);
        // Bit 0 set in two of three, bit 1 in one of three, bit 63 in all.
        let top = 1 << 63;
        assert_eq!(simhash([top | 0b01, top | 0b11, top]), top | 0b01);
        // A tie leaves the bit clear.
        assert_eq!(simhash([0b1, 0b0]), 0);
    }

    proptest::proptest! {
        #[test]
        fn intersection_counts_what_a_set_counts(
            a in proptest::collection::btree_set(0u32..5000, 0..400),
            b in proptest::collection::btree_set(0u32..5000, 0..40),
        ) {
            let expected = a.intersection(&b).count();
            let (a, b): (Vec<u32>, Vec<u32>) = (a.into_iter().collect(), b.into_iter().collect());
            proptest::prop_assert_eq!(intersection_size(&a, &b), expected);
            proptest::prop_assert_eq!(intersection_size(&b, &a), expected);
        }

        #[test]
        fn a_merge_given_up_falls_short_and_one_finished_is_exact(
            a in proptest::collection::btree_set(0u32..600, 0..400),
            b in proptest::collection::btree_set(0u32..600, 0..400),
            need in 0usize..300,
        ) {
            let expected = a.intersection(&b).count();
            let (a, b): (Vec<u32>, Vec<u32>) = (a.into_iter().collect(), b.into_iter().collect());
            for got in [intersection_reaching(&a, &b, need), intersection_reaching(&b, &a, need)] {
                match got {
                    Some(n) => proptest::prop_assert_eq!(n, expected),
                    None => proptest::prop_assert!(expected < need),
                }
            }
            // Sets of like size are merged, and a merge that can still
            // reach `need` runs to the end.
            if a.len() * 32 >= b.len() && b.len() * 32 >= a.len() {
                proptest::prop_assert_eq!(
                    intersection_reaching(&a, &b, need).is_some(),
                    expected >= need
                );
            }
        }
    }

    #[test]
    fn a_need_met_only_by_every_element_left_is_still_reached() {
        // Identical sets: at every look, the count plus the rest is
        // exactly the need, and the merge must not give up.
        let set: Vec<u32> = (0..64).map(|i| i * 7).collect();
        assert_eq!(intersection_reaching(&set, &set, 64), Some(64));
        assert_eq!(intersection_reaching(&set, &set, 65), None);
        // One element short, found only in the ends past the blocks.
        let mut less = set.clone();
        less.pop();
        assert_eq!(intersection_reaching(&less, &set, 63), Some(63));
        assert_eq!(intersection_reaching(&less, &set, 64), None);
    }

    #[test]
    fn intersection_counts_shared_elements() {
        assert_eq!(intersection_size(&[1, 3, 5, 7], &[3, 4, 5, 8]), 2);
        // One set far shorter than the other takes the searching path.
        let long: Vec<u32> = (0..1000).map(|i| i * 3).collect();
        assert_eq!(intersection_size(&[3, 4, 2997, 3000], &long), 2);
        assert_eq!(intersection_size(&long, &[0, 1, 2997]), 2);
        assert_eq!(intersection_size(&[], &[1]), 0);
    }
}

#[cfg(test)]
mod parked {
    use super::*;

    #[test]
    fn a_parked_print_reads_back_its_paragraphs() {
        let body = vec![
            "One two three four five.".to_string(),
            "Six seven eight.".to_string(),
        ];
        let here = fingerprint(&body).with_reword(vec![3, 9, 27]);
        let mut parked = here.clone();
        parked.park(&std::sync::Arc::new(crate::spill::Spill::new().unwrap()));
        assert!(matches!(parked.body, Body::Parked { .. }));
        assert_eq!(parked.paragraphs().to_vecs(), here.paragraphs().to_vecs());
        assert_eq!(parked.set(), here.set());
        // The rewording features park with the shingles and read back alone.
        assert!(matches!(parked.reword, Reword::Parked(3)));
        assert_eq!(parked.reword(), [3, 9, 27]);
        assert_eq!(here.paragraphs().to_vecs().len(), 2);
    }
}
