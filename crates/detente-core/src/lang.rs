//! Language identification of the article body (ISO 639-1), by whatlang's trigram model.

use crate::swar::{LANES, TOPS, eight_at};

/// The English function words: when they make up a fifth of a text's first words, the text is
/// English and the trigram model is not needed (it is the costly part of a short article).
const FUNCTION_WORDS: [&[u8]; 36] = [
    b"the", b"of", b"and", b"to", b"in", b"a", b"is", b"that", b"for", b"on", b"was", b"with",
    b"he", b"it", b"as", b"at", b"by", b"his", b"said", b"from", b"has", b"have", b"are", b"were",
    b"be", b"will", b"an", b"its", b"their", b"they", b"this", b"would", b"not", b"which",
    b"after", b"who",
];

/// A word of at most eight bytes as a number (its first byte in the low byte, zeros after it).
const fn word_key(w: &[u8]) -> u64 {
    let mut k = 0;
    let mut j = 0;
    while j < w.len() && j < 8 {
        k |= (w[j] as u64) << (8 * j);
        j += 1;
    }
    k
}

/// The multiplier that sends each of [`FUNCTION_WORDS`] to its own slot of [`FUNCTION_TABLE`]
/// (by the top six bits of the product; found by trying, checked when the table is built).
const FUNCTION_MULTIPLIER: u64 = 0xfa4d_2176_9ca9_a47f;

/// [`FUNCTION_WORDS`] by their slot: a word is one of them when the slot of its key holds
/// its key (an empty slot holds 0, which no word's key is).
const FUNCTION_TABLE: [u64; 64] = {
    let mut t = [0u64; 64];
    let mut i = 0;
    while i < FUNCTION_WORDS.len() {
        let k = word_key(FUNCTION_WORDS[i]);
        let slot = function_slot(k);
        assert!(t[slot] == 0, "two function words share a slot");
        t[slot] = k;
        i += 1;
    }
    t
};

const fn function_slot(key: u64) -> usize {
    (key.wrapping_mul(FUNCTION_MULTIPLIER) >> 58) as usize
}

/// One of the English function words, in any case, told from a word of ASCII letters by one
/// multiplication and one compare (the key of the lowercase word picks the only slot it may
/// be in).
#[cfg(test)]
fn is_english_function_word(w: &[u8]) -> bool {
    w.len() <= 5 && is_function_key(eight_at(w, 0), w.len())
}

/// [`is_english_function_word`] of the word of `len` ASCII letters (at most five) that `x`
/// (eight bytes of text) starts with.
#[inline]
fn is_function_key(x: u64, len: usize) -> bool {
    // (ASCII letters: setting bit 5 lowercases them)
    let key = (x | 0x2020_2020_2020_2020) & !(!0u64 << (8 * len));
    FUNCTION_TABLE[function_slot(key)] == key
}

/// The top bit of each lane of `x` that holds no ASCII letter. Exact per lane: with bit 5 set
/// a letter is 'a'..='z', and of the low seven bits plus 0x1f only those from 'a' up reach the
/// top bit, plus 0x05 only those from '{' up; no sum carries into the next lane.
#[inline]
fn non_letters(x: u64) -> u64 {
    let low = (x | (0x20 * LANES)) & !TOPS;
    let from_a = low + (0x80 - u64::from(b'a')) * LANES;
    let from_after_z = low + (0x80 - u64::from(b'z') - 1) * LANES;
    !(from_a & !from_after_z & !x) & TOPS
}

