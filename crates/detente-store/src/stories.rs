//! Stories: exact and near-duplicate articles (the same wire story in several outlets, a
//! page fetched twice, a lightly edited rewrite) found with MinHash over word 3-shingles and
//! LSH banding. Pure functions; the store keeps each document's bands in `doc_bands`.
//!
//! 48 hashes in 12 bands of 4: two texts with shingle Jaccard similarity J share at least
//! one band with probability 1 - (1 - J^4)^12 (0.54 for J = 0.4, 0.98 for J = 0.6, 1.0 for
//! near-copies); candidates are then confirmed by the signatures' agreement.

use xxhash_rust::xxh3::xxh3_64;

pub const HASHES: usize = 48;
pub const BANDS: usize = 12;
const ROWS: usize = HASHES / BANDS;
/// Texts with fewer shingles are too short to call duplicates of anything.
const MIN_SHINGLES: usize = 8;
/// Signature agreement (an estimate of Jaccard similarity) that makes two texts one story.
pub const SAME_STORY: f64 = 0.5;
/// Two articles more than this many days apart are not one story, however alike.
pub const STORY_DAYS: i64 = 7;

/// A MinHash signature: the low 16 bits of each of the 48 minimum hashes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature(pub Vec<u16>);

fn mix(mut x: u64) -> u64 {
    // splitmix64's finaliser
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The signature of a text, or `None` when it is too short to compare.
pub fn signature(text: &str) -> Option<Signature> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.len() < 3 {
        return None;
    }
    let mut mins = [u64::MAX; HASHES];
    let mut n = 0usize;
    let mut buf = String::new();
    for w in words.windows(3) {
        buf.clear();
        buf.push_str(&w[0]);
        buf.push(' ');
        buf.push_str(&w[1]);
        buf.push(' ');
        buf.push_str(&w[2]);
        let h = xxh3_64(buf.as_bytes());
        n += 1;
        for (k, m) in mins.iter_mut().enumerate() {
            let v = mix(h ^ (k as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
            if v < *m {
                *m = v;
            }
        }
    }
    (n >= MIN_SHINGLES).then(|| Signature(mins.iter().map(|m| *m as u16).collect()))
}

impl Signature {
    /// The LSH band keys (one per band).
    pub fn bands(&self) -> Vec<i64> {
        self.0
            .chunks(ROWS)
            .enumerate()
            .map(|(b, rows)| {
                let mut bytes = Vec::with_capacity(2 + 2 * ROWS);
                bytes.extend_from_slice(&(b as u16).to_le_bytes());
                for r in rows {
                    bytes.extend_from_slice(&r.to_le_bytes());
                }
                xxh3_64(&bytes) as i64
            })
            .collect()
    }

    /// Share of agreeing hashes: an estimate of the texts' shingle Jaccard similarity.
    pub fn similarity(&self, other: &Signature) -> f64 {
        if self.0.len() != other.0.len() || self.0.is_empty() {
            return 0.0;
        }
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f64 / self.0.len() as f64
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    pub fn from_bytes(b: &[u8]) -> Option<Self> {
        (b.len() == 2 * HASHES).then(|| {
            Signature(
                b.chunks_exact(2)
                    .map(|c| u16::from_le_bytes([c[0], c[1]]))
                    .collect(),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "Russia and NATO held talks in Brussels on Wednesday. The Russian delegation \
        was led by Deputy Foreign Minister Alexander Grushko, who said relations were at a \
        critically low level. NATO Secretary-General Jens Stoltenberg said the alliance was \
        ready to listen but would not compromise on core principles.";

    #[test]
    fn a_copy_with_a_changed_sentence_is_the_same_story() {
        let b = A.replace(
            "on Wednesday",
            "on Wednesday, the first such meeting in two years",
        );
        let (sa, sb) = (signature(A).unwrap(), signature(&b).unwrap());
        assert!(sa.similarity(&sb) >= SAME_STORY, "{}", sa.similarity(&sb));
        let shared = sa.bands().iter().filter(|x| sb.bands().contains(x)).count();
        assert!(shared >= 1);
    }

    #[test]
    fn different_stories_do_not_match() {
        let other = "China and Japan signed a trade agreement in Tokyo on Friday after months \
            of negotiations over tariffs on steel, cars and rare earths, officials said, \
            adding that both sides hoped to expand the deal next year.";
        let (sa, so) = (signature(A).unwrap(), signature(other).unwrap());
        assert!(sa.similarity(&so) < 0.2, "{}", sa.similarity(&so));
    }

    #[test]
    fn case_and_punctuation_do_not_matter_and_short_texts_have_none() {
        let loud = A.to_uppercase().replace('.', "!");
        assert_eq!(signature(A), signature(&loud));
        assert!(signature("Too short to say.").is_none());
        let sig = signature(A).unwrap();
        assert_eq!(Signature::from_bytes(&sig.to_bytes()), Some(sig));
    }
}
