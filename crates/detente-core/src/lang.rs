//! Language identification of the article body (ISO 639-1), by whatlang's trigram model.

/// One of the English function words, in any case (a word is compared once, lowercased on
/// the stack): when they make up a fifth of a text's first words, the text is English and the
/// trigram model is not needed (it is the costly part of a short article).
fn is_english_function_word(w: &str) -> bool {
    if w.len() > 5 || !w.is_ascii() {
        return false;
    }
    let mut buf = [0u8; 5];
    for (b, c) in buf.iter_mut().zip(w.bytes()) {
        *b = c.to_ascii_lowercase();
    }
    // a match compiles to a switch on the length and a few compares, not 36 slice compares
    matches!(
        &buf[..w.len()],
        b"the"
            | b"of"
            | b"and"
            | b"to"
            | b"in"
            | b"a"
            | b"is"
            | b"that"
            | b"for"
            | b"on"
            | b"was"
            | b"with"
            | b"he"
            | b"it"
            | b"as"
            | b"at"
            | b"by"
            | b"his"
            | b"said"
            | b"from"
            | b"has"
            | b"have"
            | b"are"
            | b"were"
            | b"be"
            | b"will"
            | b"an"
            | b"its"
            | b"their"
            | b"they"
            | b"this"
            | b"would"
            | b"not"
            | b"which"
            | b"after"
            | b"who"
    )
}

/// The ISO 639-1 code of the text's language; "und" when it cannot be told.
pub fn detect(text: &str) -> &'static str {
    let mut words = 0;
    let mut english = 0;
    // the first 200 words (runs of alphabetic characters), read by bytes: an ASCII byte is
    // its own character, other characters are decoded where they start
    let b = text.as_bytes();
    let alphabetic = |i: usize| -> (bool, usize) {
        if b[i] < 0x80 {
            (b[i].is_ascii_alphabetic(), 1)
        } else {
            let c = text[i..].chars().next().unwrap_or_default();
            (c.is_alphabetic(), c.len_utf8())
        }
    };
    let mut i = 0;
    while i < b.len() {
        let (alpha, len) = alphabetic(i);
        let start = i;
        i += len;
        if !alpha {
            continue;
        }
        while i < b.len() {
            if b[i].is_ascii_alphabetic() {
                i += 1;
                continue;
            }
            let (alpha, len) = alphabetic(i);
            if !alpha {
                break;
            }
            i += len;
        }
        words += 1;
        if is_english_function_word(&text[start..i]) {
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
    use super::detect;

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