/// The ISO 639-1 code of the text's language; "und" when it cannot be told.
pub fn detect(text: &str) -> &'static str {
    let mut words = 0;
    let mut english = 0;
    // the first 200 words (runs of alphabetic characters), read by bytes: a run of ASCII
    // letters is passed over without decoding, other characters are decoded where they start
    let b = text.as_bytes();
    let alphabetic_at = |i: usize| -> Option<usize> {
        let c = text[i..].chars().next().unwrap_or_default();
        c.is_alphabetic().then(|| c.len_utf8())
    };
    let mut i = 0;
    while i < b.len() {
        let start = i;
        let c = b[i];
        // a word of ASCII letters only can be a function word
        let mut ascii = true;
        if c.is_ascii_alphabetic() {
            i += 1;
        } else if c < 0x80 {
            i += 1;
            continue;
        } else {
            match alphabetic_at(i) {
                Some(len) => {
                    i += len;
                    ascii = false;
                }
                None => {
                    i += text[i..].chars().next().map_or(1, char::len_utf8);
                    continue;
                }
            }
        }
        loop {
            // the run of ASCII letters, eight bytes at a time (a word is short: most end in
            // the first eight)
            loop {
                let ends = non_letters(eight_at(b, i));
                if ends != 0 {
                    i += (ends.trailing_zeros() / 8) as usize;
                    break;
                }
                i += 8;
            }
            if i < b.len()
                && b[i] >= 0x80
                && let Some(len) = alphabetic_at(i)
            {
                i += len;
                ascii = false;
                continue;
            }
            break;
        }
        words += 1;
        if ascii && i - start <= 5 && is_function_key(eight_at(b, start), i - start) {
            english += 1;
        }
        // sixty words with a quarter of them function words: English, no need to go on
        if words == 60 && english * 4 >= words {
            return "en";
        }
        // forty function words make a fifth of the 200 words read at most: English already
        if english == 40 {
            return "en";
        }
        if words == 200 {
            break;
        }
    }
    if words >= 8 && english * 5 >= words {
        return "en";
    }
    let sample: String = text.chars().take(2000).collect();
    let Some(info) = whatlang::detect(&sample) else {
        return "und";
    };
    // a short text in Latin script gives the trigram model too little to go on ("Russian
    // missiles struck Kyiv on Monday." reads as Finnish): an unreliable guess is not kept; an
    // English function word or two in a handful of words then says English (other scripts
    // narrow the language down by themselves)
    if words < 20 && !info.is_reliable() && info.script() == whatlang::Script::Latin {
        return if english > 0 && english * 6 >= words {
            "en"
        } else {
            "und"
        };
    }
    use whatlang::Lang::*;
    #[allow(unreachable_patterns)]
    match info.lang() {
        Eng => "en",
        Rus => "ru",
        Ukr => "uk",
        Deu => "de",
        Fra => "fr",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Nld => "nl",
        Pol => "pl",
        Ces => "cs",
        Slk => "sk",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Bul => "bg",
        Ron => "ro",
        Hun => "hu",
        Fin => "fi",
        Swe => "sv",
        Dan => "da",
        Nob => "nb",
        Est => "et",
        Lav => "lv",
        Lit => "lt",
        Ell => "el",
        Tur => "tr",
        Ara => "ar",
        Heb => "he",
        Pes => "fa",
        Urd => "ur",
        Hin => "hi",
        Ben => "bn",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Vie => "vi",
        Tha => "th",
        Ind => "id",
        Tgl => "tl",
        Kat => "ka",
        Hye => "hy",
        Aze => "az",
        Bel => "be",
        Epo => "eo",
        Afr => "af",
        Zul => "zu",
        Cat => "ca",
        Mkd => "mk",
        Tam => "ta",
        Tel => "te",
        Mar => "mr",
        Guj => "gu",
        Kan => "kn",
        Mal => "ml",
        Pan => "pa",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Mya => "my",
        Amh => "am",
        Yid => "yi",
        Uzb => "uz",
        Tuk => "tk",
        Jav => "jv",
        Sna => "sn",
        Aka => "ak",
        Lat => "la",
        Ori => "or",
        Cym => "cy",
        _ => "und",
    }
}

#[cfg(test)]
mod tests {
    use super::{FUNCTION_WORDS, detect, is_english_function_word};

    #[test]
    fn function_words_in_any_case_and_no_others() {
        for w in FUNCTION_WORDS {
            assert!(is_english_function_word(w));
            assert!(is_english_function_word(&w.to_ascii_uppercase()));
        }
        for w in ["th", "thes", "ofa", "whiche", "x", "said", "Saw", "tHeIr"] {
            assert_eq!(
                is_english_function_word(w.as_bytes()),
                FUNCTION_WORDS.contains(&w.to_ascii_lowercase().as_bytes()),
                "{w}"
            );
        }
    }

    #[test]
    fn english_fast_path_and_other_languages() {
        assert_eq!(
            detect("Russia and NATO held talks in Brussels on Monday, the ministry said."),
            "en"
        );
        assert_eq!(
            detect(
                "Россия и НАТО провели переговоры в Брюсселе в понедельник, сообщило министерство обороны."
            ),
            "ru"
        );
        assert_eq!(
            detect(
                "La Russie et l'OTAN ont tenu des pourparlers à Bruxelles lundi, a indiqué le ministère."
            ),
            "fr"
        );
    }

    #[test]
    fn a_short_english_sentence_is_not_guessed_as_another_language() {
        assert_eq!(detect("Russian missiles struck Kyiv on Monday."), "en");
        assert_eq!(detect("Россия и НАТО провели переговоры."), "ru");
    }
}
